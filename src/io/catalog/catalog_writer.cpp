#include "io/catalog/catalog_writer.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "core/error.h"
#include "io/outputs/atomic_output.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

json localized(const LocalizedText& text) {
  if (text.zh == text.en || text.en.empty()) return text.zh;
  if (text.zh.empty()) return text.en;
  return json{{"zh", text.zh}, {"en", text.en}};
}

// A CRS as the catalog names it: the Chinese offsets by their names, the rest as PROJ reads them.
std::string crsName(const CrsSpec& crs) {
  if (crs.offset == ChineseOffset::gcj02) return "GCJ-02";
  if (crs.offset == ChineseOffset::bd09) return "BD-09";
  return crs.definition;
}

// A plain file below or beside the catalog's folder, relative to it; virtual and connection
// sources (/vsizip/…, PG:…) as they are.
std::string sourceFor(const std::string& source, const fs::path& folder) {
  if (source.rfind("/vsi", 0) == 0 || !fs::path(source).is_absolute()) return source;
  // Beside or below the catalog: relative, so the folder can move as a whole; elsewhere absolute.
  const fs::path relative = fs::path(source).lexically_relative(fs::absolute(folder).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return source;
  return relative.generic_string();
}

// A path as the loaded catalog wrote it, kept when it still leads to the same file from
// `folder` (a catalog saved again in its place, a shared style by its bare name); else the file
// it led to, written for `folder`. A catalog saved elsewhere keeps its layers.
std::string pathFor(const std::string& written, const std::string& resolved, const fs::path& folder,
                    const char* sharedFolder = nullptr) {
  if (resolved.empty() || resolved == written || resolved.rfind("/vsi", 0) == 0 || resolved.rfind("PG:", 0) == 0)
    return sourceFor(written, folder);
  const fs::path base = fs::absolute(folder).lexically_normal();
  const fs::path target = fs::absolute(resolved).lexically_normal();  // a catalog opened by a relative path
  const auto same = [&](const fs::path& candidate) { return candidate.lexically_normal() == target; };
  if (!written.empty() && fs::path(written).is_relative() &&
      (same(base / written) || (sharedFolder && same(base / ".." / sharedFolder / written))))
    return written;
  return sourceFor(target.string(), folder);
}

json layerJson(const LayerSpec& layer, const fs::path& folder) {
  json object;
  object["id"] = layer.id;
  object["title"] = localized(layer.title);
  object["role"] = std::string(roleName(layer.role));
  object["source"] = pathFor(layer.source, layer.resolvedSource, folder);
  auto text = [&](const char* key, const std::string& value) {
    if (!value.empty()) object[key] = value;
  };
  text("layer", layer.layerName);
  if (layer.crs) object["crs"] = crsName(*layer.crs);
  text("x", layer.x);
  text("y", layer.y);
  text("encoding", layer.encoding);
  text("id_field", layer.idField);
  text("name_field", layer.nameField);
  text("category_field", layer.categoryField);
  text("time_field", layer.timeField);
  text("close_time_field", layer.closeTimeField);
  text("time_format", layer.timeFormat);
  text("status_field", layer.statusField);
  text("deadline_field", layer.deadlineField);
  text("oneway_field", layer.onewayField);
  text("speed_field", layer.speedField);
  if (!layer.sumFields.empty()) object["sum_fields"] = layer.sumFields;
  if (!layer.flagFields.empty()) object["flag_fields"] = layer.flagFields;
  if (!layer.closedValues.empty()) object["closed_values"] = layer.closedValues;
  if (!layer.deadlineHours.empty()) object["deadline_hours"] = layer.deadlineHours;
  text("covers", layer.covers);
  if (layer.role == LayerRole::lines && layer.bufferM != 15.0) object["buffer_m"] = layer.bufferM;
  if (layer.role == LayerRole::network && layer.snapM != 1.0) object["snap_m"] = layer.snapM;
  if (layer.maxZoom) object["max_zoom"] = *layer.maxZoom;
  if (layer.opacity != 1.0) object["opacity"] = layer.opacity;
  text("colour", layer.colour);
  if (!layer.style.empty()) object["style"] = pathFor(layer.style, layer.resolvedStyle, folder, "styles");
  return object;
}

}  // namespace

std::string catalogJson(const Catalog& catalog, const fs::path& folder) {
  json object;
  if (!catalog.name.zh.empty() || !catalog.name.en.empty()) object["name"] = localized(catalog.name);
  if (!catalog.adminCode.empty()) object["admin_code"] = catalog.adminCode;
  if (catalog.crs) object["crs"] = crsName(*catalog.crs);
  if (catalog.timeZone != kDefaultTimeZone) object["time_zone"] = catalog.timeZone;
  json layers = json::array();
  for (const LayerSpec& layer : catalog.layers) layers.push_back(layerJson(layer, folder));
  object["layers"] = std::move(layers);
  return object.dump(2) + "\n";
}

void writeCatalog(const Catalog& catalog, const fs::path& file) {
  std::vector<fs::path> inputs;
  for (const LayerSpec& layer : catalog.layers)
    if (layer.resolvedSource.rfind("/vsi", 0) != 0) inputs.emplace_back(layer.resolvedSource);
  checkOutputTarget(file, inputs);
  const std::string text = catalogJson(catalog, file.parent_path().empty() ? fs::path(".") : file.parent_path());
  AtomicOutput output(file);
  {
    std::ofstream out(output.path(), std::ios::binary);
    out << text;
    out.close();
    if (!out) throw InputError(file.string() + ": cannot write the catalog");
  }
  output.commit();
}

}  // namespace urbangis
