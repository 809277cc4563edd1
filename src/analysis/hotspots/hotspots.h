#pragma once
// `urbangis hotspot`: kernel density rasters, hexagon bins and Gi* hot spots of a points layer,
// as tables and rasters ready to write.

#include <optional>
#include <string>
#include <vector>

#include "analysis/hotspots/gi_star.h"
#include "analysis/hotspots/kde.h"
#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/output_table.h"
#include "core/progress.h"
#include "io/outputs/raster_writer.h"

namespace urbangis {

struct HotspotSource {
  std::string layer;   // points layer id
  std::string weight;  // optional weight field
  TimeWindow window;   // --since/--until (the viewer's month): only the points whose time_field is in it
};

struct KdeOutcome {
  FloatRaster raster;
  std::vector<std::string> messages;  // radius, cell, totals: said to the user
  std::vector<std::filesystem::path> inputs;
};
KdeOutcome runKde(const Catalog& catalog, const HotspotSource& source, const KdeRequest& request,
                  const Progress& progress);

struct HexbinRequest {
  double size = 0;        // side length, metres
  std::string clipZones;  // optional zones layer id
};
struct TableOutcome {
  OutputTable table;
  std::vector<std::string> messages;
  std::vector<std::filesystem::path> inputs;
};
TableOutcome runHexbin(const Catalog& catalog, const HotspotSource& source, const HexbinRequest& request,
                       const Progress& progress);

struct GiStarRun {
  std::optional<double> hexSize;  // cells of this side, or:
  std::string zones;              // a zones layer id
  GiStarRequest statistic;
};
TableOutcome runGiStar(const Catalog& catalog, const HotspotSource& source, const GiStarRun& run,
                       const Progress& progress);

}  // namespace urbangis
