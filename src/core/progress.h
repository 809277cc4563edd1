#pragma once
// Progress and cancellation for long work. Algorithms report what stage they are in and how
// far along; faces (CLI, viewer) decide how to show it and when to cancel.

#include <atomic>
#include <string_view>

#include "core/error.h"

namespace urbangis {

class Progress {
 public:
  virtual ~Progress() = default;
  // `fraction` in [0, 1] within `stage`, or negative when unknown. May be called from any
  // thread; implementations must be thread-safe.
  virtual void report(std::string_view stage, double fraction) const = 0;
  virtual bool cancelled() const = 0;

  // Throws Cancelled when the user asked to stop: call between units of work.
  void checkCancelled() const {
    if (cancelled()) throw Cancelled();
  }
};

// For callers that show nothing and never cancel (tests, library use).
class SilentProgress final : public Progress {
 public:
  void report(std::string_view, double) const override {}
  bool cancelled() const override { return false; }
};

}  // namespace urbangis
