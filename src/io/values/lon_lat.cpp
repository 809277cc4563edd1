#include "io/values/lon_lat.h"

#include <charconv>
#include <cmath>

#include "core/error.h"

namespace urbangis {
namespace {

bool parseNumber(std::string_view text, double& value) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

}  // namespace

LonLat parseLonLat(const std::string& text, const std::string& what) {
  const std::string expected = "; expected LON,LAT in decimal degrees, e.g. 114.98,30.10";
  const size_t comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos)
    throw InputError(what + " \"" + text + "\": not a place" + expected);
  LonLat place;
  if (!parseNumber(std::string_view(text).substr(0, comma), place.lon) ||
      !parseNumber(std::string_view(text).substr(comma + 1), place.lat))
    throw InputError(what + " \"" + text + "\": not two numbers" + expected);
  if (std::abs(place.lat) > 90 && std::abs(place.lon) <= 90)
    throw InputError(what + " \"" + text + "\": latitude " + text.substr(comma + 1) +
                     " is beyond ±90; are longitude and latitude swapped? Write LON,LAT");
  if (std::abs(place.lon) > 180 || std::abs(place.lat) > 90)
    throw InputError(what + " \"" + text + "\": outside the range of longitude (±180) and latitude (±90)" + expected);
  return place;
}

}  // namespace urbangis
