#pragma once
// The zones a statistic is aggregated by (townships, communities, unit grids …): read from a
// catalog `zones` layer, reprojected to the working CRS, repaired when invalid, measured on the
// ellipsoid, and ranked by id for the boundary rule.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/crs.h"
#include "core/geodesic.h"
#include "core/geos_context.h"

class OGRGeometry;

namespace urbangis {

struct Zone {
  std::string id;
  std::string name;
  int64_t fid = -1;   // the feature's id in its source
  GeomPtr geometry;   // working CRS, valid
  double areaM2 = 0;  // ellipsoidal
};

// The working CRS and how to measure in it: topology in `working`, measures on the ellipsoid
// of its geodetic CRS after transforming there. PROJ objects are per thread: give each worker
// its own ProjContext and MeasureFrame.
class MeasureFrame {
 public:
  MeasureFrame(const ProjContext& context, const CrsSpec& working);
  const Crs& working() const { return working_; }
  const Crs& geographic() const { return geographic_; }
  // Ellipsoidal area / length of a geometry given in the working CRS.
  double area(const GeosContext& geos, const GEOSGeometry* geometry) const;
  double length(const GeosContext& geos, const GEOSGeometry* geometry) const;

 private:
  const ProjContext* context_;
  Crs working_;
  Crs geographic_;
  Transform toGeographic_;
  GeodesicMeasure measure_;
};

struct ZoneSet {
  std::vector<Zone> zones;
  bool integerIds = false;  // ids compared as numbers (else as UTF-8 bytes)
  // rank[i]: position of zone i in id order; the lowest rank wins a boundary tie.
  std::vector<size_t> rank;
  std::vector<std::string> repaired;  // ids of zones whose geometry MakeValid repaired
};

// Reads `spec` (role zones) into the working CRS. `warn` receives one line per repaired zone.
ZoneSet loadZones(const LayerSpec& spec, const GeosContext& geos, const ProjContext& proj, const MeasureFrame& frame);

// GDAL's WKB and WKT readers stop at 32 levels of nested collections, so a geometry nested deeper
// (only GeoJSON carries one, up to about 510 levels) could be read but never written out again.
inline constexpr int kMaxGeometryNesting = 32;

// Levels of collections around the deepest part of `geometry`: a polygon 0, a multipolygon 1, a
// collection of multipolygons 2 … Counted without recursion (docs/robustness.md, "Depth limits").
int collectionNesting(const OGRGeometry& geometry);

// Converts an OGR geometry to GEOS through WKB. Throws InputError for a geometry nested deeper
// than kMaxGeometryNesting.
GeomPtr toGeos(const GeosContext& geos, const OGRGeometry& geometry);

// A valid version of `geometry` (GEOS MakeValid), keeping only the parts of the expected
// dimension (2 for polygons, 1 for lines); returns null if nothing is left.
GeomPtr repaired(const GeosContext& geos, GeomPtr geometry, int dimension);

// The parts of `geometry` of `dimension` (an overlay may return a collection with stray points
// or lines), unioned; null when there are none.
GeomPtr keepDimension(const GeosContext& geos, const GEOSGeometry* geometry, int dimension);

// The catalog's working CRS, or, when it declares none, the UTM zone of the zones layer's
// centre; `chosen` tells which.
CrsSpec workingCrsFor(const Catalog& catalog, const LayerSpec& zones, bool& chosen);

// The working CRS of an analysis that measures in metres: as workingCrsFor, and refused, naming
// the catalog and `inMetres` (what needs metres, e.g. "hot spots measure in metres"), when it is
// geographic. Says in `messages` when it was chosen from the data's extent.
CrsSpec projectedWorkingCrsFor(const Catalog& catalog, const LayerSpec& layer, const std::string& inMetres,
                               std::vector<std::string>& messages);

}  // namespace urbangis
