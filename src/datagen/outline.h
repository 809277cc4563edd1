#pragma once
// The county's real outline: read with OGR from a GeoJSON of county polygons in GCJ-02 (the
// MIT-licensed ECharts outlines in data/boundary/), converted to CGCS2000 with our own GCJ-02
// inverse (core/chinese_offsets) and projected to the generator's metres.

#include <filesystem>
#include <string>

#include "datagen/projection.h"

namespace urbangis::datagen {

// The polygon of the feature whose `name` is `county`, in projected metres (EPSG:4547). The
// ~100 m quantization of the source leaves a few self-touching loops: the ring is repaired and
// its largest polygon kept. Throws InputError naming the file when it has no such feature.
GeomPtr readCountyOutline(const GeosContext& geos, const Projection& projection, const std::filesystem::path& geojson,
                          const std::string& county);

}  // namespace urbangis::datagen
