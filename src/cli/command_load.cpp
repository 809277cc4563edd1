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

int runLoad(const std::vector<std::string>& args) {
  const Arguments arguments(args, {"layers", "schema", "catalog-out"}, {});
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
    const TerminalProgress progress(interrupt);
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

}  // namespace urbangis::cli
