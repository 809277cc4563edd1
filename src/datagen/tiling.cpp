#include "datagen/tiling.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace urbangis::datagen {
namespace {

// Replaces each segment of `line` by a smooth curve between the same endpoints: a sum of three
// sine modes that vanish at both ends, so junctions between boundaries stay exact.
std::vector<XY> wiggled(const std::vector<XY>& line, double wiggle, Random& random) {
  if (wiggle <= 0) return line;
  std::vector<XY> out{line.front()};
  for (size_t i = 1; i < line.size(); ++i) {
    const XY a = line[i - 1], b = line[i];
    const double length = distance(a, b);
    const double amplitude = std::min(wiggle, 0.15 * length);
    const int pieces = std::max(1, static_cast<int>(length / std::max(wiggle, 1.0) * 2.0));
    const double r1 = random.uniform(-1, 1), r2 = random.uniform(-1, 1),
                 r3 = random.uniform(-1, 1);
    const XY normal = length > 0 ? XY{-(b.y - a.y) / length, (b.x - a.x) / length} : XY{};
    for (int k = 1; k < pieces; ++k) {
      const double t = static_cast<double>(k) / pieces;
      const double pi = std::numbers::pi;
      const double offset = amplitude * (0.6 * r1 * std::sin(pi * t) + 0.3 * r2 * std::sin(2 * pi * t) +
                                         0.1 * r3 * std::sin(3 * pi * t));
      out.push_back(a + (b - a) * t + normal * offset);
    }
    out.push_back(b);
  }
  return out;
}

double sharedBoundary(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b) {
  GeomPtr boundaryA = geos.own(GEOSBoundary_r(geos.handle(), a), "boundary");
  GeomPtr boundaryB = geos.own(GEOSBoundary_r(geos.handle(), b), "boundary");
  GeomPtr shared =
      geos.own(GEOSIntersection_r(geos.handle(), boundaryA.get(), boundaryB.get()), "intersection");
  double length = 0;
  GEOSLength_r(geos.handle(), shared.get(), &length);
  return length;
}

}  // namespace

std::vector<std::vector<GeomPtr>> tileZones(const GeosContext& geos,
                                            const std::vector<TilingZone>& zones, Random& random) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GeomPtr> lines;
  for (const TilingZone& zone : zones) {
    std::vector<GeomPtr> seedPoints;
    for (const XY& seed : zone.seeds) seedPoints.push_back(makePoint(geos, seed));
    GeomPtr sites = makeCollection(geos, GEOS_MULTIPOINT, std::move(seedPoints));
    // Voronoi edges reaching well past the region, so the noding cuts them at its boundary.
    GeomPtr envelope = geos.own(GEOSEnvelope_r(h, zone.region), "envelope");
    GeomPtr frame = geos.own(GEOSBuffer_r(h, envelope.get(), 5000, 1), "buffer");
    if (zone.seeds.size() > 1) {
      GeomPtr edges = geos.own(GEOSVoronoiDiagram_r(h, sites.get(), frame.get(), 0, 1), "voronoi");
      GeomPtr clipped = geos.own(GEOSIntersection_r(h, edges.get(), frame.get()), "clip");
      for (int i = 0; i < GEOSGetNumGeometries_r(h, clipped.get()); ++i) {
        const GEOSGeometry* edge = GEOSGetGeometryN_r(h, clipped.get(), i);
        lines.push_back(makeLine(geos, wiggled(coordinates(geos, edge), zone.wiggle, random)));
      }
    }
    lines.push_back(geos.own(GEOSBoundary_r(h, zone.region), "boundary"));
  }
  GeomPtr linework = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(lines));
  GeomPtr noded = geos.own(GEOSUnaryUnion_r(h, linework.get()), "noding");
  GEOSGeometry* nodedRaw = noded.get();
  GeomPtr faces = geos.own(GEOSPolygonize_r(h, &nodedRaw, 1), "polygonize");

  // Each face belongs to the zone whose region holds it, and to the seed it contains, if any.
  struct Face {
    GeomPtr polygon;
    size_t zone;
    int owner;  // seed index within the zone, -1 while unknown
  };
  std::vector<PreparedPtr> regions;
  for (const TilingZone& zone : zones) regions.push_back(geos.prepare(zone.region));
  std::vector<Face> inside;
  for (int i = 0; i < GEOSGetNumGeometries_r(h, faces.get()); ++i) {
    const GEOSGeometry* face = GEOSGetGeometryN_r(h, faces.get(), i);
    GeomPtr probe = geos.own(GEOSPointOnSurface_r(h, face), "point on surface");
    for (size_t z = 0; z < zones.size(); ++z) {
      if (GEOSPreparedContains_r(h, regions[z].get(), probe.get()) != 1) continue;
      int owner = -1;
      double x0, y0, x1, y1;  // only seeds inside the face's envelope can lie in it
      GEOSGeom_getXMin_r(h, face, &x0);
      GEOSGeom_getYMin_r(h, face, &y0);
      GEOSGeom_getXMax_r(h, face, &x1);
      GEOSGeom_getYMax_r(h, face, &y1);
      for (size_t s = 0; s < zones[z].seeds.size() && owner < 0; ++s) {
        const XY seed = zones[z].seeds[s];
        if (seed.x < x0 || seed.x > x1 || seed.y < y0 || seed.y > y1) continue;
        GeomPtr point = makePoint(geos, seed);
        if (GEOSContains_r(h, face, point.get()) == 1) owner = static_cast<int>(s);
      }
      inside.push_back({geos.own(GEOSGeom_clone_r(h, face), "clone"), z, owner});
      break;
    }
  }
  // Orphan faces (a cell cut in two by a concave boundary, a pocket left by wiggles or by
  // another zone's edges) join the owned neighbour of their zone they share most edge with.
  for (bool changed = true; changed;) {
    changed = false;
    for (Face& orphan : inside) {
      if (orphan.owner >= 0) continue;
      double best = 0;
      for (const Face& other : inside) {
        if (other.owner < 0 || other.zone != orphan.zone) continue;
        const double shared = sharedBoundary(geos, orphan.polygon.get(), other.polygon.get());
        if (shared > best) {
          best = shared;
          orphan.owner = other.owner;
        }
      }
      changed = changed || orphan.owner >= 0;
    }
  }

  std::vector<std::vector<GeomPtr>> tiles(zones.size());
  for (size_t z = 0; z < zones.size(); ++z) {
    for (size_t s = 0; s < zones[z].seeds.size(); ++s) {
      std::vector<GeomPtr> parts;
      for (const Face& face : inside)
        if (face.zone == z && face.owner == static_cast<int>(s))
          parts.push_back(geos.own(GEOSGeom_clone_r(h, face.polygon.get()), "clone"));
      if (parts.empty())
        throw std::runtime_error("datagen: seed " + std::to_string(s) + " of zone " +
                                 std::to_string(z) + " received no area");
      GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(parts));
      tiles[z].push_back(geos.own(GEOSCoverageUnion_r(h, collection.get()), "coverage union"));
    }
  }
  for (const Face& face : inside)
    if (face.owner < 0) throw std::runtime_error("datagen: a face of the tiling has no owner");
  return tiles;
}

}  // namespace urbangis::datagen
