// urbangis load [CATALOG] PG:… [--layers A,B] [--schema S] [--catalog-out FILE]

#include <iomanip>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/resources.h"
#include "io/postgis/pg_source.h"
#include "io/postgis/postgis_load.h"

namespace urbangis::cli {
namespace {

int runLoad(const Arguments& arguments) {
  const auto& positionals = arguments.positionals();
  if (positionals.empty() || positionals.size() > 2)
    throw InputError(
        "load needs [CATALOG] PG:CONNECTION, e.g. urbangis load layers/daye.json "
        "\"PG:host=127.0.0.1 dbname=city user=urbangis\" --schema daye");
  LoadRequest request;
  request.target = positionals.back();
  refusePassword(request.target, "load");
  if (!isPgSource(request.target))
    throw InputError("load: \"" + redactSecrets(request.target) + "\" is not a PG: connection string");
  const Catalog catalog =
      loadCatalog(positionals.size() == 2 ? std::filesystem::path(positionals[0]) : defaultCatalog());
  if (auto layers = arguments.value("layers")) request.layers = splitList(*layers);
  if (auto schema = arguments.value("schema")) request.schema = *schema;
  const auto catalogOut = arguments.value("catalog-out");

  LoadResult result;
  {
    const InterruptFlag interrupt;
    const TerminalProgress progress(interrupt, arguments);
    result = loadIntoPostgis(catalog, request, progress);
  }
  for (const auto& note : result.notes) std::cerr << "urbangis: " << note << "\n";
  const std::string target = redactSecrets(request.target);
  for (const auto& table : result.tables)
    std::cout << "loaded " << table.layerId << ": " << table.rows << " rows into " << table.table << " ("
              << table.geometryType << ", SRID " << table.srid << ", GiST index on geom, primary key fid) in "
              << std::fixed << std::setprecision(2) << table.seconds << " s\n";
  std::cout << "database: " << target << "\n";
  if (catalogOut) {
    writeLoadedCatalog(catalog, request, result, *catalogOut);
    std::cout << "wrote catalog " << *catalogOut << " (its loaded layers read from " << target << ")\n";
  }
  return 0;
}

}  // namespace

Command loadCommand() {
  CommandSpec spec{
      "load",
      "[CATALOG] PG:CONNECTION [--layers A,B] [--schema S] [--catalog-out FILE]",
      "Copy the catalog's vector layers into PostGIS, optionally writing a catalog that reads them there.",
      "Each layer becomes one table (geometry in the layer's CRS with its SRID, a GiST index on geom, primary "
      "key fid, every attribute); all tables are swapped in at once at the end, so a failure leaves the old "
      "tables as they were. The connection is a GDAL PG: string; give the password "
      "in ~/.pgpass or PGPASSWORD, never on the command line. With --catalog-out, a copy of the catalog whose "
      "loaded layers read from the database, so `stats --engine postgis` counts there.",
      {
          {"layers", "A,B,…", "Only these layers (ids), comma-separated; default every vector layer.", false,
           ValueKind::layer},
          {"schema", "S", "The database schema to write to (created if missing; default public)."},
          {"catalog-out", "FILE", "Also write a catalog whose loaded layers read from the database.", false,
           ValueKind::file},
      },
      {
          {"urbangis load \"PG:host=127.0.0.1 dbname=city user=urbangis\" --schema daye",
           "The embedded Daye layers into schema daye."},
          {"urbangis load layers/daye.json \"PG:dbname=city\" --layers complaints,districts --catalog-out "
           "daye-pg.json",
           "Two layers, and a catalog that reads them from PostGIS."},
      }};
  return {std::move(spec), &runLoad};
}

}  // namespace urbangis::cli
