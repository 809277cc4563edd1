#include "analysis/grids/unit_grid.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <utility>

#include "core/error.h"
#include "core/geometry_access.h"
#include "core/geometry_visit.h"

namespace urbangis {
namespace {

// Two coordinates closer than this are the same: every coordinate the clipping writes lies on
// the 1 mm grid, so equal ones are equal to the last bit and different ones a millimetre apart.
constexpr double kSame = 1e-6;

// Rounds as GEOS's fixed precision model does (Java's Math.round, in units of the grid), so a
// lattice line computed here lies exactly where the overlay puts it.
double onGrid(double value) {
  const double scale = 1.0 / kUnitGridPrecision;
  const double scaled = value * scale;
  double whole = 0;
  const double fraction = std::fabs(std::modf(scaled, &whole));
  double rounded = 0;
  if (scaled >= 0)
    rounded = fraction < 0.5 ? std::floor(scaled) : fraction > 0.5 ? std::ceil(scaled) : whole + 1.0;
  else
    rounded = fraction < 0.5 ? std::ceil(scaled) : fraction > 0.5 ? std::floor(scaled) : whole;
  return rounded / scale;
}

GeomPtr clone(const GeosContext& geos, const GEOSGeometry* geometry) {
  return geos.own(GEOSGeom_clone_r(geos.handle(), geometry), "clone");
}

// The LineStrings of a (multi)line or collection, cloned.
void flattenLines(const GeosContext& geos, const GEOSGeometry* geometry, std::vector<GeomPtr>& lines) {
  GEOSContextHandle_t h = geos.handle();
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
    if (!GEOSisEmpty_r(h, geometry)) {
      GEOSCoordSequence* sequence = GEOSCoordSeq_clone_r(h, GEOSGeom_getCoordSeq_r(h, geometry));
      lines.push_back(geos.own(GEOSGeom_createLineString_r(h, sequence), "line"));
    }
  } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
    forEachPart(geos, geometry, [&](const GEOSGeometry* part) { flattenLines(geos, part, lines); });
  }
}

// The polygons of an overlay's result (which may carry stray lines or points), without any
// further overlay that could move a vertex.
void flattenPolygons(const GeosContext& geos, const GEOSGeometry* geometry, std::vector<GeomPtr>& polygons) {
  GEOSContextHandle_t h = geos.handle();
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_POLYGON) {
    if (!GEOSisEmpty_r(h, geometry)) polygons.push_back(clone(geos, geometry));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    forEachPart(geos, geometry, [&](const GEOSGeometry* part) { flattenPolygons(geos, part, polygons); });
  }
}

// One polygon as it is, several as a MultiPolygon; null for none.
GeomPtr polygonal(const GeosContext& geos, std::vector<GeomPtr> polygons) {
  if (polygons.empty()) return nullptr;
  if (polygons.size() == 1) return std::move(polygons.front());
  return makeCollection(geos, GEOS_MULTIPOLYGON, std::move(polygons));
}

GeomPtr multiLine(const GeosContext& geos, std::vector<GeomPtr> lines) {
  return makeCollection(geos, GEOS_MULTILINESTRING, std::move(lines));
}

XY pointN(GEOSContextHandle_t h, const GEOSGeometry* line, unsigned i) {
  XY p;
  GEOSCoordSeq_getXY_r(h, GEOSGeom_getCoordSeq_r(h, line), i, &p.x, &p.y);
  return p;
}

