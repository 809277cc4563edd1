#pragma once
// Places typed on the command line: "LON,LAT" in decimal degrees, as web maps copy them.

#include <string>

namespace urbangis {

struct LonLat {
  double lon = 0, lat = 0;
};

// Parses "114.98,30.10" (spaces allowed around the numbers). Throws InputError naming `what`
// (e.g. "--from") for anything else: missing comma, not a number, out of range, or an order
// that looks swapped (a first number within ±90 and a second beyond it).
LonLat parseLonLat(const std::string& text, const std::string& what);

}  // namespace urbangis
