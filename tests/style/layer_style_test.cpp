// Style files: the shipped ones load; a wrong one is refused with the file and the key named;
// raster ramps interpolate.

#include <catch2/catch.hpp>

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "core/error.h"
#include "style/layer_style.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

// The InputError message of loading `text` as a style file, or "" when it loads.
std::string loadError(const test::TempDir& temp, const std::string& text) {
  const fs::path file = temp.path() / "bad_style.json";
  test::writeFile(file, text);
  try {
    (void)loadStyle(file);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

const char* const kPoint =
    R"({"fill": "#112233", "stroke": "#FFFFFF", "stroke_width": 1, "marker": "circle", "size": 6})";

}  // namespace

TEST_CASE("every shipped style loads", "[style]") {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(test::sourceDir() / "styles")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().string());
    LayerStyle style;
    REQUIRE_NOTHROW(style = loadStyle(entry.path()));
    ++count;
    switch (style.renderer) {
      case StyleRenderer::categorized:
        CHECK_FALSE(style.field.empty());
        CHECK_FALSE(style.categories.empty());
        break;
      case StyleRenderer::graduated:
        CHECK(style.classes);
        break;
      case StyleRenderer::raster:
        CHECK(style.ramp.size() >= 2);
        break;
      case StyleRenderer::single:
        break;
    }
  }
  CHECK(count >= 14);

  const LayerStyle billboards = loadStyle(test::sourceDir() / "styles" / "billboards.json");
  REQUIRE(billboards.renderer == StyleRenderer::categorized);
  CHECK(billboards.field == "type");
  REQUIRE(billboards.categories.size() == 5);
  CHECK(billboards.categories[0].value == "墙体");
  CHECK(billboards.categories[0].label.zh == "墙体");
  CHECK(billboards.categories[0].label.en == "Wall-mounted");
  CHECK(billboards.categories[0].symbol.fill == Rgba{0x19, 0x71, 0xC2, 255});
  CHECK(billboards.categories[0].symbol.marker == Marker::square);
  CHECK(billboards.categories[1].symbol.marker == Marker::triangle);

  const LayerStyle yellow = loadStyle(test::sourceDir() / "styles" / "yellow_line.json");
  CHECK(yellow.categories.at(1).symbol.fill == Rgba{0xFF, 0xE4, 0x5C, 0xB3});
  REQUIRE(yellow.categories.at(1).symbol.dash);
  CHECK((*yellow.categories.at(1).symbol.dash)[0] == 3);
  REQUIRE(yellow.labels);
  CHECK(yellow.labels->field == "name");
  CHECK(yellow.labels->maxScale == 10000);

  const LayerStyle communities = loadStyle(test::sourceDir() / "styles" / "communities.json");
  CHECK_FALSE(communities.symbol.fill);  // "fill": null draws outlines only
}

