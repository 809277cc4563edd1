#include "core/geos_context.h"

#include <stdexcept>

namespace urbangis {
namespace {

void storeMessage(const char* message, void* userdata) {
  *static_cast<std::string*>(userdata) = message ? message : "";
}

}  // namespace

void GeomDeleter::operator()(GEOSGeometry* geometry) const noexcept {
  if (geometry) GEOSGeom_destroy_r(handle, geometry);
}

void PreparedDeleter::operator()(const GEOSPreparedGeometry* prepared) const noexcept {
  if (prepared) GEOSPreparedGeom_destroy_r(handle, prepared);
}

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  if (!handle_) throw std::runtime_error("GEOS: cannot create a context");
  GEOSContext_setErrorMessageHandler_r(handle_, storeMessage, &lastError_);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

GeomPtr GeosContext::own(GEOSGeometry* geometry, const char* what) const {
  if (!geometry) throw std::runtime_error(std::string("GEOS ") + what + " failed: " + lastError_);
  return GeomPtr(geometry, GeomDeleter{handle_});
}

PreparedPtr GeosContext::prepare(const GEOSGeometry* geometry) const {
  const GEOSPreparedGeometry* prepared = GEOSPrepare_r(handle_, geometry);
  if (!prepared) throw std::runtime_error("GEOS prepare failed: " + lastError_);
  return PreparedPtr(prepared, PreparedDeleter{handle_});
}

GeomPtr GeosContext::fromWkb(const unsigned char* wkb, size_t size) const {
  return GeomPtr(GEOSGeomFromWKB_buf_r(handle_, wkb, size), GeomDeleter{handle_});
}

std::vector<unsigned char> GeosContext::toWkb(const GEOSGeometry* geometry) const {
  size_t size = 0;
  unsigned char* buffer = GEOSGeomToWKB_buf_r(handle_, geometry, &size);
  if (!buffer) throw std::runtime_error("GEOS WKB write failed: " + lastError_);
  std::vector<unsigned char> wkb(buffer, buffer + size);
  GEOSFree_r(handle_, buffer);
  return wkb;
}

GeomPtr GeosContext::fromWkt(const std::string& wkt) const {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(handle_);
  GEOSGeometry* geometry = GEOSWKTReader_read_r(handle_, reader, wkt.c_str());
  GEOSWKTReader_destroy_r(handle_, reader);
  return own(geometry, "WKT read");
}

std::string GeosContext::toWkt(const GEOSGeometry* geometry, int decimals) const {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(handle_);
  GEOSWKTWriter_setRoundingPrecision_r(handle_, writer, decimals);
  GEOSWKTWriter_setTrim_r(handle_, writer, 1);
  char* text = GEOSWKTWriter_write_r(handle_, writer, geometry);
  GEOSWKTWriter_destroy_r(handle_, writer);
  std::string wkt = text ? text : "";
  GEOSFree_r(handle_, text);
  return wkt;
}

void primeForSharing(const GeosContext& geos, const GEOSGeometry* geometry) {
  GEOSContextHandle_t h = geos.handle();
  double ignored = 0;
  GEOSGeom_getXMin_r(h, geometry, &ignored);
  const int type = GEOSGeomTypeId_r(h, geometry);
  if (type == GEOS_POLYGON) {
    primeForSharing(geos, GEOSGetExteriorRing_r(h, geometry));
    for (int i = 0; i < GEOSGetNumInteriorRings_r(h, geometry); ++i)
      primeForSharing(geos, GEOSGetInteriorRingN_r(h, geometry, i));
  } else if (type >= GEOS_MULTIPOINT) {
    for (int i = 0; i < GEOSGetNumGeometries_r(h, geometry); ++i)
      primeForSharing(geos, GEOSGetGeometryN_r(h, geometry, i));
  }
}

GeomPtr makeCollection(const GeosContext& geos, int type, std::vector<GeomPtr> parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& part : parts) raw.push_back(part.release());
  return geos.own(GEOSGeom_createCollection_r(geos.handle(), type, raw.data(), static_cast<unsigned>(raw.size())),
                  "collection");
}

}  // namespace urbangis
