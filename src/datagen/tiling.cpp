#include "datagen/tiling.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

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
    const double r1 = random.uniform(-1, 1), r2 = random.uniform(-1, 1), r3 = random.uniform(-1, 1);
    const XY normal = length > 0 ? XY{-(b.y - a.y) / length, (b.x - a.x) / length} : XY{};
    for (int k = 1; k < pieces; ++k) {
      const double t = static_cast<double>(k) / pieces;
      const double pi = std::numbers::pi;
      const double offset =
          amplitude * (0.6 * r1 * std::sin(pi * t) + 0.3 * r2 * std::sin(2 * pi * t) + 0.1 * r3 * std::sin(3 * pi * t));
      out.push_back(a + (b - a) * t + normal * offset);
    }
    out.push_back(b);
  }
  return out;
}

// Beyond its region, a zone's Voronoi edges run this far: far enough that the noding cuts them
// at the region's boundary, short enough that they do not chop up every other zone.
constexpr double kEdgeOverhang = 100;
constexpr double kNodingGrid = 0.01;  // metres

struct Face {
  GeomPtr polygon;
  GeomPtr boundary;
  size_t zone;
  int owner;              // seed index within the zone, -1 while unknown
  double x0, y0, x1, y1;  // envelope
};

bool envelopesMeet(const Face& a, const Face& b) {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

double sharedBoundary(const GeosContext& geos, const Face& a, const Face& b) {
  if (!envelopesMeet(a, b)) return 0;
  GeomPtr shared = geos.own(GEOSIntersection_r(geos.handle(), a.boundary.get(), b.boundary.get()), "intersection");
  double length = 0;
  GEOSLength_r(geos.handle(), shared.get(), &length);
  return length;
}

// The zone holding most of `face`, for the rare face whose inner point lies in no region (a
// sliver between two regions' boundaries); npos when most of it lies outside every region.
size_t zoneByArea(const GeosContext& geos, const GEOSGeometry* face, const std::vector<TilingZone>& zones) {
  double faceArea = 0, best = 0;
  GEOSArea_r(geos.handle(), face, &faceArea);
  size_t chosen = std::string::npos;
  for (size_t z = 0; z < zones.size(); ++z) {
    GeomPtr common = geos.own(GEOSIntersection_r(geos.handle(), face, zones[z].region), "intersection");
    double area = 0;
    GEOSArea_r(geos.handle(), common.get(), &area);
    if (area > best) best = area, chosen = z;
  }
  return best >= 0.5 * faceArea && faceArea > 0 ? chosen : std::string::npos;
}

}  // namespace

GeomPtr coverageUnion(const GeosContext& geos, std::vector<GeomPtr> parts) {
  GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(parts));
  GeomPtr united = geos.own(GEOSCoverageUnion_r(geos.handle(), collection.get()), "coverage union");
  if (GEOSisValid_r(geos.handle(), united.get()) == 1) return united;
  return geos.own(GEOSMakeValid_r(geos.handle(), united.get()), "make valid");
}

