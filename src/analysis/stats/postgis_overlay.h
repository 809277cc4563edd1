#pragma once
// Areas and lines layers by zone in PostGIS, with the local engine's rules (overlay_stats.h):
// features put in the working CRS and repaired (ST_MakeValid) only when invalid; per zone, the
// parts inside it unioned before they are measured on the ellipsoid (geography), so overlaps
// count once; features meeting no zone unioned and measured in "(none)"; sum fields to the
// zone holding each feature's point on surface; for lines that `cover` a network, the share
// of the zone's road length within `buffer_m` of the lines. Needs the temp tables ug_zones and
// ug_pieces of postgis_stats.cpp.

#include <map>
#include <string>
#include <vector>

#include "analysis/stats/overlay_stats.h"
#include "analysis/time_window.h"
#include "core/box.h"
#include "core/catalog.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {

struct PgOverlayRequest {
  const LayerSpec* layer = nullptr;
  const LayerSpec* network = nullptr;  // the layer it `covers`, or null
  TimeWindow window;
  std::string workingSrid, geographicSrid;
};

struct PgOverlayResult {
  OverlayStats stats;                 // slots in the order of `slotOf`, then "(none)"
  int64_t features = 0;               // measured (in the window, with a usable geometry)
  std::vector<std::string> repaired;  // ids (id_field, else row number) ST_MakeValid changed
  int64_t dropped = 0;                // in the window but with no geometry of the layer's dimension
  int64_t outsideZonesExtent = 0;     // measured features wholly outside the zones' extent
  Box outsideBox;                     // their extent (working CRS)
};

PgOverlayResult overlayInPostgis(const PgConnection& db, const PgOverlayRequest& request,
                                 const std::map<std::string, size_t>& slotOf);

}  // namespace urbangis
