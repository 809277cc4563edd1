// Coordinate strings typed on the command line (--from/--to/--via/--depot: parseLonLat) and
// the one-way field values of road layers (parseOneWay).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "analysis/routing/network_loader.h"
#include "core/error.h"
#include "io/values/lon_lat.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const urbangis::LonLat place = urbangis::parseLonLat(text, "--from");
    if (!std::isfinite(place.lon) || !std::isfinite(place.lat) || std::abs(place.lon) > 180 || std::abs(place.lat) > 90)
      std::abort();  // parseLonLat promises a place on the globe or an InputError
  } catch (const urbangis::InputError&) {
  }
  if (const auto way = urbangis::parseOneWay(text); way && (*way < -1 || *way > 1)) std::abort();
  return 0;
}
