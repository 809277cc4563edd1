// Strict JSON → Catalog: every key is known, every value has the right type, every reference
// resolves. Errors name the file, the key's path (layers[2].role) and what would fix it.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_nesting.h"
#include "io/catalog/catalog_loader.h"
#include "io/postgis/pg_source.h"
#include "io/values/timestamps.h"

namespace urbangis {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string suggestion(std::string_view key, const std::vector<std::string>& known) {
  std::string best;
  size_t bestDistance = 3;  // suggest only near misses
  for (const auto& candidate : known) {
    const size_t distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best.empty() ? "" : " (did you mean \"" + best + "\"?)";
}

std::string typeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

const std::vector<std::string> kCatalogKeys = {"$schema", "name",      "description", "admin_code",
                                               "crs",     "time_zone", "layers"};
const std::vector<std::string> kLayerKeys = {"id",
                                             "title",
                                             "role",
                                             "source",
                                             "layer",
                                             "crs",
                                             "x",
                                             "y",
                                             "encoding",
                                             "id_field",
                                             "name_field",
                                             "category_field",
                                             "time_field",
                                             "close_time_field",
                                             "status_field",
                                             "deadline_field",
                                             "sum_fields",
                                             "buffer_m",
                                             "covers",
                                             "snap_m",
                                             "max_zoom",
                                             "colour",
                                             "opacity",
                                             "oneway_field",
                                             "speed_field",
                                             "style",
                                             "flag_fields",
                                             "deadline_hours",
                                             "closed_values",
                                             "time_format"};
const std::vector<std::string> kTextKeys = {"zh", "en"};

// Reads one JSON object whose keys must all be in `allowed`: typos must not pass silently,
// and an unknown key is reported before anything it may have been meant to be.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, const fs::path& file, const std::vector<std::string>& allowed)
      : object_(object), path_(std::move(path)), file_(file) {
    for (auto it = object_.begin(); it != object_.end(); ++it)
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
        fail(it.key(), "unknown key" + suggestion(it.key(), allowed));
  }

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(file_.string() + ": " + keyPath(key) + ": " + problem);
  }

