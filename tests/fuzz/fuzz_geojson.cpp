// GeoJSON import: the bytes as a GeoJSON file in /vsimem/, opened with openVectorSource, every
// feature of every layer read, its geometry converted to GEOS (toGeos), checked and repaired to
// the dimension its type implies (MakeValid, as the zone, area and line loaders do), its fields
// read as text; the layer summarised as `urbangis info` does.
#include <ogrsf_frmts.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/zones/zones.h"
#include "core/error.h"
#include "core/geos_context.h"
#include "fuzz_support.h"
#include "io/sources/vector_source.h"

namespace {

int dimensionOf(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPolygon:
    case wkbMultiPolygon:
      return 2;
    case wkbLineString:
    case wkbMultiLineString:
      return 1;
    default:
      return 0;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  urbangis::fuzz::quietGdal();
  static const urbangis::GeosContext geos;
  const urbangis::fuzz::MemoryInput file("/vsimem/fuzz/input.geojson", data, size);
  try {
    urbangis::VectorSource source = urbangis::openVectorSource(file.path(), "");
    for (OGRLayer* layer : source.dataset->GetLayers()) {
      (void)urbangis::geometryTypeName(layer->GetGeomType());
      (void)urbangis::sourceCrsDefinition(*layer);
      OGREnvelope envelope;
      (void)layer->GetExtent(&envelope, TRUE);
      OGRFeatureDefn& definition = *layer->GetLayerDefn();
      layer->ResetReading();
      for (auto& feature : *layer) {
        for (int i = 0; i < definition.GetFieldCount(); ++i) (void)feature->GetFieldAsString(i);
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) continue;
        urbangis::GeomPtr converted = urbangis::toGeos(geos, *geometry);
        if (!converted) continue;
        (void)GEOSisValid_r(geos.handle(), converted.get());
        const int dimension = dimensionOf(geometry->getGeometryType());
        if (dimension > 0) (void)urbangis::repaired(geos, std::move(converted), dimension);
      }
    }
  } catch (const urbangis::InputError&) {
  }
  return 0;
}
