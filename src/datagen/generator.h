#pragma once
// The Daye dataset generator: builds every layer from the official names and codes and writes
// them (data/daye.gpkg + data/complaints.csv). Deterministic: same seed and scale, same bytes.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace urbangis::datagen {

struct GeneratorOptions {
  std::filesystem::path placesFolder;  // data/places
  std::filesystem::path boundaryFile;  // data/boundary/huangshi_counties_gcj02_echarts.geojson
  std::filesystem::path outputFolder;
  uint64_t seed = 2023;
  int64_t scale = 1;                                 // multiplies every count and total: 10, 100 for benchmarks
  std::function<void(const std::string&)> progress;  // one line per step, may be empty
};

void generateDaye(const GeneratorOptions& options);

}  // namespace urbangis::datagen
