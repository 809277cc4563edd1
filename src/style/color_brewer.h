#pragma once
// The ColorBrewer 2.0 palettes (Cynthia Brewer, Mark Harrower and The Pennsylvania State
// University, colorbrewer2.org, Apache-2.0): 18 sequential schemes at 3–9 classes, 9 diverging
// at 3–11 and 8 qualitative at 3 up to their length (Set1, Pastel1 9; Set2, Pastel2, Dark2,
// Accent 8; Set3, Paired 12). Each class count has its own published colours: a 5-class palette
// is not 5 colours picked out of the 9-class one.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "style/rgba.h"

namespace urbangis {

// The `count` colours of the named scheme, from the first class to the last (sequential: light
// to dark; diverging: the first-named hue to the second, e.g. RdBu red → blue). The name is
// matched without regard to case ("YlOrRd", "ylorrd"). nullopt for an unknown name or a count
// the scheme does not define (ColorBrewer has no 2-class palettes).
std::optional<std::vector<Rgba>> colorBrewer(std::string_view name, int count);

// Every scheme name, as ColorBrewer spells it: the sequential, then the diverging, then the
// qualitative schemes.
std::vector<std::string> colorBrewerNames();

// The class counts a scheme defines, {min, max}; nullopt for an unknown name.
std::optional<std::pair<int, int>> colorBrewerCounts(std::string_view name);

}  // namespace urbangis
