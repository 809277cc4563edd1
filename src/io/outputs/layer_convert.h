#pragma once
// Converts a vector file from one CRS to another (GCJ-02, BD-09, WGS84, CGCS2000, EPSG:n),
// keeping every attribute: `urbangis convert`. A CSV whose points are in x/y columns keeps its
// columns, with the coordinates rewritten.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/crs.h"

namespace urbangis {

struct ConvertRequest {
  std::filesystem::path input, output;
  std::optional<CrsSpec> from;  // the input's CRS when the file does not say (or says wrongly)
  CrsSpec to;
  std::string layer;  // empty: the input's only layer
  std::string x, y;   // CSV coordinate columns
};

struct ConvertReport {
  int64_t features = 0;
  int64_t withoutGeometry = 0;
  std::string fromLabel, toLabel;
  std::vector<std::string> notes;  // about the written file (writeNotes), e.g. shapefile field names
};

ConvertReport convertLayer(const ConvertRequest& request);

}  // namespace urbangis
