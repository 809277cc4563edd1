#pragma once
// Writes the generated layers: one GeoPackage of CGCS2000 lon/lat layers and CSV tables, the
// way the bureau's data arrives. Byte-identical for the same input: GDAL's timestamps are
// pinned (OGR_CURRENT_DATE). Files are written in a temporary folder and renamed into place.

#include <filesystem>
#include <vector>

#include "datagen/projection.h"
#include "datagen/table.h"

namespace urbangis::datagen {

struct DatasetFiles {
  std::filesystem::path geoPackage;  // all geometry layers
  std::vector<Table>* layers;
  std::filesystem::path csvFolder;  // one CSV (+ .csvt) per table
  std::vector<Table>* csvTables;
};

void writeDataset(const GeosContext& geos, const Projection& projection, const DatasetFiles& files);

}  // namespace urbangis::datagen
