#pragma once
// Writes a single-band float32 raster (a density surface) as a tiled, compressed GeoTIFF with
// nodata and overviews, atomically: a temporary file beside the target, renamed into place.

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis {

struct FloatRaster {
  int width = 0, height = 0;
  double west = 0, north = 0, cell = 0;  // north-up
  std::vector<float> values;             // row 0 = north
  float nodata = -9999.0F;
  std::string crsDefinition;  // anything PROJ/OGR reads
  std::string units;          // e.g. "points per km²"
  std::string description;    // e.g. "kernel density of complaints"
};

// Refuses a target that is one of `inputs`, or whose folder does not exist (InputError).
void writeGeoTiff(const FloatRaster& raster, const std::filesystem::path& file,
                  const std::vector<std::filesystem::path>& inputs);

}  // namespace urbangis