  std::string keyPath(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json* value(const std::string& key) {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  std::string string(const std::string& key, bool required) {
    const json* found = value(key);
    if (!found) {
      if (required) fail(key, "missing required key");
      return {};
    }
    if (!found->is_string()) fail(key, "expected a string, found " + typeName(*found));
    std::string text = found->get<std::string>();
    if (required && text.empty()) fail(key, "must not be empty");
    return text;
  }

  std::optional<double> positiveNumber(const std::string& key) {
    const json* found = value(key);
    if (!found) return std::nullopt;
    if (!found->is_number()) fail(key, "expected a number, found " + typeName(*found));
    const double number = found->get<double>();
    if (!(number > 0)) fail(key, "must be greater than 0, found " + found->dump());
    return number;
  }

  std::vector<std::string> stringArray(const std::string& key) {
    std::vector<std::string> items;
    const json* found = value(key);
    if (!found) return items;
    if (!found->is_array()) fail(key, "expected an array of strings, found " + typeName(*found));
    for (size_t i = 0; i < found->size(); ++i) {
      const json& item = (*found)[i];
      if (!item.is_string() || item.get<std::string>().empty())
        fail(key + "[" + std::to_string(i) + "]", "expected a non-empty string");
      items.push_back(item.get<std::string>());
    }
    return items;
  }

  // A positive number of hours, or an object of them by category ("*": every other category).
  std::map<std::string, double> hoursByCategory(const std::string& key) {
    std::map<std::string, double> hours;
    const json* found = value(key);
    if (!found) return hours;
    const auto positive = [&](const json& item, const std::string& where) {
      if (!item.is_number() || !(item.get<double>() > 0) || !std::isfinite(item.get<double>()))
        fail(where, "expected a positive number of hours, found " + (item.is_number() ? item.dump() : typeName(item)));
      return item.get<double>();
    };
    if (found->is_number()) {
      hours["*"] = positive(*found, key);
    } else if (found->is_object()) {
      for (auto it = found->begin(); it != found->end(); ++it)
        hours[it.key()] = positive(it.value(), key + "." + it.key());
    } else {
      fail(key, "expected hours (a number) or an object of hours by category, found " + typeName(*found));
    }
    return hours;
  }

  LocalizedText text(const std::string& key, bool required) {
    const json* found = value(key);
    if (!found) {
      if (required) fail(key, "missing required key (an object {\"zh\": …, \"en\": …})");
      return {};
    }
    if (found->is_string()) return {found->get<std::string>(), found->get<std::string>()};
    if (!found->is_object()) fail(key, "expected {\"zh\": …, \"en\": …} or a string, found " + typeName(*found));
    ObjectReader inner(*found, keyPath(key), file_, kTextKeys);
    LocalizedText result{inner.string("zh", false), inner.string("en", false)};
    if (result.zh.empty() && result.en.empty()) fail(key, "give at least one of \"zh\", \"en\"");
    return result;
  }

  std::optional<CrsSpec> crs(const std::string& key) {
    const std::string name = string(key, false);
    if (name.empty()) return std::nullopt;
    auto spec = parseCrsName(name);
    if (!spec)
      fail(key, "unknown CRS \"" + name + "\"; use EPSG:n, WGS84, CGCS2000, GCJ-02 or BD-09 (case-insensitive)");
    return spec;
  }

 private:
  const json& object_;
  std::string path_;
  const fs::path& file_;
};

std::string resolvePath(const std::string& source, const fs::path& catalogDir) {
  // GDAL connection strings ("PG:…", "CSV:/vsistdin/", "GPKG:file:layer") and virtual
  // file systems are taken as written.
  const auto colon = source.find(':');
  const bool connection =
      colon != std::string::npos && colon > 1 &&
      std::all_of(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
      });
  // Tile and service URLs (http://, https://, file://) and GDAL_WMS text too.
  const bool url = source.find("://") != std::string::npos || source.rfind("<GDAL_", 0) == 0;
  if (connection || url || source.rfind("/vsi", 0) == 0) return source;
  const fs::path path(source);
  if (path.is_absolute()) return path.lexically_normal().string();
  return (catalogDir / path).lexically_normal().string();
}

// A plain style name ("roads.json") is looked up in the styles folder beside the catalog's
// folder, as in the project layout; a path is taken relative to the catalog.
std::string resolveStyle(const std::string& style, const fs::path& catalogDir) {
  if (style.find('/') == std::string::npos) {
    const fs::path shared = (catalogDir / ".." / "styles" / style).lexically_normal();
    if (fs::exists(shared)) return shared.string();
  }
  return resolvePath(style, catalogDir);
}

LayerSpec readLayer(const json& object, size_t index, const fs::path& file) {
  std::string path = "layers[" + std::to_string(index) + "]";
  if (!object.is_object())
    throw InputError(file.string() + ": " + path + ": expected an object, found " + typeName(object));
  if (auto id = object.find("id"); id != object.end() && id->is_string())
    path += " (\"" + id->get<std::string>() + "\")";
  ObjectReader reader(object, path, file, kLayerKeys);

  LayerSpec layer;
  layer.id = reader.string("id", true);
  static const std::regex kIdPattern("[a-z][a-z0-9_]{0,31}");
  if (!std::regex_match(layer.id, kIdPattern))
    reader.fail("id", "\"" + layer.id +
                          "\" must be 1–32 lower-case ASCII letters, digits or _, starting with a "
                          "letter (it names output columns)");
  layer.title = reader.text("title", true);
  const std::string role = reader.string("role", true);
  if (auto parsed = parseRole(role))
    layer.role = *parsed;
  else
    reader.fail("role", "unknown role \"" + role + "\"; expected one of " + roleNames());
  layer.source = reader.string("source", true);
  refusePassword(layer.source, file.string() + ": " + reader.keyPath("source"));
  layer.resolvedSource = resolvePath(layer.source, file.parent_path());
  layer.layerName = reader.string("layer", false);
  layer.crs = reader.crs("crs");
  layer.x = reader.string("x", false);
  layer.y = reader.string("y", false);
  layer.encoding = reader.string("encoding", false);
  layer.idField = reader.string("id_field", false);
  layer.nameField = reader.string("name_field", false);
  layer.categoryField = reader.string("category_field", false);
  layer.timeField = reader.string("time_field", false);
  layer.closeTimeField = reader.string("close_time_field", false);
  layer.timeFormat = reader.string("time_format", false);
  if (!layer.timeFormat.empty() && !parseTimeFormat(layer.timeFormat))
    reader.fail("time_format", "unknown format \"" + layer.timeFormat + "\"; use " + std::string(kTimeFormatNames) +
                                   " (other forms are recognised by themselves)");
  layer.statusField = reader.string("status_field", false);
  layer.deadlineField = reader.string("deadline_field", false);
  layer.sumFields = reader.stringArray("sum_fields");
  layer.flagFields = reader.stringArray("flag_fields");
  layer.closedValues = reader.stringArray("closed_values");
  layer.deadlineHours = reader.hoursByCategory("deadline_hours");
  const auto buffer = reader.positiveNumber("buffer_m");
  layer.covers = reader.string("covers", false);
  const auto snap = reader.positiveNumber("snap_m");
  const auto maxZoom = reader.positiveNumber("max_zoom");
  if (maxZoom && (*maxZoom != std::floor(*maxZoom) || *maxZoom > 24))
    reader.fail("max_zoom", "must be a whole zoom level from 1 to 24");
  const auto opacity = reader.positiveNumber("opacity");
  if (opacity && *opacity > 1) reader.fail("opacity", "must be greater than 0 and at most 1");
  layer.onewayField = reader.string("oneway_field", false);
  layer.speedField = reader.string("speed_field", false);
  layer.style = reader.string("style", false);
  layer.colour = reader.string("colour", false);
  static const std::regex kColour("#[0-9A-Fa-f]{6}");
  if (!layer.colour.empty() && !std::regex_match(layer.colour, kColour))
    reader.fail("colour", "\"" + layer.colour + "\" is not a colour; write it as #RRGGBB, e.g. #E41A1C");
  if (!layer.colour.empty() && geometryOf(layer.role) == GeometryFamily::raster)
    reader.fail("colour", "applies to vector layers only, not to role raster");
  if (!layer.style.empty()) layer.resolvedStyle = resolveStyle(layer.style, file.parent_path());

  // Keys that only some kinds take (core/layer_kind.cpp): refuse them elsewhere rather than
  // ignore them.
  const auto onlyFor = [&](bool present, const char* key) {
    if (present && !kindTakesKey(layer.role, key))
      reader.fail(
          key, "applies to " + kindsTakingKey(key) + " layers only, not to role " + std::string(roleName(layer.role)));
  };
  onlyFor(!layer.x.empty() || !layer.y.empty(), layer.x.empty() ? "y" : "x");
  if (layer.x.empty() != layer.y.empty())
    reader.fail(layer.x.empty() ? "x" : "y", "\"x\" and \"y\" go together: give both or neither");
  onlyFor(!layer.flagFields.empty(), "flag_fields");
  onlyFor(!layer.deadlineHours.empty(), "deadline_hours");
  onlyFor(!layer.closedValues.empty(), "closed_values");
  onlyFor(!layer.timeFormat.empty(), "time_format");
  onlyFor(buffer.has_value(), "buffer_m");
  onlyFor(!layer.covers.empty(), "covers");
  onlyFor(snap.has_value(), "snap_m");
  onlyFor(maxZoom.has_value(), "max_zoom");
  onlyFor(opacity.has_value(), "opacity");
  onlyFor(!layer.onewayField.empty(), "oneway_field");
  onlyFor(!layer.speedField.empty(), "speed_field");
  if (geometryOf(layer.role) == GeometryFamily::raster && (!layer.declaredFields().empty() || !layer.encoding.empty()))
    reader.fail("id_field", "applies to vector layers only, not to role " + std::string(roleName(layer.role)));
  if (buffer) layer.bufferM = *buffer;
  if (snap) layer.snapM = *snap;
  if (maxZoom) layer.maxZoom = static_cast<int>(*maxZoom);
  if (opacity) layer.opacity = *opacity;
  return layer;
}

// Stops a parse at the array or object that opens level kMaxJsonNesting + 1 (`depth` counts the
// containers around it).
void guardDepth(int depth, json::parse_event_t event) {
  if ((event == json::parse_event_t::array_start || event == json::parse_event_t::object_start) &&
      depth >= kMaxJsonNesting)
    throw JsonTooDeep();
}

// Rejects a key repeated in one object, which nlohmann::json would otherwise let the last win.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(std::string* duplicate) : duplicate_(duplicate) {}
  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    guardDepth(depth, event);
    switch (event) {
      case json::parse_event_t::object_start:
        keys_.emplace_back();
        break;
      case json::parse_event_t::object_end:
        keys_.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys_.back().insert(parsed.get<std::string>()).second && duplicate_->empty())
          *duplicate_ = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return true;
  }

 private:
  std::vector<std::set<std::string>> keys_;
  std::string* duplicate_;
};

