#include "analysis/routing/corridor_matching.h"
#include "core/geometry_access.h"

#include <ogrsf_frmts.h>

#include <algorithm>

#include "core/geometry_transform.h"
#include "io/filter/filtered_features.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

struct TreeDeleter {
  GEOSContextHandle_t handle;
  void operator()(GEOSSTRtree* tree) const noexcept { GEOSSTRtree_destroy_r(handle, tree); }
};

GeomPtr lineOf(const GeosContext& geos, const RoadGraph& graph, uint32_t edge) {
  const GraphEdge& e = graph.edges[edge];
  GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(geos.handle(), e.vertexCount, 2);
  for (uint32_t i = 0; i < e.vertexCount; ++i)
    GEOSCoordSeq_setXY_r(geos.handle(), sequence, i, graph.vertices[e.firstVertex + i].x,
                         graph.vertices[e.firstVertex + i].y);
  return geos.own(GEOSGeom_createLineString_r(geos.handle(), sequence), "edge line");
}

}  // namespace

LoadedCorridors loadCorridors(const LayerSpec& spec, const std::optional<FilterExpression>& where,
                              const GeosContext& geos, const ProjContext& proj, const MeasureFrame& frame) {
  VectorSource source = openCatalogLayer(spec);
  OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
  FilteredFeatures features(spec, *source.layer, where);
  const Crs from(proj, layerCrsSpec(spec, *source.layer));
  const Transform toWorking(proj, from, frame.working());
  const int idIndex = spec.idField.empty() ? -1 : definition.GetFieldIndex(spec.idField.c_str());
  const int nameIndex = spec.nameField.empty() ? -1 : definition.GetFieldIndex(spec.nameField.c_str());
  LoadedCorridors loaded;
  while (const OGRFeatureUniquePtr feature = features.next()) {
    const OGRGeometry* raw = feature->GetGeometryRef();
    GeomPtr line = raw && !raw->IsEmpty() ? keepDimension(geos, toGeos(geos, *raw).get(), 1) : nullptr;
    if (!line) {
      ++loaded.skipped;
      continue;
    }
    Corridor corridor;
    corridor.id = idIndex >= 0 ? feature->GetFieldAsString(idIndex) : "fid " + std::to_string(feature->GetFID());
    if (nameIndex >= 0 && feature->IsFieldSetAndNotNull(nameIndex))
      corridor.name = feature->GetFieldAsString(nameIndex);
    corridor.geometry = transformGeometry(geos, line.get(), toWorking);
    loaded.corridors.push_back(std::move(corridor));
  }
  loaded.filterNote = features.note();
  return loaded;
}

CorridorMatch matchCorridors(const RoadGraph& graph, const std::vector<Corridor>& corridors, double bufferM,
                             const GeosContext& geos) {
  GEOSContextHandle_t h = geos.handle();
  std::unique_ptr<GEOSSTRtree, TreeDeleter> tree(GEOSSTRtree_create_r(h, 10), TreeDeleter{h});
  std::vector<GeomPtr> envelopes;  // the tree keeps pointers to them
  envelopes.reserve(graph.edges.size());
  std::vector<double> planar(graph.edges.size(), 0);
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    const GraphEdge& edge = graph.edges[e];
    double minX = graph.vertices[edge.firstVertex].x, maxX = minX, minY = graph.vertices[edge.firstVertex].y,
           maxY = minY;
    for (uint32_t i = edge.firstVertex; i < edge.firstVertex + edge.vertexCount; ++i) {
      const Point2 p = graph.vertices[i];
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x), minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
      if (i > edge.firstVertex) planar[e] += std::hypot(p.x - graph.vertices[i - 1].x, p.y - graph.vertices[i - 1].y);
    }
    envelopes.push_back(geos.own(GEOSGeom_createRectangle_r(h, minX, minY, maxX, maxY), "edge envelope"));
    GEOSSTRtree_insert_r(h, tree.get(), envelopes.back().get(), reinterpret_cast<void*>(static_cast<uintptr_t>(e)));
  }

  CorridorMatch match;
  for (const Corridor& corridor : corridors) {
    std::vector<uint32_t> edges;
    const double corridorLength = [&] {
      double length = 0;
      GEOSLength_r(h, corridor.geometry.get(), &length);
      return length;
    }();
    GeomPtr zone = geos.own(GEOSBuffer_r(h, corridor.geometry.get(), bufferM, 8), "corridor buffer");
    PreparedPtr prepared = geos.prepare(zone.get());
    std::vector<uint32_t> candidates;
    GEOSSTRtree_query_r(
        h, tree.get(), zone.get(),
        [](void* item, void* data) {
          static_cast<std::vector<uint32_t>*>(data)->push_back(
              static_cast<uint32_t>(reinterpret_cast<uintptr_t>(item)));
        },
        &candidates);
    std::sort(candidates.begin(), candidates.end());
    for (uint32_t e : candidates) {
      GeomPtr line = lineOf(geos, graph, e);
      if (!relates(geos, prepared.get(), Relation::intersects, line.get())) continue;
      double inside = 0;
      if (relates(geos, prepared.get(), Relation::contains, line.get())) {
        inside = planar[e];
      } else {
        GeomPtr part = geos.own(GEOSIntersection_r(h, line.get(), zone.get()), "edge within corridor");
        GEOSLength_r(h, part.get(), &inside);
      }
      if (inside >= 0.5 * planar[e] || inside >= 0.5 * corridorLength) edges.push_back(e);
    }
    // How far the road is, for the message about a corridor that lies along none.
    double nearest = kNoPassage;
    if (edges.empty()) {
      for (uint32_t e = 0; e < graph.edges.size(); ++e) {
        double d = 0;
        GeomPtr line = lineOf(geos, graph, e);
        if (GEOSDistance_r(h, line.get(), corridor.geometry.get(), &d) == 1) nearest = std::min(nearest, d);
      }
    } else {
      nearest = 0;
    }
    match.edges.push_back(std::move(edges));
    match.nearestRoadM.push_back(nearest);
  }
  return match;
}

}  // namespace urbangis