// Where a barrier ends inside the zone it cannot cut it: the cut continues straight on from the
// free end, along the barrier's last segment, to the first line it meets (another barrier or the
// zone's edge). Returns the continuations.
std::vector<GeomPtr> continuationsOfFreeEnds(const GeosContext& geos, const GEOSGeometry* linework, const Box& zone) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<GeomPtr> edges;
  flattenLines(geos, linework, edges);
  std::map<XY, int> degree;
  for (const auto& edge : edges) {
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, GEOSGeom_getCoordSeq_r(h, edge.get()), &size);
    if (size < 2) continue;
    ++degree[pointN(h, edge.get(), 0)];
    ++degree[pointN(h, edge.get(), size - 1)];
  }
  const double reach = 2.0 * std::hypot(zone.maxX - zone.minX, zone.maxY - zone.minY) + 1.0;
  std::vector<GeomPtr> continuations;
  for (const auto& edge : edges) {
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, GEOSGeom_getCoordSeq_r(h, edge.get()), &size);
    if (size < 2) continue;
    for (const bool atEnd : {false, true}) {
      const XY end = pointN(h, edge.get(), atEnd ? size - 1 : 0);
      if (degree[end] != 1) continue;
      const XY before = pointN(h, edge.get(), atEnd ? size - 2 : 1);
      const double dx = end.x - before.x, dy = end.y - before.y, norm = std::hypot(dx, dy);
      if (norm <= 0) continue;
      GEOSCoordSequence* ray = GEOSCoordSeq_create_r(h, 2, 2);
      GEOSCoordSeq_setXY_r(h, ray, 0, end.x, end.y);
      GEOSCoordSeq_setXY_r(h, ray, 1, end.x + dx / norm * reach, end.y + dy / norm * reach);
      GeomPtr rayLine = geos.own(GEOSGeom_createLineString_r(h, ray), "ray");
      GeomPtr hits = geos.own(GEOSIntersection_r(h, rayLine.get(), linework), "ray intersection");
      // The nearest point of what the ray meets, beyond its own start.
      double nearest = reach;
      XY hit = end;
      const auto consider = [&](double x, double y) {
        const double distance = std::hypot(x - end.x, y - end.y);
        if (distance > kSame && distance < nearest) {
          nearest = distance;
          hit = {x, y};
        }
      };
      const std::function<void(const GEOSGeometry*)> visit = [&](const GEOSGeometry* g) {
        const int type = GEOSGeomTypeId_r(h, g);
        if (type == GEOS_POINT || type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
          if (GEOSisEmpty_r(h, g)) return;
          const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, g);
          unsigned count = 0;
          GEOSCoordSeq_getSize_r(h, sequence, &count);
          for (unsigned i = 0; i < count; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, sequence, i, &x, &y);
            consider(x, y);
          }
        } else {
          for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) visit(GEOSGetGeometryN_r(h, g, i));
        }
      };
      visit(hits.get());
      if (nearest >= reach) continue;  // cannot happen inside a closed boundary; left as it is
      GEOSCoordSequence* cut = GEOSCoordSeq_create_r(h, 2, 2);
      GEOSCoordSeq_setXY_r(h, cut, 0, end.x, end.y);
      GEOSCoordSeq_setXY_r(h, cut, 1, hit.x, hit.y);
      continuations.push_back(geos.own(GEOSGeom_createLineString_r(h, cut), "continuation"));
    }
  }
  return continuations;
}

// Length of the border two pieces share (they come from one polygonization, so a shared edge
// has the same vertices on both sides).
double sharedBorder(const GeosContext& geos, const GEOSGeometry* a, const GEOSGeometry* b) {
  GEOSContextHandle_t h = geos.handle();
  if (!envelopeOf(geos, a).intersects(envelopeOf(geos, b))) return 0;
  GeomPtr edgeA = geos.own(GEOSBoundary_r(h, a), "boundary");
  GeomPtr edgeB = geos.own(GEOSBoundary_r(h, b), "boundary");
  GeomPtr common = geos.own(GEOSIntersection_r(h, edgeA.get(), edgeB.get()), "shared border");
  double length = 0;
  GEOSLength_r(h, common.get(), &length);
  return length;
}

