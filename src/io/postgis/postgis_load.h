#pragma once
// `urbangis load`: a catalog's vector layers copied into PostGIS through OGR, one table per layer
// (named by the layer id) with a geometry column `geom` (GiST index), a primary key `fid` (the
// source's feature ids) and the layer's fields under their own names; CSV point layers become
// point tables. Sources are opened read-only. Optionally a catalog pointing at the tables.
// Atomic: every table is loaded under a staging name and all are swapped in in one transaction
// at the end, so a failure or a kill leaves the old tables and rows (postgis_load_staging.h).

#include <filesystem>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"

namespace urbangis {

struct LoadRequest {
  std::string target;               // "PG:…" without password
  std::vector<std::string> layers;  // empty: every vector layer
  std::string schema = "public";
};

struct LoadedTable {
  std::string layerId;
  std::string table;  // "schema.table" as GDAL's PostgreSQL driver names it
  int64_t rows = 0;
  std::string geometryType;
  int srid = 0;
  double seconds = 0;
};

struct LoadResult {
  std::vector<LoadedTable> tables;
  std::vector<std::string> notes;
};

// Throws InputError naming the layer, its source and the (redacted) target on any failure.
LoadResult loadIntoPostgis(const Catalog& catalog, const LoadRequest& request, const Progress& progress);

// A copy of the catalog file whose loaded layers point at their tables (source = target,
// layer = table; CSV-only keys dropped) and whose other layers keep their sources as absolute
// paths; written atomically to `out`.
void writeLoadedCatalog(const Catalog& catalog, const LoadRequest& request, const LoadResult& result,
                        const std::filesystem::path& out);

}  // namespace urbangis
