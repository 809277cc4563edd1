#pragma once
// Errors a user can act on. The message names where the problem is (file, layer, feature, key)
// and what is wrong; the CLI shows it as one line and exits with code 2.

#include <stdexcept>
#include <string>

namespace urbangis {

// Bad input: a missing file, a malformed catalog, a field that does not exist, ...
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked to stop (Ctrl-C or Cancel).
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace urbangis
