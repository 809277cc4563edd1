// urbangis info [CATALOG_OR_SOURCE]: what each layer is, how big, where, and whether its
// geometries are valid. Exit code 2 when any layer cannot be read; the others still print.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/checks/registration_check.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/resources.h"
#include "io/sources/layer_summary.h"

namespace urbangis::cli {
namespace {

std::string formatExtent(const std::array<double, 4>& extent, bool degrees) {
  char text[160];
  if (degrees)
    std::snprintf(text, sizeof text, "%.5f, %.5f – %.5f, %.5f", extent[0], extent[1], extent[2], extent[3]);
  else
    std::snprintf(text, sizeof text, "%.2f, %.2f – %.2f, %.2f", extent[0], extent[1], extent[2], extent[3]);
  return text;
}

void printLayer(const LayerSummary& layer, std::ostream& out) {
  out << layer.id;
  if (!layer.title.zh.empty() || !layer.title.en.empty())
    out << "  " << layer.title.zh << (layer.title.zh.empty() || layer.title.en.empty() ? "" : " / ") << layer.title.en;
  out << "\n";
  const auto row = [&out](const char* key, const std::string& value) {
    out << "  " << key << std::string(10 - std::string(key).size(), ' ') << value << "\n";
  };
  if (!layer.role.empty()) row("role", layer.role);
  row("source", layer.source + (layer.driver.empty() ? "" : " [" + layer.driver + "]"));
  if (!layer.error.empty()) {
    row("ERROR", layer.error);
    return;
  }
  if (layer.kind == "Raster") {
    row("raster", std::to_string(layer.rasterWidth) + " × " + std::to_string(layer.rasterHeight) + " cells, " +
                      std::to_string(layer.rasterBands) + " band(s)");
  } else {
    row("geometry", layer.kind);
    row("features", std::to_string(layer.featureCount));
  }
  row("crs", layer.crs);
  if (layer.extent) {
    const bool degrees = layer.lonLatExtent && *layer.lonLatExtent == *layer.extent;
    row("extent", formatExtent(*layer.extent, degrees));
    if (layer.lonLatExtent && !degrees) row("lon/lat", formatExtent(*layer.lonLatExtent, true));
  }
  for (const auto& note : layer.notes) row("note", note);
  if (layer.kind != "Raster") {
    std::string fields;
    for (const auto& field : layer.fields)
      fields += (fields.empty() ? "" : ", ") + field.name + " (" + field.type + ")";
    row("fields", fields.empty() ? "(none)" : fields);
    row("invalid",
        std::to_string(layer.invalidCount) + (layer.invalidCount ? " (repaired with MakeValid when analysed)" : ""));
    for (const auto& example : layer.invalidExamples) row("", example);
    if (layer.emptyCount) row("empty", std::to_string(layer.emptyCount) + " without geometry");
  }
}

nlohmann::json toJson(const LayerSummary& layer) {
  nlohmann::json out = {{"id", layer.id}, {"source", layer.source}};
  if (!layer.role.empty()) out["role"] = layer.role;
  if (!layer.notes.empty()) out["notes"] = layer.notes;
  if (!layer.title.zh.empty() || !layer.title.en.empty())
    out["title"] = {{"zh", layer.title.zh}, {"en", layer.title.en}};
  if (!layer.error.empty()) {
    out["error"] = layer.error;
    return out;
  }
  out["driver"] = layer.driver;
  out["geometry"] = layer.kind;
  out["crs"] = layer.crs;
  if (layer.kind == "Raster") {
    out["width"] = layer.rasterWidth;
    out["height"] = layer.rasterHeight;
    out["bands"] = layer.rasterBands;
  } else {
    out["features"] = layer.featureCount;
    out["invalid"] = layer.invalidCount;
    if (!layer.invalidExamples.empty()) out["invalid_features"] = layer.invalidExamples;
    out["empty"] = layer.emptyCount;
    out["fields"] = nlohmann::json::array();
    for (const auto& field : layer.fields) out["fields"].push_back({{"name", field.name}, {"type", field.type}});
  }
  if (layer.extent) out["extent"] = *layer.extent;
  if (layer.lonLatExtent) out["lonlat_extent"] = *layer.lonLatExtent;
  return out;
}

int runInfo(const Arguments& arguments) {
  if (arguments.positionals().size() > 1)
    throw InputError("info takes one catalog or datasource, got " + std::to_string(arguments.positionals().size()));
  const std::string target =
      arguments.positionals().empty() ? defaultCatalog().string() : arguments.positionals().front();
  const bool json = arguments.has("json");

  std::vector<LayerSummary> layers;
  std::vector<std::string> registrationWarnings;
  std::ostringstream header;
  nlohmann::json document;
  if (std::filesystem::path(target).extension() == ".json" && looksLikeCatalog(target)) {
    const Catalog catalog = loadCatalog(target);
    CatalogSummary summary = summariseCatalog(catalog);
    header << "Catalog   " << target << "\n";
    if (!catalog.name.zh.empty() || !catalog.name.en.empty())
      header << "Name      " << catalog.name.zh << " / " << catalog.name.en
             << (catalog.adminCode.empty() ? "" : " (admin code " + catalog.adminCode + ")") << "\n";
    header << "Work CRS  " << summary.workingCrs
           << (summary.workingCrsChosen ? " (chosen from the data's extent: no \"crs\" in catalog)" : "") << "\n";
    document = {{"catalog", target},
                {"name", {{"zh", catalog.name.zh}, {"en", catalog.name.en}}},
                {"admin_code", catalog.adminCode},
                {"working_crs", summary.workingCrs},
                {"working_crs_chosen", summary.workingCrsChosen}};
    layers = std::move(summary.layers);
    registrationWarnings = checkRegistration(catalog);
    document["warnings"] = registrationWarnings;
  } else {
    layers = summariseSource(target);
    header << "Source    " << target << "\n";
    document = {{"source", target}};
  }

  int failures = 0;
  for (const auto& layer : layers) failures += layer.error.empty() ? 0 : 1;
  if (json) {
    document["layers"] = nlohmann::json::array();
    for (const auto& layer : layers) document["layers"].push_back(toJson(layer));
    std::cout << document.dump(2) << "\n";
  } else {
    std::cout << header.str() << "Layers    " << layers.size() << "\n";
    for (const auto& layer : layers) {
      std::cout << "\n";
      printLayer(layer, std::cout);
    }
  }
  // Each failure also goes to stderr as one line, so scripts and people see what and where;
  // notes (a detected encoding, a suspected offset) as warnings.
  for (const auto& warning : registrationWarnings) std::cerr << "urbangis: warning: " << warning << "\n";
  for (const auto& layer : layers) {
    for (const auto& note : layer.notes) std::cerr << "urbangis: warning: " << note << "\n";
    if (!layer.error.empty()) std::cerr << "urbangis: error: " << layer.error << "\n";
  }
  return failures ? 2 : 0;
}

}  // namespace

Command infoCommand() {
  CommandSpec spec{
      "info",
      "[CATALOG_OR_SOURCE] [--json]",
      "The layers of a catalog or of any GDAL/OGR datasource: kind, size, CRS, extent, fields, validity.",
      "Without an argument, the embedded Daye catalog. For a catalog: its name, working CRS and every layer; for "
      "a datasource (GeoPackage, shapefile, GeoJSON, CSV, raster …): its layers as GDAL reads them. Invalid "
      "geometries are counted and the first few named (they are repaired with MakeValid when analysed); a "
      "layer that cannot be read is reported and the exit code is 2, the others still print.",
      {
          {"json", "", "Print the same as one JSON document on stdout (for scripts)."},
      },
      {
          {"urbangis info", "The embedded Daye catalog's layers."},
          {"urbangis info wards.shp", "What GDAL reads in a shapefile: fields, CRS, extent, invalid shapes."},
          {"urbangis info layers/daye.json --json", "The Daye catalog as JSON, for a script."},
      }};
  return {std::move(spec), &runInfo};
}

}  // namespace urbangis::cli
