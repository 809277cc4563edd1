#include "analysis/stats/overlay_stats.h"

#include <cmath>
#include <limits>

#include "analysis/parallel_for.h"
#include "core/geometry_access.h"

namespace urbangis {
namespace {

// Candidate features of each zone: those whose envelope meets the zone's envelope grown by
// `grow`, found with a GEOS STRtree (built and queried on this thread only).
std::vector<std::vector<uint32_t>> candidatesByZone(const GeosContext& geos, const ZoneSet& zones,
                                                    const FeatureSet& features, double grow) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<std::vector<uint32_t>> candidates(zones.zones.size());
  if (features.geometries.empty()) return candidates;
  GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
  std::vector<uint32_t> ids(features.geometries.size());
  for (uint32_t i = 0; i < ids.size(); ++i) {
    ids[i] = i;
    GEOSSTRtree_insert_r(h, tree, features.geometries[i].get(), &ids[i]);
  }
  for (size_t z = 0; z < zones.zones.size(); ++z) {
    const Box box = envelopeOf(geos, zones.zones[z].geometry.get());
    GeomPtr query = geos.own(
        GEOSGeom_createRectangle_r(h, box.minX - grow, box.minY - grow, box.maxX + grow, box.maxY + grow), "rectangle");
    GEOSSTRtree_query_r(
        h, tree, query.get(),
        [](void* item, void* out) {
          static_cast<std::vector<uint32_t>*>(out)->push_back(*static_cast<uint32_t*>(item));
        },
        &candidates[z]);
    std::sort(candidates[z].begin(), candidates[z].end());  // deterministic union order
  }
  GEOSSTRtree_destroy_r(h, tree);
  return candidates;
}

GeomPtr unionOf(const GeosContext& geos, std::vector<GeomPtr> pieces) {
  if (pieces.empty()) return nullptr;
  if (pieces.size() == 1) return std::move(pieces.front());
  GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(pieces));
  return geos.own(GEOSUnaryUnion_r(geos.handle(), collection.get()), "union");
}

// The parts of the candidates inside the zone, each once; marks which candidates met it.
std::vector<GeomPtr> piecesInside(const GeosContext& geos, const GEOSGeometry* zone,
                                  const GEOSPreparedGeometry* prepared, const FeatureSet& features,
                                  const std::vector<uint32_t>& candidates, int dimension, std::vector<uint8_t>* touched,
                                  int64_t* count) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GeomPtr> pieces;
  for (uint32_t c : candidates) {
    const GEOSGeometry* feature = features.geometries[c].get();
    if (!relates(geos, prepared, Relation::intersects, feature)) continue;
    if (touched) (*touched)[c] = 1;
    if (count) ++*count;
    if (relates(geos, prepared, Relation::covers, feature)) {
      pieces.push_back(geos.own(GEOSGeom_clone_r(h, feature), "clone"));
      continue;
    }
    GeomPtr cut = geos.own(GEOSIntersection_r(h, zone, feature), "intersection");
    if (GeomPtr piece = keepDimension(geos, cut.get(), dimension)) pieces.push_back(std::move(piece));
  }
  return pieces;
}

double measureOf(const GeosContext& geos, const MeasureFrame& frame, const GEOSGeometry* geometry, int dimension) {
  if (!geometry) return 0.0;
  return dimension == 2 ? frame.area(geos, geometry) : frame.length(geos, geometry);
}

}  // namespace