std::vector<std::vector<GeomPtr>> tileZones(const GeosContext& geos, const std::vector<TilingZone>& zones,
                                            Random& random) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GeomPtr> lines;
  for (const TilingZone& zone : zones) {
    std::vector<GeomPtr> seedPoints;
    for (const XY& seed : zone.seeds) seedPoints.push_back(makePoint(geos, seed));
    GeomPtr sites = makeCollection(geos, GEOS_MULTIPOINT, std::move(seedPoints));
    // Voronoi edges reaching a little past the region, so the noding cuts them at its boundary.
    GeomPtr envelope = geos.own(GEOSEnvelope_r(h, zone.region), "envelope");
    GeomPtr frame = geos.own(GEOSBuffer_r(h, envelope.get(), 5000, 1), "buffer");
    GeomPtr reach = geos.own(GEOSBuffer_r(h, zone.region, kEdgeOverhang, 4), "buffer");
    if (zone.seeds.size() > 1) {
      GeomPtr edges = geos.own(GEOSVoronoiDiagram_r(h, sites.get(), frame.get(), 0, 1), "voronoi");
      GeomPtr clipped = geos.own(GEOSIntersection_r(h, edges.get(), reach.get()), "clip");
      for (int i = 0; i < GEOSGetNumGeometries_r(h, clipped.get()); ++i) {
        const GEOSGeometry* edge = GEOSGetGeometryN_r(h, clipped.get(), i);
        if (GEOSGeomTypeId_r(h, edge) != GEOS_LINESTRING) continue;
        lines.push_back(makeLine(geos, wiggled(coordinates(geos, edge), zone.wiggle, random)));
      }
    }
    lines.push_back(geos.own(GEOSBoundary_r(h, zone.region), "boundary"));
  }
  GeomPtr linework = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(lines));
  // Snap-rounded to a centimetre: boundaries that come closer than that meet at a shared vertex
  // instead, so no tile pinches to a hair that could cross itself once stored in lon/lat.
  GeomPtr noded = geos.own(GEOSUnaryUnionPrec_r(h, linework.get(), kNodingGrid), "noding");
  GEOSGeometry* nodedRaw = noded.get();
  GeomPtr faces = geos.own(GEOSPolygonize_r(h, &nodedRaw, 1), "polygonize");

  // Each face belongs to the zone whose region holds it, and to the seed it contains, if any.
  std::vector<PreparedPtr> regions;
  for (const TilingZone& zone : zones) regions.push_back(geos.prepare(zone.region));
  std::vector<Face> inside;
  for (int i = 0; i < GEOSGetNumGeometries_r(h, faces.get()); ++i) {
    const GEOSGeometry* face = GEOSGetGeometryN_r(h, faces.get(), i);
    GeomPtr probe = geos.own(GEOSPointOnSurface_r(h, face), "point on surface");
    size_t zone = std::string::npos;
    for (size_t z = 0; z < zones.size() && zone == std::string::npos; ++z)
      if (GEOSPreparedContains_r(h, regions[z].get(), probe.get()) == 1) zone = z;
    if (zone == std::string::npos) zone = zoneByArea(geos, face, zones);
    if (zone == std::string::npos) continue;  // outside every region
    Face entry{geos.own(GEOSGeom_clone_r(h, face), "clone"),
               geos.own(GEOSBoundary_r(h, face), "boundary"),
               zone,
               -1,
               0,
               0,
               0,
               0};
    GEOSGeom_getXMin_r(h, face, &entry.x0);
    GEOSGeom_getYMin_r(h, face, &entry.y0);
    GEOSGeom_getXMax_r(h, face, &entry.x1);
    GEOSGeom_getYMax_r(h, face, &entry.y1);
    // Only seeds inside the face's envelope can lie in it.
    for (size_t s = 0; s < zones[zone].seeds.size() && entry.owner < 0; ++s) {
      const XY seed = zones[zone].seeds[s];
      if (seed.x < entry.x0 || seed.x > entry.x1 || seed.y < entry.y0 || seed.y > entry.y1) continue;
      GeomPtr point = makePoint(geos, seed);
      if (GEOSContains_r(h, face, point.get()) == 1) entry.owner = static_cast<int>(s);
    }
    inside.push_back(std::move(entry));
  }
  // Orphan faces (a cell cut in two by a concave boundary, a pocket left by wiggles or by
  // another zone's edges) join the owned neighbour of their zone they share most edge with;
  // an orphan with no such neighbour, one of its group (it then changes zone).
  const auto adopt = [&](bool withinZone) {
    bool any = false;
    for (bool changed = true; changed;) {
      changed = false;
      for (Face& orphan : inside) {
        if (orphan.owner >= 0) continue;
        double best = 0;
        for (const Face& other : inside) {
          if (other.owner < 0) continue;
          if (withinZone ? other.zone != orphan.zone : zones[other.zone].group != zones[orphan.zone].group) continue;
          const double shared = sharedBoundary(geos, orphan, other);
          if (shared > best) {
            best = shared;
            orphan.owner = other.owner;
            orphan.zone = other.zone;
          }
        }
        changed = changed || orphan.owner >= 0;
      }
      any = any || changed;
    }
    return any;
  };
  while (adopt(true) || adopt(false)) {
  }

  std::vector<std::vector<GeomPtr>> tiles(zones.size());
  for (size_t z = 0; z < zones.size(); ++z) {
    for (size_t s = 0; s < zones[z].seeds.size(); ++s) {
      std::vector<GeomPtr> parts;
      for (const Face& face : inside)
        if (face.zone == z && face.owner == static_cast<int>(s))
          parts.push_back(geos.own(GEOSGeom_clone_r(h, face.polygon.get()), "clone"));
      if (parts.empty())
        throw std::runtime_error("datagen: seed " + std::to_string(s) + " of zone " + std::to_string(z) +
                                 " received no area");
      tiles[z].push_back(coverageUnion(geos, std::move(parts)));
    }
  }
  for (const Face& face : inside)
    if (face.owner < 0) throw std::runtime_error("datagen: a face of the tiling has no owner");
  return tiles;
}

}  // namespace urbangis::datagen
