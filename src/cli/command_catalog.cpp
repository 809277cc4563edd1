// urbangis catalog init FILE|FOLDER… --out CATALOG.json: a catalog of the user's own files, each
// inferred decision printed with its reason, corrections by --role, --field and --crs.

#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/layer_kind.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_writer.h"

namespace urbangis::cli {
namespace {

// "ID=VALUE" of a repeatable option.
std::pair<std::string, std::string> idAndValue(const std::string& text, const char* option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
    throw InputError(std::string(option) + " " + text + ": write ID=VALUE (urbangis catalog init --help)");
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

int runCatalogInit(const Arguments& arguments) {
  CatalogInitRequest request;
  for (const std::string& input : arguments.positionals()) request.inputs.emplace_back(input);
  if (request.inputs.empty()) throw InputError("catalog init needs files or folders (urbangis catalog init --help)");
  const auto out = arguments.value("out");
  if (!out) throw InputError("catalog init needs --out CATALOG.json (urbangis catalog init --help)");
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

}  // namespace

Command catalogInitCommand() {
  CommandSpec spec{
      "catalog init",
      "FILE|FOLDER… --out CATALOG.json [--name NAME] [--role ID=ROLE]… [--field ID.KEY=FIELD]… [--crs ID=CRS]…",
      "A catalog of your own files: each layer's role, fields and CRS inferred and printed with the reason.",
      "Reads GeoPackage, shapefile, zipped shapefile, GeoJSON, KML/KMZ, FlatGeobuf, GPX, CSV with coordinate "
      "columns and anything else GDAL opens; a folder is searched for them. Run it once, read what it says, "
      "correct with --role, --field or --crs (layer ids as printed) and run it again. Every command also takes "
      "data files in place of a catalog; a catalog keeps the corrections and the titles.",
      {
          {"out", "CATALOG.json", "The catalog to write (never over an input).", false, ValueKind::file},
          {"name", "NAME", "The city's or project's name shown in titles."},
          {"role", "ID=ROLE", "The role of layer ID: " + roleNames() + ".", true},
          {"field", "ID.KEY=FIELD",
           "Which field of layer ID plays a part, e.g. cases.time_field=opened, "
           "wards.name_field=NAME.",
           true},
          {"crs", "ID=CRS", "The CRS of layer ID where the file does not say or says wrong (EPSG:4490, gcj02 …).",
           true},
      },
      {
          {"urbangis catalog init data/ --out city.json", "A catalog of every layer in data/, each decision printed."},
          {"urbangis catalog init wards.shp cases.csv --role cases=points --field cases.time_field=opened "
           "--out city.json",
           "Two files, with the cases' role and time field set by hand."},
      },
      ValueKind::file};
  return {std::move(spec), &runCatalogInit};
}

}  // namespace urbangis::cli
