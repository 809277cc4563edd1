#pragma once
// The catalog layers of a map, loaded for drawing in the working CRS, and the extents a map is
// framed by (a zone's outline, a lon/lat box).

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "render/map_view.h"
#include "render/render_layer.h"

namespace urbangis {

// The working CRS of a map of `catalog`: its declared CRS, or the UTM zone of its first layer.
CrsSpec mapCrsFor(const Catalog& catalog);

// The extent of the zone whose id is `zoneId` in any zones layer (or in `zonesLayer`), grown by
// 5 %; InputError naming the layers searched when there is none.
MapExtent zoneExtent(const Catalog& catalog, const std::string& zoneId, const std::string& zonesLayer,
                     const CrsSpec& working);

// A lon/lat box (WGS84) as an extent of the working CRS.
MapExtent lonLatExtent(double west, double south, double east, double north, const CrsSpec& working);

}  // namespace urbangis
