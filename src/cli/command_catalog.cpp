// urbangis catalog init FILE|FOLDER… --out CATALOG.json [--name NAME] [--role ID=ROLE]…
//                       [--field ID.KEY=FIELD]… [--crs ID=CRS]…

#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_writer.h"

namespace urbangis::cli {
namespace {

constexpr const char* kUsage =
    "usage: urbangis catalog init FILE|FOLDER… --out CATALOG.json [--name NAME]\n"
    "                             [--role ID=ROLE]… [--field ID.KEY=FIELD]… [--crs ID=CRS]…\n"
    "Makes a catalog of the files' layers (GeoPackage, shapefile, zipped shapefile, GeoJSON, KML/KMZ,\n"
    "FlatGeobuf, GPX, CSV with coordinate columns …): each layer's role, fields and CRS inferred, each\n"
    "decision printed with its reason. Run it once, read what it says, correct with --role, --field\n"
    "or --crs (IDs as printed), e.g.\n"
    "  urbangis catalog init data/ --out city.json\n"
    "  urbangis catalog init wards.shp cases.csv --role cases=points --field cases.time_field=opened "
    "--out city.json";

// "ID=VALUE" of a repeatable option.
std::pair<std::string, std::string> idAndValue(const std::string& text, const char* option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
    throw InputError(std::string(option) + " " + text + ": write ID=VALUE\n" + kUsage);
  return {text.substr(0, equals), text.substr(equals + 1)};
}

void printDraft(const CatalogDraft& draft) {
  for (const InferredLayer& layer : draft.layers) {
    std::cout << "layer " << layer.spec.id << "  (" << layer.spec.title.zh << ", " << layer.spec.source << ")\n";
    for (const Decision& decision : layer.decisions)
      std::cout << "  " << decision.key << " = " << (decision.value.empty() ? "—" : decision.value) << "    "
                << decision.reason << "\n";
  }
}

}  // namespace

int runCatalog(const std::vector<std::string>& args) {
  if (args.empty() || args.front() != "init")
    throw InputError(std::string("catalog takes a subcommand: init\n") + kUsage);
  const Arguments arguments(std::vector<std::string>(args.begin() + 1, args.end()),
                            {"out", "name", "role", "field", "crs"}, {});
  CatalogInitRequest request;
  for (const std::string& input : arguments.positionals()) request.inputs.emplace_back(input);
  if (request.inputs.empty()) throw InputError(std::string("catalog init needs files or folders\n") + kUsage);
  const auto out = arguments.value("out");
  if (!out) throw InputError(std::string("catalog init needs --out CATALOG.json\n") + kUsage);
  const std::string name = arguments.value("name").value_or("");
  request.name = LocalizedText{name, name};
  for (const std::string& text : arguments.values("role")) {
    const auto [id, role] = idAndValue(text, "--role");
    const auto parsed = parseRole(role);
    if (!parsed) throw InputError("--role " + text + ": roles are " + roleNames());
    request.overrides[id].role = *parsed;
  }
  for (const std::string& text : arguments.values("crs")) {
    const auto [id, crs] = idAndValue(text, "--crs");
    request.overrides[id].crs = crs;
  }
  for (const std::string& text : arguments.values("field")) {
    const auto [target, field] = idAndValue(text, "--field");
    const auto dot = target.find('.');
    if (dot == std::string::npos)
      throw InputError("--field " + text + ": write ID.KEY=FIELD, e.g. cases.time_field=opened");
    request.overrides[target.substr(0, dot)].fields[target.substr(dot + 1)] = field;
  }

  const CatalogDraft draft = draftCatalog(request);
  printDraft(draft);
  for (const std::string& problem : draft.problems) std::cerr << "urbangis: warning: " << problem << "\n";
  size_t open = 0;
  for (const InferredLayer& layer : draft.layers)
    for (const std::string& warning : layer.warnings) {
      std::cerr << "urbangis: warning: " << warning << "\n";
      ++open;
    }
  writeCatalog(draft.catalog, *out);
  loadCatalog(*out);  // what was written must be a catalog the loader takes
  std::cerr << "urbangis: wrote " << *out << ": " << draft.layers.size() << " layer"
            << (draft.layers.size() == 1 ? "" : "s");
  if (open) std::cerr << ", " << open << " to finish (above)";
  std::cerr << "; check it with `urbangis info " << *out << "`\n";
  return 0;
}

}  // namespace urbangis::cli
