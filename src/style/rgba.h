#pragma once
// A colour with opacity, as style files write it: "#RRGGBB" or "#RRGGBBAA"
// (docs/style.schema.json).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace urbangis {

struct Rgba {
  uint8_t r, g, b, a = 255;  // a: 0 transparent … 255 opaque

  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// "#RRGGBB" (opaque) or "#RRGGBBAA", hex digits in either case; nullopt for anything else
// (no "#RGB", no names, no surrounding spaces).
std::optional<Rgba> parseColour(std::string_view text);

// "#RRGGBB" when opaque, else "#RRGGBBAA"; upper-case hex, as the shipped styles write them.
std::string formatColour(Rgba colour);

}  // namespace urbangis