// Pieces under the minimum area (scraps a road cuts off where it runs close along the zone's
// edge or meets another road at a sharp angle) join the neighbouring piece they share the
// longest border with, smallest first: a road splits grids only where it leaves at least the
// minimum area on its side. Returns how many joined.
size_t joinScraps(const GeosContext& geos, const MeasureFrame& frame, std::vector<GeomPtr>& pieces, double minAreaM2) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<double> area;
  for (const auto& piece : pieces) area.push_back(frame.area(geos, piece.get()));
  std::vector<bool> alive(pieces.size(), true), stuck(pieces.size(), false);
  size_t joined = 0;
  for (;;) {
    size_t scrap = pieces.size();
    for (size_t i = 0; i < pieces.size(); ++i)
      if (alive[i] && !stuck[i] && area[i] < minAreaM2 && (scrap == pieces.size() || area[i] < area[scrap])) scrap = i;
    if (scrap == pieces.size()) break;
    size_t best = pieces.size();
    double longest = kSame;
    for (size_t j = 0; j < pieces.size(); ++j) {
      if (j == scrap || !alive[j]) continue;
      const double length = sharedBorder(geos, pieces[scrap].get(), pieces[j].get());
      if (length > longest + kSame) {
        best = j;
        longest = length;
      }
    }
    if (best == pieces.size()) {  // an island of a multipart zone: nothing to join
      stuck[scrap] = true;
      continue;
    }
    std::vector<GeomPtr> both;
    both.push_back(std::move(pieces[best]));
    both.push_back(std::move(pieces[scrap]));
    GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(both));
    std::vector<GeomPtr> parts;
    flattenPolygons(geos, geos.own(GEOSUnaryUnionPrec_r(h, collection.get(), kUnitGridPrecision), "join scrap").get(),
                    parts);
    pieces[best] = polygonal(geos, std::move(parts));
    if (!pieces[best]) throw std::runtime_error("unit grids: joining a scrap left no area");
    area[best] += area[scrap];
    alive[scrap] = false;
    ++joined;
  }
  std::vector<GeomPtr> kept;
  for (size_t i = 0; i < pieces.size(); ++i)
    if (alive[i]) kept.push_back(std::move(pieces[i]));
  pieces = std::move(kept);
  return joined;
}

// The parts of `zone` (precise) between the barriers: the faces of the zone's edge and the
// barriers inside it, noded on the 1 mm grid, scraps under the minimum area joined.
std::vector<GeomPtr> piecesBetween(const GeosContext& geos, const MeasureFrame& frame, const GEOSGeometry* zone,
                                   const std::vector<const GEOSGeometry*>& barriers, double minAreaM2,
                                   ZoneGrids& result) {
  GEOSContextHandle_t h = geos.handle();
  const Box zoneEnvelope = envelopeOf(geos, zone);
  std::vector<GeomPtr> lines;
  for (const GEOSGeometry* barrier : barriers)
    if (envelopeOf(geos, barrier).intersects(zoneEnvelope)) flattenLines(geos, barrier, lines);
  std::vector<GeomPtr> single;
  single.push_back(clone(geos, zone));
  if (lines.empty()) return single;
  GeomPtr roads = multiLine(geos, std::move(lines));
  GeomPtr inside = geos.own(GEOSIntersectionPrec_r(h, roads.get(), zone, kUnitGridPrecision), "clip barriers");
  std::vector<GeomPtr> all;
  flattenLines(geos, inside.get(), all);
  if (all.empty()) return single;
  GeomPtr boundary = geos.own(GEOSBoundary_r(h, zone), "boundary");
  flattenLines(geos, boundary.get(), all);
  GeomPtr collected = multiLine(geos, std::move(all));
  GeomPtr linework = geos.own(GEOSUnaryUnionPrec_r(h, collected.get(), kUnitGridPrecision), "node barriers");
  std::vector<GeomPtr> continuations = continuationsOfFreeEnds(geos, linework.get(), zoneEnvelope);
  result.extendedRoadEnds = continuations.size();
  if (!continuations.empty()) {
    std::vector<GeomPtr> withCuts;
    flattenLines(geos, linework.get(), withCuts);
    for (auto& cut : continuations) withCuts.push_back(std::move(cut));
    GeomPtr more = multiLine(geos, std::move(withCuts));
    linework = geos.own(GEOSUnaryUnionPrec_r(h, more.get(), kUnitGridPrecision), "node continuations");
  }

  const GEOSGeometry* input[] = {linework.get()};
  GeomPtr faces = geos.own(GEOSPolygonize_r(h, input, 1), "polygonize");
  const PreparedPtr prepared = geos.prepare(zone);
  std::vector<GeomPtr> pieces;
  forEachPart(geos, faces.get(), [&](const GEOSGeometry* face) {
    GeomPtr inner = geos.own(GEOSPointOnSurface_r(h, face), "point on surface");
    if (relates(geos, prepared.get(), Relation::contains, inner.get())) pieces.push_back(clone(geos, face));
  });
  if (pieces.size() <= 1) return single;
  result.joinedScraps = joinScraps(geos, frame, pieces, minAreaM2);
  if (pieces.size() <= 1) return single;
  return pieces;
}

