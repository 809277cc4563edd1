#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "style/color_brewer.h"
#include "style/rgba.h"

using namespace urbangis;

namespace {

std::vector<std::string> hexes(const std::vector<Rgba>& colours) {
  std::vector<std::string> out;
  for (const Rgba& c : colours) out.push_back(formatColour(c));
  return out;
}

std::vector<std::string> palette(const char* name, int count) {
  const auto colours = colorBrewer(name, count);
  REQUIRE(colours);
  return hexes(*colours);
}

// Relative luminance (sRGB, WCAG), for the light-to-dark order of sequential schemes.
double luminance(Rgba c) {
  const auto linear = [](uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

const std::vector<std::string> kSequential = {"YlOrRd",  "YlOrBr", "YlGnBu", "YlGn", "Reds", "RdPu",
                                              "Purples", "PuRd",   "PuBuGn", "PuBu", "OrRd", "Oranges",
                                              "Greys",   "Greens", "GnBu",   "BuPu", "BuGn", "Blues"};
const std::vector<std::string> kDiverging = {"RdYlGn", "RdYlBu", "RdBu", "PuOr",    "PRGn",
                                             "PiYG",   "BrBG",   "RdGy", "Spectral"};
const std::vector<std::pair<std::string, int>> kQualitative = {{"Set1", 9},    {"Set2", 8},    {"Set3", 12},
                                                               {"Pastel1", 9}, {"Pastel2", 8}, {"Paired", 12},
                                                               {"Dark2", 8},   {"Accent", 8}};

void checkCounts(const std::string& name, int minCount, int maxCount) {
  INFO(name);
  CHECK(colorBrewerCounts(name) == std::pair{minCount, maxCount});
  CHECK_FALSE(colorBrewer(name, minCount - 1));
  CHECK_FALSE(colorBrewer(name, maxCount + 1));
  for (int count = minCount; count <= maxCount; ++count) {
    const auto colours = colorBrewer(name, count);
    REQUIRE(colours);
    REQUIRE(colours->size() == static_cast<size_t>(count));
    std::set<std::string> distinct;
    for (const Rgba& c : *colours) {
      CHECK(c.a == 255);
      distinct.insert(formatColour(c));
    }
    CHECK(distinct.size() == static_cast<size_t>(count));
  }
}

}  // namespace

TEST_CASE("ColorBrewer has its 35 schemes at every class count", "[style][colorbrewer]") {
  std::vector<std::string> expected = kSequential;
  expected.insert(expected.end(), kDiverging.begin(), kDiverging.end());
  for (const auto& [name, count] : kQualitative) expected.push_back(name);
  CHECK(colorBrewerNames() == expected);

  for (const auto& name : kSequential) checkCounts(name, 3, 9);
  for (const auto& name : kDiverging) checkCounts(name, 3, 11);
  for (const auto& [name, count] : kQualitative) checkCounts(name, 3, count);

  CHECK_FALSE(colorBrewer("Viridis", 5));
  CHECK_FALSE(colorBrewer("", 5));
  CHECK_FALSE(colorBrewerCounts("YlOrRdX"));
  CHECK_FALSE(colorBrewer("Blues", 2));
  CHECK_FALSE(colorBrewer("Blues", -1));
}

TEST_CASE("ColorBrewer palettes have the published colours", "[style][colorbrewer]") {
  CHECK(palette("YlOrRd", 5) == std::vector<std::string>{"#FFFFB2", "#FECC5C", "#FD8D3C", "#F03B20", "#BD0026"});
  // Each count has its own colours, not a subset of the 9-class palette.
  CHECK(palette("YlOrRd", 3) == std::vector<std::string>{"#FFEDA0", "#FEB24C", "#F03B20"});
  CHECK(palette("YlOrRd", 9) == std::vector<std::string>{"#FFFFCC", "#FFEDA0", "#FED976", "#FEB24C", "#FD8D3C",
                                                         "#FC4E2A", "#E31A1C", "#BD0026", "#800026"});
  CHECK(palette("Blues", 3) == std::vector<std::string>{"#DEEBF7", "#9ECAE1", "#3182BD"});
  CHECK(palette("Greys", 4) == std::vector<std::string>{"#F7F7F7", "#CCCCCC", "#969696", "#525252"});
  CHECK(palette("RdBu", 3) == std::vector<std::string>{"#EF8A62", "#F7F7F7", "#67A9CF"});
  CHECK(palette("RdBu", 11).front() == "#67001F");
  CHECK(palette("RdBu", 11).back() == "#053061");
  // PuOr runs orange to purple, as on colorbrewer2.org.
  CHECK(palette("PuOr", 3) == std::vector<std::string>{"#F1A340", "#F7F7F7", "#998EC3"});
  CHECK(palette("PuOr", 11).front() == "#7F3B08");
  CHECK(palette("PuOr", 11).back() == "#2D004B");
  CHECK(palette("Spectral", 6) ==
        std::vector<std::string>{"#D53E4F", "#FC8D59", "#FEE08B", "#E6F598", "#99D594", "#3288BD"});
  CHECK(palette("Set1", 3) == std::vector<std::string>{"#E41A1C", "#377EB8", "#4DAF4A"});
  CHECK(palette("Set3", 12).back() == "#FFED6F");
  CHECK(palette("Paired", 12).back() == "#B15928");
  CHECK(palette("Dark2", 8).back() == "#666666");

  // Names match without regard to case.
  CHECK(palette("ylorrd", 5) == palette("YlOrRd", 5));
  CHECK(palette("BLUES", 7) == palette("Blues", 7));
}

TEST_CASE("Sequential palettes run from light to dark", "[style][colorbrewer]") {
  for (const auto& name : kSequential) {
    for (int count = 3; count <= 9; ++count) {
      const auto colours = *colorBrewer(name, count);
      for (size_t i = 1; i < colours.size(); ++i) {
        INFO(name << " " << count << " class " << i);
        CHECK(luminance(colours[i]) < luminance(colours[i - 1]));
      }
    }
  }
  // Qualitative palettes of fewer colours are the first colours of the full one.
  for (const auto& [name, max] : kQualitative) {
    const auto full = palette(name.c_str(), max);
    for (int count = 3; count < max; ++count) {
      const auto part = palette(name.c_str(), count);
      CHECK(std::equal(part.begin(), part.end(), full.begin()));
    }
  }
}

TEST_CASE("Colours parse as #RRGGBB or #RRGGBBAA only", "[style][colour]") {
  CHECK(parseColour("#FF0000") == Rgba{255, 0, 0, 255});
  CHECK(parseColour("#e0313180") == Rgba{0xE0, 0x31, 0x31, 0x80});
  CHECK(parseColour("#00aAfF") == Rgba{0, 0xAA, 0xFF});
  CHECK(parseColour("#00000000") == Rgba{0, 0, 0, 0});
  for (const char* bad : {"", "#", "FF0000", "#FFF", "#FFFF", "#FF000", "#FF00000", "#FF0000FF0", "#GG0000", "#FF00 0",
                          " #FF0000", "#FF0000 ", "red", "#+F0000", "0xFF0000", "#FF0000FF00"}) {
    INFO(bad);
    CHECK_FALSE(parseColour(bad));
  }

  CHECK(formatColour(Rgba{255, 0, 0}) == "#FF0000");
  CHECK(formatColour(Rgba{0xE0, 0x31, 0x31, 0x80}) == "#E0313180");
  CHECK(formatColour(Rgba{1, 2, 3, 0}) == "#01020300");
  for (const char* text : {"#4A1500", "#FDDBC7", "#E0313180", "#00000000"}) {
    CHECK(formatColour(*parseColour(text)) == text);
  }
}
