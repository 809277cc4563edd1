#pragma once
// Text a person reads, in Chinese and English: layer titles, legend labels.

#include <string>
#include <string_view>

namespace urbangis {

struct LocalizedText {
  std::string zh;
  std::string en;
  // The text in `language` ("zh" or "en"), falling back to the other one.
  const std::string& in(std::string_view language) const {
    if (language == "zh") return zh.empty() ? en : zh;
    return en.empty() ? zh : en;
  }
};

}  // namespace urbangis