TEST_CASE("a wrong style file is refused naming the file and the key", "[style]") {
  const test::TempDir temp;
  const std::string file = (temp.path() / "bad_style.json").string();
  auto refused = [&](const std::string& text, const std::string& key, const std::string& what) {
    const std::string message = loadError(temp, text);
    INFO(message);
    CHECK(message.find(file) == 0);
    CHECK(message.find(key) != std::string::npos);
    CHECK(message.find(what) != std::string::npos);
  };

  SECTION("unknown key") {
    refused(
        R"({"renderer": "single", "symbol": {"fill": "#112233", "stroke": "#000000", "stroke_width": 1}, "colour": "#FF0000"})",
        file + ".colour", "unknown key");
    refused(
        R"({"renderer": "single", "symbol": {"fill": "#112233", "stroke": "#000000", "stroke_width": 1, "width": 2}})",
        file + ".symbol.width", "unknown key");
  }
  SECTION("bad colour") {
    refused(R"({"renderer": "single", "symbol": {"fill": "red", "stroke": "#000000", "stroke_width": 1}})",
            file + ".symbol.fill", "expected a colour");
    refused(R"({"renderer": "single", "symbol": {"fill": "#123", "stroke": "#000000", "stroke_width": 1}})",
            file + ".symbol.fill", "#RRGGBB");
    refused(
        std::string(R"({"renderer": "categorized", "field": "type", "symbol": )") + kPoint +
            R"(, "categories": [{"value": "a", "label": "A", "symbol": {"fill": "#GG0000", "stroke": "#000000", "stroke_width": 1}}]})",
        file + ".categories[0].symbol.fill", "expected a colour");
  }
  SECTION("categorized without a field") {
    refused(std::string(R"({"renderer": "categorized", "symbol": )") + kPoint +
                R"(, "categories": [{"value": "a", "label": "A", "symbol": )" + kPoint + "}]}",
            file + ".field", "missing");
  }
  SECTION("graduated with an unknown palette") {
    refused(std::string(R"({"renderer": "graduated", "field": "n", "symbol": )") + kPoint +
                R"(, "classes": {"method": "jenks", "count": 5, "palette": "Rainbow"}})",
            file + ".classes.palette", "unknown ColorBrewer palette \"Rainbow\"");
  }
  SECTION("raster ramp not increasing") {
    refused(R"({"renderer": "raster", "ramp": [{"value": 0, "color": "#FFFFFF00"}, {"value": 10, "color": "#FF0000"},
                                              {"value": 10, "color": "#880000"}]})",
            file + ".ramp[2].value", "stops must increase");
    refused(R"({"renderer": "raster", "ramp": [{"value": 5, "color": "#FFFFFF00"}, {"value": 1, "color": "#FF0000"}]})",
            file + ".ramp[1].value", "stops must increase");
  }
  SECTION("keys that do not go with the renderer, and syntax errors") {
    refused(R"({"renderer": "raster", "symbol": {"fill": "#112233", "stroke": "#000000", "stroke_width": 1},
                "ramp": [{"value": 0, "color": "#FFFFFF00"}, {"value": 1, "color": "#FF0000"}]})",
            file + ".symbol", "not allowed with renderer raster");
    refused(R"({"renderer": "single", )", file, "not valid JSON");
  }
  SECTION("a missing file") {
    try {
      (void)loadStyle(temp.path() / "nowhere.json");
      FAIL("a missing style file loaded");
    } catch (const InputError& error) {
      CHECK(std::string(error.what()).find((temp.path() / "nowhere.json").string()) == 0);
    }
  }
}

TEST_CASE("a style's raster ramp interpolates linearly between stops and holds its ends", "[style]") {
  const std::vector<RampStop> ramp = {{0, {255, 255, 255, 0}}, {10, {255, 0, 0, 255}}, {30, {0, 0, 255, 255}}};
  CHECK(rampColour(ramp, -5) == Rgba{255, 255, 255, 0});
  CHECK(rampColour(ramp, 0) == Rgba{255, 255, 255, 0});
  CHECK(rampColour(ramp, 5) == Rgba{255, 128, 128, 128});  // halfway: 127.5 rounds up
  CHECK(rampColour(ramp, 10) == Rgba{255, 0, 0, 255});
  CHECK(rampColour(ramp, 15) == Rgba{191, 0, 64, 255});
  CHECK(rampColour(ramp, 25) == Rgba{64, 0, 191, 255});
  CHECK(rampColour(ramp, 30) == Rgba{0, 0, 255, 255});
  CHECK(rampColour(ramp, 1e9) == Rgba{0, 0, 255, 255});
  CHECK(rampColour(ramp, std::numeric_limits<double>::quiet_NaN()) == Rgba{255, 255, 255, 0});
  CHECK(rampColour({}, 3) == Rgba{0, 0, 0, 0});

  // The shipped KDE ramp: transparent at zero, opaque dark red at its top.
  const LayerStyle kde = loadStyle(test::sourceDir() / "styles" / "kde.json");
  CHECK(rampColour(kde.ramp, 0).a == 0);
  CHECK(rampColour(kde.ramp, 1000) == Rgba{0xBD, 0x00, 0x26, 255});
  CHECK(rampColour(kde.ramp, 5.5).a > rampColour(kde.ramp, 1).a);
}
