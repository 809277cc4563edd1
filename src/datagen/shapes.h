#pragma once
// Small geometry builders for the generator, in projected metres (EPSG:4547).

#include <vector>

#include "core/geos_context.h"
#include "datagen/random.h"

namespace urbangis::datagen {

struct XY {
  double x = 0, y = 0;
};

inline XY operator+(XY a, XY b) { return {a.x + b.x, a.y + b.y}; }
inline XY operator-(XY a, XY b) { return {a.x - b.x, a.y - b.y}; }
inline XY operator*(XY a, double k) { return {a.x * k, a.y * k}; }
double distance(XY a, XY b);
// `p` rotated by `angle` radians about the origin.
XY rotated(XY p, double angle);

GeomPtr makePoint(const GeosContext& geos, XY p);
GeomPtr makeLine(const GeosContext& geos, const std::vector<XY>& points);
// A polygon from one ring; the ring is closed if it is not already.
GeomPtr makePolygon(const GeosContext& geos, std::vector<XY> ring);
// A rectangle of `width` × `depth` centred on `centre`, its width along `angle`.
std::vector<XY> rectangle(XY centre, double width, double depth, double angle);

std::vector<XY> coordinates(const GeosContext& geos, const GEOSGeometry* lineOrRing);
XY pointOf(const GeosContext& geos, const GEOSGeometry* point);
XY pointOnSurface(const GeosContext& geos, const GEOSGeometry* geometry);
double lineLength(const std::vector<XY>& line);
// The point at `along` metres from the start of `line`, and the direction there (radians).
XY pointAlong(const std::vector<XY>& line, double along, double* direction = nullptr);
// The part of `line` between `from` and `to` metres along it.
std::vector<XY> subLine(const std::vector<XY>& line, double from, double to);

// A uniformly random point inside `polygon` (rejection sampling in its envelope).
XY randomPointIn(const GeosContext& geos, const GEOSGeometry* polygon, Random& random);

}  // namespace urbangis::datagen