enum Side { west = 0, east = 1, south = 2, north = 3 };
using Stretches = std::vector<std::pair<double, double>>;

// A connected part of one lattice cell within one piece of the zone: what grids are made of.
struct Atom {
  GeomPtr polygon;
  int64_t row = 0, col = 0;
  size_t piece = 0;
  double areaM2 = 0;
  double cx = 0, cy = 0;           // centroid: orders the parts of one cell
  std::array<Stretches, 4> sides;  // the stretches of its boundary on the cell's four edges
};

void collectSides(GEOSContextHandle_t h, const GEOSGeometry* polygon, const Box& cell, Atom& atom) {
  // Only the exterior ring: an atom's holes never lie on its cell's edges.
  forEachSegment(h, GEOSGetExteriorRing_r(h, polygon), [&](double px, double py, double x, double y) {
    const auto on = [&](double a, double b, double line) {
      return std::fabs(a - line) <= kSame && std::fabs(b - line) <= kSame;
    };
    if (on(px, x, cell.minX))
      atom.sides[west].emplace_back(std::min(py, y), std::max(py, y));
    else if (on(px, x, cell.maxX))
      atom.sides[east].emplace_back(std::min(py, y), std::max(py, y));
    else if (on(py, y, cell.minY))
      atom.sides[south].emplace_back(std::min(px, x), std::max(px, x));
    else if (on(py, y, cell.maxY))
      atom.sides[north].emplace_back(std::min(px, x), std::max(px, x));
  });
}

double sharedLength(const Stretches& a, const Stretches& b) {
  double total = 0;
  for (const auto& [a0, a1] : a)
    for (const auto& [b0, b1] : b) total += std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
  return total;
}

GeomPtr asMultiPolygon(const GeosContext& geos, GeomPtr geometry) {
  if (GEOSGeomTypeId_r(geos.handle(), geometry.get()) == GEOS_MULTIPOLYGON) return geometry;
  std::vector<GeomPtr> parts;
  parts.push_back(std::move(geometry));
  return makeCollection(geos, GEOS_MULTIPOLYGON, std::move(parts));
}

void centroidOf(const GeosContext& geos, const GEOSGeometry* geometry, double& x, double& y) {
  GeomPtr centroid = geos.own(GEOSGetCentroid_r(geos.handle(), geometry), "centroid");
  const XY point = pointCoordinates(geos, centroid.get());
  x = point.x;
  y = point.y;
}

