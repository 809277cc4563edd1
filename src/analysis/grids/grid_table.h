#pragma once
// `urbangis grid`: the unit grids of every zone of a catalog's zones layer (communities,
// villages), optionally cut along the major roads of a network layer, coded with the 15-digit
// grid code, as one table ready to write: grid_code, parent_id, parent_name, area_m2 (on the
// ellipsoid), lon and lat (the centroid). Rules: docs/grids.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/grids/unit_grid.h"
#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"

namespace urbangis {

struct GridRequest {
  std::string zonesLayer;
  double cell = 100;                      // metres
  std::optional<double> minAreaM2;        // default: a quarter of a cell
  std::string splitBy;                    // a network layer id, or empty
  std::vector<std::string> majorClasses;  // empty: defaultMajorRoadClasses()
  unsigned threads = 0;                   // 0: one per core
};

struct GridOutcome {
  OutputTable table;
  std::vector<std::string> messages;          // what the user should know, one line each
  std::vector<std::filesystem::path> inputs;  // files read: never to be written over
  std::string workingCrs;                     // described
};

GridOutcome runUnitGrids(const Catalog& catalog, const GridRequest& request, const Progress& progress);

// The road classes `--split-by` follows unless told otherwise: the urban main and secondary
// roads as Chinese data names them (主干道/次干道 as in Daye's data, 主干路/次干路 and 快速路 as
// the urban road design code does) and OpenStreetMap's motorway, trunk, primary, secondary.
const std::vector<std::string>& defaultMajorRoadClasses();

// A quarter of a cell's area: the default --min-area.
double defaultMinArea(double cell);

// One zone to grid, already in the working CRS.
struct GridZone {
  std::string code;  // its community code (12 digits), from the layer's id_field
  std::string name;
  std::string where;                       // for messages: file, layer, feature
  const GEOSGeometry* geometry = nullptr;  // valid, working CRS
  double areaM2 = 0;                       // ellipsoidal
};

// Grids and codes of `zones` cut along `barriers` (lines, working CRS): what runUnitGrids does
// once the layers are read, and what the dataset generator calls for Daye's shipped grids.
// Every zone code is checked before any work (InputError naming the zone); more than 999
// grids in one zone is an InputError naming it. `messages` receives the report.
OutputTable unitGridTable(const std::string& adminCode, const CrsSpec& working, const std::vector<GridZone>& zones,
                          const std::vector<const GEOSGeometry*>& barriers, const UnitGridOptions& options,
                          unsigned threads, const Progress& progress, std::vector<std::string>& messages);

}  // namespace urbangis
