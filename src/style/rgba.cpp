#include "style/rgba.h"

namespace urbangis {

namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Rgba> parseColour(std::string_view text) {
  if ((text.size() != 7 && text.size() != 9) || text.front() != '#') return std::nullopt;
  uint8_t channels[4] = {0, 0, 0, 255};
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    const int high = hexDigit(text[i + 1]);
    const int low = hexDigit(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    channels[i / 2] = static_cast<uint8_t>(high * 16 + low);
  }
  return Rgba{channels[0], channels[1], channels[2], channels[3]};
}

std::string formatColour(Rgba colour) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text = "#";
  const auto put = [&text](uint8_t value) {
    text += kDigits[value >> 4];
    text += kDigits[value & 0xF];
  };
  put(colour.r);
  put(colour.g);
  put(colour.b);
  if (colour.a != 255) put(colour.a);
  return text;
}

}  // namespace urbangis
