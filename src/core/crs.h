#pragma once
// Coordinate reference systems: the names a catalog may use, and RAII over PROJ handles.
// Every CRS is used in traditional GIS order (lon/lat, easting/northing), whatever the
// authority's axis order: EPSG:4490 and EPSG:4547 put latitude/northing first.

#include <proj.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace urbangis {

// GCJ-02 and BD-09 are not CRSs PROJ knows (PROJ issue 982): they are WGS84 lon/lat with a
// published, non-linear obfuscation added, undone by our own code before PROJ sees them.
enum class ChineseOffset { none, gcj02, bd09 };

struct CrsSpec {
  std::string definition;  // what PROJ understands, e.g. "EPSG:4490"
  ChineseOffset offset = ChineseOffset::none;
  std::string label;  // a short name for people, e.g. "CGCS2000 (EPSG:4490)"
};

// Parses a catalog CRS name, case-insensitively: EPSG:n, WGS84, CGCS2000, GCJ-02/gcj02,
// BD-09/bd09. Returns nullopt for anything else (the caller names the key and the file).
std::optional<CrsSpec> parseCrsName(std::string_view name);

// The UTM zone (WGS84) suited to an extent in lon/lat, e.g. "EPSG:32650" for Daye.
std::string utmZoneFor(double lon, double lat);

struct ProjContextDeleter {
  void operator()(PJ_CONTEXT* context) const noexcept { proj_context_destroy(context); }
};
// One PROJ context per thread of work.
class ProjContext {
 public:
  ProjContext();
  PJ_CONTEXT* get() const { return context_.get(); }
  std::string lastError() const;

 private:
  std::unique_ptr<PJ_CONTEXT, ProjContextDeleter> context_;
};

struct ProjDeleter {
  void operator()(PJ* object) const noexcept { proj_destroy(object); }
};
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

struct Ellipsoid {
  double semiMajor = 6378137.0;
  double flattening = 1.0 / 298.257222101;  // GRS80 / CGCS2000
};

class Crs {
 public:
  // From an authority code or a WKT (as OGR exports it); throws InputError when PROJ cannot
  // read the definition.
  Crs(const ProjContext& context, const CrsSpec& spec);

  PJ* get() const { return crs_.get(); }
  const CrsSpec& spec() const { return spec_; }
  std::string name() const;
  std::optional<int> epsg() const;
  bool isGeographic() const;
  Ellipsoid ellipsoid() const;
  // "EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E" or "GCJ-02 (…)".
  std::string describe() const;

 private:
  const ProjContext* context_;
  ProjPtr crs_;
  CrsSpec spec_;
};

// True when a and b are the same CRS (offset included), so no transform is needed.
bool sameCrs(const Crs& a, const Crs& b);

// A coordinate operation between two CRSs in GIS axis order. GCJ-02 / BD-09 sides go through
// WGS84 with our own exact offsets (core/chinese_offsets.h); the rest is PROJ's.
class Transform {
 public:
  Transform(const ProjContext& context, const Crs& from, const Crs& to);
  // Transforms n points in place; throws if any point cannot be transformed.
  void apply(double* x, double* y, size_t n) const;
  void apply(double& x, double& y) const { apply(&x, &y, 1); }
  // The same without throwing: points that cannot be transformed become infinite; returns
  // how many did.
  size_t applyLenient(double* x, double* y, size_t n) const;

 private:
  const ProjContext* context_;
  ProjPtr operation_;
  ChineseOffset fromOffset_ = ChineseOffset::none;
  ChineseOffset toOffset_ = ChineseOffset::none;
};

}  // namespace urbangis
