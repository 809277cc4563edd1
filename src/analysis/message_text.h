#pragma once
// How numbers and lists read in the messages the analyses write to stderr.

#include <sstream>
#include <string>
#include <vector>

namespace urbangis {

// A number with up to `precision` significant digits, as people read it: 1489.86, 0.25, 1e+06.
inline std::string number(double value, int precision = 6) {
  std::ostringstream text;
  text.precision(precision);
  text << value;
  return text.str();
}

// "a, b, c", the first `most` items and how many there are in all.
inline std::string listOf(const std::vector<std::string>& items, size_t most = 10) {
  std::string text;
  for (size_t i = 0; i < items.size() && i < most; ++i) text += (i ? ", " : "") + items[i];
  if (items.size() > most) text += ", … (" + std::to_string(items.size()) + " in all)";
  return text;
}

}  // namespace urbangis