std::string lineAndColumn(const std::string& text, size_t byte) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

json parseJson(const std::string& text, const fs::path& file) {
  std::string duplicate;
  try {
    json parsed = json::parse(text, DuplicateKeyCheck(&duplicate));
    if (!duplicate.empty())
      throw InputError(file.string() + ": key \"" + duplicate + "\" appears twice in one object; keep one");
    return parsed;
  } catch (const JsonTooDeep&) {
    const TextPosition at = jsonTooDeepAt(text, kMaxJsonNesting).value_or(TextPosition{});
    throw InputError(file.string() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                     ": JSON nested more than " + std::to_string(kMaxJsonNesting) +
                     " levels deep (arrays and objects); a catalog needs four");
  } catch (const json::parse_error& error) {
    std::string message = error.what();
    // nlohmann's text: "[json.exception.parse_error.101] parse error at line 3, column 5: …"
    if (auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    throw InputError(file.string() + ":" + lineAndColumn(text, error.byte) + ": JSON syntax error: " + message);
  } catch (const json::out_of_range& error) {  // a number beyond double, e.g. 1e999 (as the style fuzzer found)
    std::string message = error.what();
    if (auto colon = message.find("] "); colon != std::string::npos) message = message.substr(colon + 2);
    throw InputError(file.string() + ": JSON number out of range: " + message + "; write a number within ±1.7e308");
  }
}

}  // namespace

