#pragma once
// RAII over the reentrant GEOS C API: one context per thread of work, owning geometries
// through GeomPtr so no GEOSGeometry is ever leaked or freed twice.

#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

namespace urbangis {

class GeosContext;

struct GeomDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSGeometry* geometry) const noexcept;
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(const GEOSPreparedGeometry* prepared) const noexcept;
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }

  // Takes ownership of a geometry a GEOS call returned; throws with GEOS's last message if the
  // call failed (returned null). `what` names the operation for that message.
  GeomPtr own(GEOSGeometry* geometry, const char* what) const;
  GeomPtr own(GEOSGeometry* geometry) const { return GeomPtr(geometry, GeomDeleter{handle_}); }
  PreparedPtr prepare(const GEOSGeometry* geometry) const;

  GeomPtr fromWkb(const unsigned char* wkb, size_t size) const;
  std::vector<unsigned char> toWkb(const GEOSGeometry* geometry) const;
  GeomPtr fromWkt(const std::string& wkt) const;
  std::string toWkt(const GEOSGeometry* geometry, int decimals = 3) const;

  // The message of the last GEOS error or notice on this context.
  const std::string& lastError() const { return lastError_; }

 private:
  GEOSContextHandle_t handle_;
  std::string lastError_;
};

// GEOS 3.11 computes envelopes lazily on first use, so two threads reading one geometry race to
// fill them in (fixed in 3.12, geos#824). Computing every component's envelope up front, on one
// thread, makes the geometry safe to read from several.
void primeForSharing(const GeosContext& geos, const GEOSGeometry* geometry);

// Builds a collection of `type` from owned parts (ownership passes to the collection).
GeomPtr makeCollection(const GeosContext& geos, int type, std::vector<GeomPtr> parts);

}  // namespace urbangis