// Cuts every piece by the lattice: one atom per connected part of each cell within a piece.
std::vector<Atom> cutByLattice(const GeosContext& geos, const MeasureFrame& frame, const std::vector<GeomPtr>& pieces,
                               double cell, const Progress* progress) {
  GEOSContextHandle_t h = geos.handle();
  std::vector<Atom> atoms;
  for (size_t p = 0; p < pieces.size(); ++p) {
    const GEOSGeometry* piece = pieces[p].get();
    const PreparedPtr prepared = geos.prepare(piece);
    const Box extent = envelopeOf(geos, piece);
    const auto firstCol = static_cast<int64_t>(std::floor(extent.minX / cell));
    const auto lastCol = static_cast<int64_t>(std::floor(extent.maxX / cell));
    const auto firstRow = static_cast<int64_t>(std::floor(extent.minY / cell));
    const auto lastRow = static_cast<int64_t>(std::floor(extent.maxY / cell));
    for (int64_t row = lastRow; row >= firstRow; --row) {
      if (progress) progress->checkCancelled();
      for (int64_t col = firstCol; col <= lastCol; ++col) {
        const Box box{onGrid(static_cast<double>(col) * cell), onGrid(static_cast<double>(row) * cell),
                      onGrid(static_cast<double>(col + 1) * cell), onGrid(static_cast<double>(row + 1) * cell)};
        GeomPtr square = geos.own(GEOSGeom_createRectangle_r(h, box.minX, box.minY, box.maxX, box.maxY), "cell");
        std::vector<GeomPtr> parts;
        if (relates(geos, prepared.get(), Relation::contains, square.get())) {
          parts.push_back(std::move(square));
        } else if (relates(geos, prepared.get(), Relation::intersects, square.get())) {
          GeomPtr cut = geos.own(GEOSIntersectionPrec_r(h, square.get(), piece, kUnitGridPrecision), "clip cell");
          flattenPolygons(geos, cut.get(), parts);
        }
        for (auto& part : parts) {
          Atom atom;
          atom.row = row;
          atom.col = col;
          atom.piece = p;
          atom.areaM2 = frame.area(geos, part.get());
          centroidOf(geos, part.get(), atom.cx, atom.cy);
          collectSides(h, part.get(), box, atom);
          atom.polygon = std::move(part);
          atoms.push_back(std::move(atom));
        }
      }
    }
  }
  // Numbering order: rows north to south, west to east within a row; the parts of one cell by
  // their centroids, north first, then west.
  std::sort(atoms.begin(), atoms.end(), [](const Atom& a, const Atom& b) {
    if (a.row != b.row) return a.row > b.row;
    if (a.col != b.col) return a.col < b.col;
    if (a.cy != b.cy) return a.cy > b.cy;
    return a.cx < b.cx;
  });
  return atoms;
}

// A grid while slivers are merged: the atoms it holds and the border it shares with each other
// grid (by atom index of the grid's first atom, which is also its id).
struct Group {
  std::vector<size_t> atoms;
  double areaM2 = 0;
  std::map<size_t, double> border;
  bool alive = true;
  bool isolated = false;
};

}  // namespace

