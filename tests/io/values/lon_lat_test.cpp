#include <catch2/catch.hpp>

#include <string>

#include "analysis/routing/network_loader.h"
#include "core/error.h"
#include "io/values/lon_lat.h"

using namespace urbangis;

namespace {

// The message parseLonLat throws for `text`, or "" when it parses.
std::string errorFor(const std::string& text) {
  try {
    parseLonLat(text, "--from");
  } catch (const InputError& error) {
    return error.what();
  }
  return {};
}

}  // namespace

TEST_CASE("Places typed as LON,LAT parse, with spaces and signs", "[routing][lonlat]") {
  const LonLat daye = parseLonLat("114.98,30.10", "--from");
  CHECK(daye.lon == 114.98);
  CHECK(daye.lat == 30.10);
  const LonLat spaced = parseLonLat("  114.98 ,\t30.1 ", "--from");
  CHECK(spaced.lon == 114.98);
  CHECK(spaced.lat == 30.1);
  const LonLat signs = parseLonLat("+114.98,-30.1", "--to");
  CHECK(signs.lon == 114.98);
  CHECK(signs.lat == -30.1);
  const LonLat edges = parseLonLat("-180,90", "--to");
  CHECK(edges.lon == -180);
  CHECK(edges.lat == 90);
  CHECK(parseLonLat("1.1498e2,3.01e1", "--to").lon == 114.98);
}

TEST_CASE("Malformed places are refused naming the option and the text", "[routing][lonlat]") {
  for (const std::string text : {"114.98 30.10", "114.98;30.10", "", "114.98,30.10,5"}) {
    INFO(text);
    const std::string message = errorFor(text);
    CHECK(message.find("--from") != std::string::npos);
    CHECK(message.find("not a place") != std::string::npos);
    CHECK(message.find("LON,LAT") != std::string::npos);
  }
  for (const std::string text :
       {"abc,30.1", "114.98,", ",30.1", "114.98x,30.1", "nan,30", "114.98,inf", "0x72,30", "1 14,30"}) {
    INFO(text);
    const std::string message = errorFor(text);
    CHECK(message.find("\"" + text + "\"") != std::string::npos);
    CHECK(message.find("not two numbers") != std::string::npos);
  }
}

TEST_CASE("Swapped and out-of-range places are refused with the reason", "[routing][lonlat]") {
  const std::string swapped = errorFor("30.10,114.98");
  CHECK(swapped.find("swapped") != std::string::npos);
  CHECK(swapped.find("114.98") != std::string::npos);
  CHECK(errorFor("-30.10,-114.98").find("swapped") != std::string::npos);
  for (const std::string text : {"181,30", "-180.5,30", "120,91", "120,-95", "200,100"}) {
    INFO(text);
    const std::string message = errorFor(text);
    CHECK(message.find("outside the range") != std::string::npos);
    CHECK(message.find("swapped") == std::string::npos);
  }
}

TEST_CASE("One-way field values read as OSM, ArcGIS and QGIS write them", "[routing][oneway]") {
  for (const char* text : {"1", "yes", "YES", "true", "True", "T", "t", "FT", "ft"}) {
    INFO(text);
    CHECK(parseOneWay(text) == 1);
  }
  for (const char* text : {"-1", "TF", "tf"}) {
    INFO(text);
    CHECK(parseOneWay(text) == -1);
  }
  for (const char* text : {"0", "no", "No", "false", "F", "f", "B", "b", ""}) {
    INFO(text);
    CHECK(parseOneWay(text) == 0);
  }
  for (const char* text : {"2", "garbage", "oneway", "-", "1.5", "T F"}) {
    INFO(text);
    CHECK_FALSE(parseOneWay(text).has_value());
  }
}
