#pragma once
// Opens the OGR layer behind a catalog layer (or any datasource path), read-only, with the
// options the catalog implies (CSV coordinate columns, encoding), and checks what the catalog
// promises about it: the geometry type fits the role, named fields exist, a CRS is known.

#include <memory>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/crs.h"
#include "io/gdal_support.h"

namespace urbangis {

struct VectorSource {
  std::shared_ptr<class Utf8Copy> utf8Copy;  // a UTF-8 copy of a GBK CSV; outlives dataset
  GDALDatasetUniquePtr dataset;
  OGRLayer* layer = nullptr;       // owned by dataset
  std::string where;               // "data/daye.gpkg, layer districts" for messages
  std::vector<std::string> notes;  // what was decided for the user (e.g. a detected encoding)
};

// Opens a datasource read-only; throws InputError naming `path` on any failure.
GDALDatasetUniquePtr openDataset(const std::string& path, unsigned kindFlags,
                                 const std::vector<std::string>& openOptions = {});

// Opens any vector datasource read-only, choosing its text encoding: `encoding` when given,
// else detected (shapefile .cpg / language driver id / bytes; GBK CSVs through a UTF-8 copy).
VectorSource openVectorSource(const std::string& path, const std::string& encoding,
                              std::vector<std::string> options = {});

// Opens a catalog layer and checks it against the catalog (fields, geometry type vs role).
VectorSource openCatalogLayer(const LayerSpec& spec);

// The layer's CRS: the catalog's override, else the source's own. Throws InputError with a
// how-to when neither is known.
CrsSpec layerCrsSpec(const LayerSpec& spec, OGRLayer& layer);

// The source's own CRS as PROJ-readable text, or "" when the source has none.
std::string sourceCrsDefinition(OGRLayer& layer);

// "Point", "MultiPolygon", … as OGR names them, without Z/M decoration.
std::string geometryTypeName(OGRwkbGeometryType type);
// Whether a geometry of OGR `type` is what a layer of `role` holds (a multi-part of the same
// family counts; unknown types and collections do not).
bool holdsKindGeometry(LayerRole role, OGRwkbGeometryType type);

}  // namespace urbangis