ZoneGrids buildUnitGrids(const GeosContext& geos, const MeasureFrame& frame, const GEOSGeometry* zone,
                         double zoneAreaM2, const std::vector<const GEOSGeometry*>& barriers,
                         const UnitGridOptions& options, const Progress* progress) {
  if (!(options.cell > 0) || !std::isfinite(options.cell))
    throw InputError("the cell size must be a number of metres greater than 0");
  GEOSContextHandle_t h = geos.handle();
  ZoneGrids result;
  std::vector<GeomPtr> zoneParts;
  flattenPolygons(geos, geos.own(GEOSGeom_setPrecision_r(h, zone, kUnitGridPrecision, 0), "precision").get(),
                  zoneParts);
  GeomPtr precise = polygonal(geos, std::move(zoneParts));
  if (!precise) precise = clone(geos, zone);  // under a millimetre across: kept as it is

  if (zoneAreaM2 < options.cell * options.cell) {
    // Too small for one cell: the zone is its one grid, numbered by the cell it lies in.
    UnitGrid grid;
    GeomPtr inner = geos.own(GEOSPointOnSurface_r(h, precise.get()), "point on surface");
    const XY point = pointCoordinates(geos, inner.get());
    grid.row = static_cast<int64_t>(std::floor(point.y / options.cell));
    grid.col = static_cast<int64_t>(std::floor(point.x / options.cell));
    grid.areaM2 = frame.area(geos, precise.get());
    grid.geometry = asMultiPolygon(geos, std::move(precise));
    result.wholeZone = true;
    result.grids.push_back(std::move(grid));
    return result;
  }

  std::vector<GeomPtr> pieces;
  if (barriers.empty())
    pieces.push_back(std::move(precise));
  else
    pieces = piecesBetween(geos, frame, precise.get(), barriers, options.minAreaM2, result);
  result.pieces = pieces.size();
  std::vector<Atom> atoms = cutByLattice(geos, frame, pieces, options.cell, progress);

  // Neighbours: atoms of one piece in cells side by side that share a stretch of that side.
  std::map<std::pair<int64_t, int64_t>, std::vector<size_t>> byCell;
  for (size_t i = 0; i < atoms.size(); ++i) byCell[{atoms[i].row, atoms[i].col}].push_back(i);
  std::vector<Group> groups(atoms.size());
  for (size_t i = 0; i < atoms.size(); ++i) {
    groups[i].atoms = {i};
    groups[i].areaM2 = atoms[i].areaM2;
  }
  for (size_t a = 0; a < atoms.size(); ++a) {
    const struct {
      int64_t dRow, dCol;
      Side mine, theirs;
    } steps[] = {{0, 1, east, west}, {1, 0, north, south}};
    for (const auto& step : steps) {
      const auto found = byCell.find({atoms[a].row + step.dRow, atoms[a].col + step.dCol});
      if (found == byCell.end()) continue;
      for (size_t b : found->second) {
        if (atoms[b].piece != atoms[a].piece) continue;
        const double length = sharedLength(atoms[a].sides[step.mine], atoms[b].sides[step.theirs]);
        if (length <= kSame) continue;
        groups[a].border[b] += length;
        groups[b].border[a] += length;
      }
    }
  }

  // Slivers, smallest first, merge into the neighbour sharing the longest border (on a tie, the
  // first in numbering order); a neighbour that stays under the minimum goes on in the queue.
  std::set<std::pair<double, size_t>> slivers;
  for (size_t g = 0; g < groups.size(); ++g)
    if (groups[g].areaM2 < options.minAreaM2) slivers.insert({groups[g].areaM2, g});
  while (!slivers.empty()) {
    const size_t g = slivers.begin()->second;
    slivers.erase(slivers.begin());
    Group& sliver = groups[g];
    if (sliver.border.empty()) {
      sliver.isolated = true;
      continue;
    }
    size_t best = sliver.border.begin()->first;
    double longest = -1;
    for (const auto& [neighbour, length] : sliver.border)
      if (length > longest + kSame) {
        best = neighbour;
        longest = length;
      }
    Group& target = groups[best];
    if (target.areaM2 < options.minAreaM2) slivers.erase({target.areaM2, best});
    target.atoms.insert(target.atoms.end(), sliver.atoms.begin(), sliver.atoms.end());
    target.areaM2 += sliver.areaM2;
    for (const auto& [neighbour, length] : sliver.border) {
      if (neighbour == best) continue;
      target.border[neighbour] += length;
      groups[neighbour].border[best] += length;
      groups[neighbour].border.erase(g);
    }
    target.border.erase(g);
    sliver.border.clear();
    sliver.alive = false;
    ++result.mergedSlivers;
    if (target.areaM2 < options.minAreaM2) slivers.insert({target.areaM2, best});
  }

  for (size_t g = 0; g < groups.size(); ++g) {
    Group& group = groups[g];
    if (!group.alive) continue;
    UnitGrid grid;
    grid.row = atoms[g].row;
    grid.col = atoms[g].col;
    grid.isolatedSliver = group.isolated;
    if (group.atoms.size() == 1) {
      grid.areaM2 = atoms[g].areaM2;
      grid.geometry = asMultiPolygon(geos, std::move(atoms[g].polygon));
    } else {
      std::vector<GeomPtr> parts;
      for (size_t a : group.atoms) parts.push_back(std::move(atoms[a].polygon));
      GeomPtr collection = makeCollection(geos, GEOS_GEOMETRYCOLLECTION, std::move(parts));
      std::vector<GeomPtr> mergedParts;
      flattenPolygons(geos,
                      geos.own(GEOSUnaryUnionPrec_r(h, collection.get(), kUnitGridPrecision), "merge sliver").get(),
                      mergedParts);
      GeomPtr merged = polygonal(geos, std::move(mergedParts));
      if (!merged) throw std::runtime_error("unit grids: merging a sliver left no area");
      grid.areaM2 = frame.area(geos, merged.get());
      grid.geometry = asMultiPolygon(geos, std::move(merged));
    }
    result.grids.push_back(std::move(grid));
  }
  return result;
}

}  // namespace urbangis