Catalog parseCatalog(const std::string& text, const fs::path& file) {
  const json root = parseJson(text, file);
  if (!root.is_object())
    throw InputError(file.string() + ": a catalog is a JSON object with a \"layers\" array, found " + typeName(root));
  ObjectReader reader(root, "", file, kCatalogKeys);
  Catalog catalog;
  catalog.file = file;
  reader.value("$schema");  // editors' schema hint: allowed, not used
  catalog.name = reader.text("name", false);
  reader.text("description", false);
  catalog.adminCode = reader.string("admin_code", false);
  if (!catalog.adminCode.empty() && !std::regex_match(catalog.adminCode, std::regex("[0-9]{6}")))
    reader.fail("admin_code", "\"" + catalog.adminCode + "\" must be a 6-digit county code");
  catalog.crs = reader.crs("crs");
  if (catalog.crs && catalog.crs->offset != ChineseOffset::none)
    reader.fail("crs", catalog.crs->label +
                           " is an offset lon/lat system, not a projected CRS to work in; use a "
                           "projected CRS such as EPSG:4547");
  if (const std::string zone = reader.string("time_zone", false); !zone.empty()) {
    try {
      catalog.timeZone = TimeZone(zone).name();
    } catch (const InputError& error) {
      reader.fail("time_zone", error.what());
    }
  }
  const json* layers = reader.value("layers");
  if (!layers) reader.fail("layers", "missing required key (an array of layers)");
  if (!layers->is_array() || layers->empty())
    reader.fail("layers", "expected a non-empty array of layers, found " + typeName(*layers));

  for (size_t i = 0; i < layers->size(); ++i) {
    LayerSpec layer = readLayer((*layers)[i], i, file);
    layer.timeZone = catalog.timeZone;
    if (catalog.find(layer.id))
      throw InputError(file.string() + ": layers[" + std::to_string(i) + "].id: \"" + layer.id +
                       "\" is used by an earlier layer; layer ids must be unique");
    catalog.layers.push_back(std::move(layer));
  }
  for (size_t i = 0; i < catalog.layers.size(); ++i) {
    const LayerSpec& layer = catalog.layers[i];
    if (layer.covers.empty()) continue;
    const LayerSpec* network = catalog.find(layer.covers);
    if (!network || network->role != LayerRole::network)
      throw InputError(file.string() + ": layers[" + std::to_string(i) + "] (\"" + layer.id + "\").covers: \"" +
                       layer.covers + "\" is not the id of a network layer");
  }
  return catalog;
}

Catalog loadCatalog(const fs::path& file) {
  std::error_code error;
  if (!fs::exists(file, error)) throw InputError(file.string() + ": catalog file not found");
  if (fs::is_directory(file, error)) throw InputError(file.string() + ": is a folder; give the catalog's .json file");
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw InputError(file.string() + ": cannot read the catalog file");
  std::ostringstream text;
  text << stream.rdbuf();
  return parseCatalog(text.str(), file);
}

bool looksLikeCatalog(const fs::path& file) {
  if (file.extension() != ".json") return false;
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (error || size > (4u << 20)) return false;  // catalogs are small; big JSON is data
  std::ifstream stream(file, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  json parsed;
  try {
    parsed = json::parse(
        text.str(),
        [](int depth, json::parse_event_t event, json&) {
          guardDepth(depth, event);
          return true;
        },
        /*allow_exceptions=*/false);
  } catch (const JsonTooDeep&) {
    parsed = json(json::value_t::discarded);  // as deep as no catalog is: broken, for this guess
  }
  if (parsed.is_discarded())  // broken JSON: a catalog unless it says it is GeoJSON
    return text.str().find("\"FeatureCollection\"") == std::string::npos;
  return parsed.is_object() && parsed.contains("layers") && !parsed.contains("type");
}

}  // namespace urbangis
