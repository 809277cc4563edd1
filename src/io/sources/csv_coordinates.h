#pragma once
// The rows of a CSV point layer (catalog "x"/"y") whose coordinate cells cannot place a point:
// empty, not numbers ("abc", "114,97", "nan") or out of range (beyond ±180 / ±90 in a lon/lat
// CRS, beyond a billion metres in a projected one). OGR reads such a row with no point, or with
// a point nowhere; every command leaves it out, and `info` and `stats` name the rows in one
// warning, so the two agree.

#include <cstdint>
#include <string>
#include <vector>

#include "core/catalog.h"

class OGRLayer;

namespace urbangis {

struct CsvCoordinateRows {
  int64_t rows = 0;  // data rows read
  int64_t empty = 0, notNumbers = 0, outOfRange = 0;
  std::vector<std::string> examples;  // the first few: "feature 3 (no = 3): lon \"abc\" is not a number"
  int64_t count() const { return empty + notNumbers + outOfRange; }
  // "pts.csv: 4 of 7 rows have no usable coordinates and are left out (2 empty, 1 not numbers,
  // 1 out of range: …); correct those that should have a place"; "" when every row is usable.
  std::string warning(const LayerSpec& spec) const;
};

// Reads the coordinate cells as text from `path` (the CSV as GDAL opens it without the
// coordinate options, or its UTF-8 copy), `geographic` telling the range to check.
CsvCoordinateRows findUnusableCsvCoordinates(const LayerSpec& spec, const std::string& path, bool geographic);

// Leaves a CSV point layer's rows without a usable point out of every read of `layer`, for
// every command alike: a spatial filter to the range a coordinate can have (±180 in a lon/lat
// CRS, a billion metres otherwise), which also passes over rows without a point. (Latitudes
// beyond ±90 pass it, for `info`'s swapped-columns check; no transformation places them.)
// Does nothing for other layers or when the catalog gives the layer no CRS.
void leaveOutUnusableCsvRows(const LayerSpec& spec, OGRLayer& layer);

// The warning for a catalog layer ("" when it is no CSV point layer or every row is usable),
// the layer opened as every command opens it (encoding, CRS).
std::string unusableCsvCoordinatesWarning(const LayerSpec& spec);

}  // namespace urbangis