OverlayStats overlayByZone(const ZoneSet& zones, const ZoneLocator& locator, const FeatureSet& features, int dimension,
                           const FeatureSet* roads, double bufferM, const CrsSpec& working, const Progress& progress,
                           unsigned threads, std::string_view stage) {
  const size_t n = zones.zones.size(), slots = n + 1;
  GeosContext geos;
  const auto candidates = candidatesByZone(geos, zones, features, 0.0);
  const auto nearCandidates =
      roads ? candidatesByZone(geos, zones, features, 2 * bufferM) : std::vector<std::vector<uint32_t>>{};
  const auto roadCandidates = roads ? candidatesByZone(geos, zones, *roads, 0.0) : std::vector<std::vector<uint32_t>>{};

  OverlayStats stats;
  stats.counts.assign(slots, 0);
  stats.measure.assign(slots, 0.0);
  stats.roadShare.assign(slots, std::numeric_limits<double>::quiet_NaN());
  const size_t sumFields = features.sums.empty() ? 0 : features.sums.front().size();
  stats.sums.assign(sumFields, std::vector<double>(slots, 0.0));

  // Each worker has its own GEOS and PROJ objects (neither is safe to share) and marks the
  // features that met some zone.
  struct Worker {
    GeosContext geos;
    ProjContext proj;
    std::unique_ptr<MeasureFrame> frame;
    std::vector<uint8_t> touched;
  };
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned w = 0; w < threads; ++w) {
    auto worker = std::make_unique<Worker>();
    worker->frame = std::make_unique<MeasureFrame>(worker->proj, working);
    worker->touched.assign(features.geometries.size(), 0);
    workers.push_back(std::move(worker));
  }

  parallelFor(n, threads, progress, stage, [&](size_t z, unsigned w) {
    Worker& worker = *workers[w];
    const GeosContext& g = worker.geos;
    const GEOSGeometry* zone = zones.zones[z].geometry.get();
    const PreparedPtr prepared = g.prepare(zone);
    GeomPtr inside = unionOf(g, piecesInside(g, zone, prepared.get(), features, candidates[z], dimension,
                                             &worker.touched, &stats.counts[z]));
    stats.measure[z] = measureOf(g, *worker.frame, inside.get(), dimension);
    if (!roads) return;
    GeomPtr roadsInside =
        unionOf(g, piecesInside(g, zone, prepared.get(), *roads, roadCandidates[z], 1, nullptr, nullptr));
    const double roadLength = measureOf(g, *worker.frame, roadsInside.get(), 1);
    if (roadLength <= 0) return;
    // The layer's lines near the zone, clipped to its envelope grown by twice the buffer
    // (enough for every road point inside), then buffered.
    const Box box = envelopeOf(g, zone);
    std::vector<GeomPtr> near;
    const double margin = 2 * bufferM;
    for (uint32_t c : nearCandidates[z]) {
      GeomPtr clipped = g.own(GEOSClipByRect_r(g.handle(), features.geometries[c].get(), box.minX - margin,
                                               box.minY - margin, box.maxX + margin, box.maxY + margin),
                              "clip");
      if (!GEOSisEmpty_r(g.handle(), clipped.get())) near.push_back(std::move(clipped));
    }
    double covered = 0;
    if (GeomPtr lines = unionOf(g, std::move(near))) {
      GeomPtr corridor = g.own(GEOSBuffer_r(g.handle(), lines.get(), bufferM, 8), "buffer");
      GeomPtr cut = g.own(GEOSIntersection_r(g.handle(), roadsInside.get(), corridor.get()), "intersection");
      GeomPtr coveredRoads = keepDimension(g, cut.get(), 1);
      covered = measureOf(g, *worker.frame, coveredRoads.get(), 1);
    }
    stats.roadShare[z] = 100.0 * covered / roadLength;
  });

  // Features that met no zone: the "(none)" slot.
  std::vector<GeomPtr> outside;
  for (size_t f = 0; f < features.geometries.size(); ++f) {
    bool met = false;
    for (const auto& worker : workers) met = met || worker->touched[f];
    if (met) continue;
    ++stats.counts[n];
    outside.push_back(geos.own(GEOSGeom_clone_r(geos.handle(), features.geometries[f].get()), "clone"));
  }
  if (!outside.empty()) {
    ProjContext proj;
    const MeasureFrame frame(proj, working);
    GeomPtr merged = unionOf(geos, std::move(outside));
    stats.measure[n] = measureOf(geos, frame, merged.get(), dimension);
  }

  // Sum fields: each feature to the zone holding its representative point.
  LocatorScratch scratch(n);
  std::vector<uint32_t> holders;
  for (size_t f = 0; f < features.geometries.size() && sumFields > 0; ++f) {
    GeomPtr point = geos.own(GEOSPointOnSurface_r(geos.handle(), features.geometries[f].get()), "point on surface");
    const XY xy = pointCoordinates(geos, point.get());
    holders.clear();
    locator.locate(xy.x, xy.y, scratch, holders);
    if (holders.empty()) holders.push_back(static_cast<uint32_t>(n));
    for (uint32_t slot : holders)
      for (size_t s = 0; s < sumFields; ++s) stats.sums[s][slot] += features.sums[f][s];
  }
  return stats;
}

}  // namespace urbangis
