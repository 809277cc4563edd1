#include "io/catalog/layer_inference.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "core/error.h"
#include "io/imagery/imagery_source.h"
#include "io/sources/vector_source.h"
#include "io/values/time_zone.h"
#include "io/values/timestamps.h"

namespace urbangis {
namespace {

// Enough features to judge a field by its values without reading a city's whole history.
constexpr size_t kSampleFeatures = 5000;
constexpr size_t kDistinctCap = 2000;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool isAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x80; });
}

// The ASCII words of a name ("Chicago77" → chicago77; "cable_corridors" → cable, corridors) and
// the name itself, lower-cased.
std::vector<std::string> wordsOf(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : lower(name)) {
    if (std::isalnum(c)) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// Whether `name` carries `hint`: a Chinese hint anywhere in it; an English one as the start of
// one of its words ("streets" carries "street") or as its end ("POLYID" carries "id" only
// through endsWith, asked for separately).
bool carries(const std::string& name, std::string_view hint) {
  if (!isAscii(hint)) return name.find(hint) != std::string::npos;
  for (const std::string& word : wordsOf(name))
    if (word.rfind(hint, 0) == 0) return true;
  return false;
}

std::optional<std::string_view> firstHint(const std::string& name, const std::vector<std::string_view>& hints) {
  for (std::string_view hint : hints)
    if (carries(name, hint)) return hint;
  return std::nullopt;
}

GeometryFamily familyOf(OGRwkbGeometryType type, bool& known) {
  known = true;
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
      return GeometryFamily::point;
    case wkbLineString:
    case wkbMultiLineString:
      return GeometryFamily::line;
    case wkbPolygon:
    case wkbMultiPolygon:
      return GeometryFamily::polygon;
    default:
      known = false;
      return GeometryFamily::point;
  }
}

struct FieldProfile {
  std::string name;
  OGRFieldType type = OFTString;
  size_t filled = 0;
  std::set<std::string> distinct;  // up to kDistinctCap values
  size_t times = 0;                // values that read as a date or time
  size_t numbers = 0;              // values that are numbers (numeric fields, or text that reads as one)
  double min = INFINITY, max = -INFINITY;

  bool numeric() const { return type == OFTInteger || type == OFTInteger64 || type == OFTReal; }
  bool textual() const { return type == OFTString; }
  bool allDistinct() const { return filled > 0 && distinct.size() == filled; }
};

struct LayerProfile {
  size_t sampled = 0;
  int64_t featureCount = -1;
  std::vector<FieldProfile> fields;
  std::map<GeometryFamily, size_t> familyCounts;  // of the sampled features' geometries
  const FieldProfile* field(const std::string& name) const {
    for (const FieldProfile& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  }
};

std::optional<double> numberInText(const char* text) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

LayerProfile profileLayer(OGRLayer& layer) {
  LayerProfile profile;
  profile.featureCount = layer.GetFeatureCount(FALSE);
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    FieldProfile field;
    field.name = definition.GetFieldDefn(i)->GetNameRef();
    field.type = definition.GetFieldDefn(i)->GetType();
    profile.fields.push_back(std::move(field));
  }
  const TimeRules rules{TimeFormat{}, TimeZone()};
  layer.ResetReading();
  for (OGRFeatureUniquePtr feature(layer.GetNextFeature()); feature && profile.sampled < kSampleFeatures;
       feature.reset(layer.GetNextFeature())) {
    ++profile.sampled;
    if (const OGRGeometry* geometry = feature->GetGeometryRef()) {
      bool known = false;
      const GeometryFamily family = familyOf(geometry->getGeometryType(), known);
      if (known) ++profile.familyCounts[family];
    }
    for (size_t i = 0; i < profile.fields.size(); ++i) {
      const int index = static_cast<int>(i);
      if (!feature->IsFieldSetAndNotNull(index)) continue;
      FieldProfile& field = profile.fields[i];
      const char* text = feature->GetFieldAsString(index);
      if (field.textual() && *text == '\0') continue;
      ++field.filled;
      if (field.distinct.size() < kDistinctCap) field.distinct.insert(text);
      if (field.type == OFTDate || field.type == OFTDateTime) {
        ++field.times;
      } else if (field.textual()) {
        const ReadTime time = readTimestamp(text, rules);
        if (time.problem == TimeProblem::none || time.problem == TimeProblem::ambiguous) ++field.times;
      }
      const std::optional<double> value = field.numeric() ? feature->GetFieldAsDouble(index) : numberInText(text);
      if (value) {
        ++field.numbers;
        field.min = std::min(field.min, *value), field.max = std::max(field.max, *value);
      }
    }
  }
  return profile;
}

// ---- coordinate columns and CRS ------------------------------------------------------------

struct CoordinatePair {
  std::string_view x, y;
  bool lonLat;  // the names say longitude/latitude
};

const std::vector<CoordinatePair>& coordinatePairs() {
  static const std::vector<CoordinatePair> pairs{{"lon", "lat", true},           {"lng", "lat", true},
                                                 {"long", "lat", true},          {"longitude", "latitude", true},
                                                 {"经度", "纬度", true},         {"x", "y", false},
                                                 {"横坐标", "纵坐标", false},    {"point_x", "point_y", false},
                                                 {"easting", "northing", false}, {"east", "north", false}};
  return pairs;
}

// The field named `wanted` (any case), when it is all numbers in the sample.
const FieldProfile* numberField(const LayerProfile& profile, std::string_view wanted) {
  for (const FieldProfile& field : profile.fields)
    if (lower(field.name) == wanted && field.filled > 0 && field.numbers == field.filled) return &field;
  return nullptr;
}

bool inLonLatRange(const FieldProfile& x, const FieldProfile& y) {
  return x.min >= -180 && x.max <= 180 && y.min >= -90 && y.max <= 90;
}

// CGCS2000 Gauss-Krüger with the zone number written before the easting (38,512,345.6 is zone
// 38): 3° zones 25–45 are EPSG:4513–4533, 6° zones 13–23 EPSG:4491–4501.
std::optional<std::string> gaussKrugerZone(double minX, double maxX) {
  if (!(minX > 0 && maxX < 1e8)) return std::nullopt;  // zone numbers are two digits
  const auto zone = static_cast<int>(std::floor(minX / 1e6));
  if (zone != static_cast<int>(std::floor(maxX / 1e6))) return std::nullopt;
  if (zone >= 25 && zone <= 45) return "EPSG:" + std::to_string(4513 + zone - 25);
  if (zone >= 13 && zone <= 23) return "EPSG:" + std::to_string(4491 + zone - 13);
  return std::nullopt;
}

std::string rangeText(double minX, double maxX, double minY, double maxY) {
  char text[160];
  std::snprintf(text, sizeof text, "x %.6g…%.6g, y %.6g…%.6g", minX, maxX, minY, maxY);
  return text;
}

// What a source without a CRS may be in, from its coordinates, for the person to choose.
std::string crsCandidates(double minX, double maxX, double minY, double maxY) {
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90)
    return "they look like longitude/latitude: WGS84 or CGCS2000 (GCJ-02 or BD-09 if they come from a Chinese web "
           "map)";
  if (auto zone = gaussKrugerZone(minX, maxX))
    return "the eastings carry a Gauss-Krüger zone number: CGCS2000 " + *zone +
           " (or the same zone of Xi'an 80 / "
           "Beijing 54)";
  return "projected coordinates: the CRS the data was made in (EPSG:n), e.g. a CGCS2000 3° Gauss-Krüger zone "
         "(EPSG:4534–4554 without zone number)";
}

// The same as names a catalog takes, likeliest first.
std::vector<std::string> crsCandidateNames(double minX, double maxX, double minY, double maxY) {
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return {"CGCS2000", "WGS84", "GCJ-02", "BD-09"};
  if (auto zone = gaussKrugerZone(minX, maxX)) return {*zone};
  return {};
}

std::string sourceCrsLabel(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (!srs) return {};
  std::string label = srs->GetName() ? srs->GetName() : "a CRS without a name";
  OGRSpatialReference copy(*srs);
  const char* authority = copy.GetAuthorityName(nullptr);
  const char* code = copy.GetAuthorityCode(nullptr);
  if ((!authority || !code) && copy.AutoIdentifyEPSG() == OGRERR_NONE) {
    authority = copy.GetAuthorityName(nullptr);
    code = copy.GetAuthorityCode(nullptr);
  }
  if (authority && code) label += std::string(" (") + authority + ":" + code + ")";
  return label;
}

// ---- roles ---------------------------------------------------------------------------------

std::string_view familyNoun(GeometryFamily family) {
  switch (family) {
    case GeometryFamily::point:
      return "points";
    case GeometryFamily::line:
      return "lines";
    case GeometryFamily::polygon:
      return "polygons";
    case GeometryFamily::raster:
      return "a raster";
  }
  return "features";
}

// The kind a layer of `family` named `name` is: the first kind of that geometry whose name hints
// the name carries, else the kind that family defaults to.
LayerRole chooseRole(GeometryFamily family, const std::string& name, std::string& reason) {
  for (const LayerKind& kind : layerKinds()) {
    if (kind.geometry != family) continue;
    if (auto hint = firstHint(name, kind.nameHints)) {
      reason = std::string(familyNoun(family)) + ", and the name \"" + name + "\" carries \"" + std::string(*hint) +
               "\" (" + std::string(kind.name) + ")";
      return kind.role;
    }
  }
  for (const LayerKind& kind : layerKinds())
    if (kind.geometry == family && kind.defaultForGeometry) {
      reason = std::string(familyNoun(family)) + ", and no name hint of another kind: " + std::string(kind.name) +
               " is what " + std::string(familyNoun(family)) + " are by default";
      return kind.role;
    }
  throw InputError("no layer kind takes " + std::string(familyNoun(family)));
}

// ---- fields --------------------------------------------------------------------------------

const std::vector<std::string_view> kIdHints{"code", "编码", "代码", "编号", "案件号", "案卷号", "id", "no", "number"};
const std::vector<std::string_view> kNameHints{"name", "名称", "名字", "title", "community", "neighbourh", "neighborh",
                                               "社区", "街道", "乡镇", "村",    "路名",      "道路名"};
const std::vector<std::string_view> kCategoryHints{"category", "type", "kind", "class", "fclass", "highway", "类别",
                                                   "类型",     "分类", "种类", "大类",  "小类",   "等级"};
const std::vector<std::string_view> kCloseHints{"close", "closed", "finish", "end", "结案", "办结", "完成", "处置"};
const std::vector<std::string_view> kTimeHints{"date", "time", "opened", "reported", "created",
                                               "日期", "时间", "上报",   "受理",     "发现"};
const std::vector<std::string_view> kStatusHints{"status", "state", "condition", "状态", "状况", "完好", "情况"};
const std::vector<std::string_view> kOnewayHints{"oneway", "one_way", "单行"};
// Numbers that are not values to total: identifiers, coordinates and the geometry's own measures.
const std::vector<std::string_view> kNotValueHints{
    "id",  "fid", "objectid", "code", "shape", "area", "perimeter", "length", "len",  "x",    "y",   "lon",
    "lat", "lng", "编号",     "编码", "代码",  "经度", "纬度",      "坐标",   "面积", "周长", "长度"};

bool idLike(const std::string& name) {
  std::string low = lower(name);
  while (!low.empty() && std::isdigit(static_cast<unsigned char>(low.back()))) low.pop_back();  // POLYID2
  return carries(name, "id") || carries(name, "code") || carries(name, "编号") || carries(name, "编码") ||
         carries(name, "代码") ||
         (low.size() > 2 && (low.ends_with("id") || low.ends_with("code") || low.ends_with("_no")));
}

class FieldChooser {
 public:
  FieldChooser(const LayerProfile& profile, InferredLayer& out) : profile_(profile), out_(out) {}

  // The field an override names, checked against the layer.
  void take(const std::string& key, const std::string& field, std::string& slot) {
    if (!profile_.field(field)) {
      std::string names;
      for (const FieldProfile& f : profile_.fields) names += (names.empty() ? "" : ", ") + f.name;
      throw InputError(out_.spec.where() + ": --field " + out_.spec.id + "." + key + "=" + field +
                       ": the layer has no such field; its fields are: " + names);
    }
    slot = field;
    used_.insert(field);
    out_.decisions.push_back({key, field, "given with --field"});
  }

  void chooseId(std::string& slot) {
    const FieldProfile* best = nullptr;
    int bestScore = 0;
    for (const FieldProfile& field : profile_.fields) {
      if (used_.count(field.name) || !field.allDistinct() || field.filled < profile_.sampled) continue;
      if (field.type == OFTReal) continue;  // measures are not identifiers
      const std::string low = lower(field.name);
      int score = 0;
      if (carries(field.name, "code") || carries(field.name, "编码") || carries(field.name, "代码") ||
          carries(field.name, "编号") || low.ends_with("code"))
        score = 4;
      else if (low == "id" || low.ends_with("_id") || low.ends_with("id") || low.ends_with("_no") || low == "no")
        score = low == "objectid" || low == "fid" ? 1 : 3;
      if (score > bestScore) best = &field, bestScore = score;
    }
    if (!best) return;
    choose("id_field", *best, slot,
           "its name says identifier, and its " + std::to_string(best->filled) + " values" + sampleNote() +
               " are all different");
  }

  void chooseName(std::string& slot, bool required) {
    const FieldProfile* best = nullptr;
    for (const FieldProfile& field : profile_.fields) {
      if (used_.count(field.name) || !field.textual() || field.filled == 0) continue;
      if (!firstHint(field.name, kNameHints)) continue;
      if (!best || field.distinct.size() > best->distinct.size()) best = &field;
    }
    if (!best && required) {  // zones are named: the text field with the most different values
      for (const FieldProfile& field : profile_.fields)
        if (!used_.count(field.name) && field.textual() && field.filled > 0 && field.times < field.filled &&
            (!best || field.distinct.size() > best->distinct.size()))
          best = &field;
    }
    if (!best) return;
    const bool hinted = firstHint(best->name, kNameHints).has_value();
    choose("name_field", *best, slot,
           hinted ? "its name says name, and it holds text"
                  : "the text field with the most different values (" + std::to_string(best->distinct.size()) + ")");
  }

  void chooseCategory(std::string& slot) {
    for (const FieldProfile& field : profile_.fields) {
      if (used_.count(field.name) || field.filled == 0 || field.type == OFTReal) continue;
      const auto hint = firstHint(field.name, kCategoryHints);
      if (!hint) continue;
      const size_t classes = field.distinct.size();
      if (classes < 2 || classes > 100 || classes * 2 > field.filled) continue;
      choose("category_field", field, slot,
             "its name carries \"" + std::string(*hint) + "\", and it has " + std::to_string(classes) +
                 " different values" + sampleNote());
      return;
    }
  }

  void chooseTimes(std::string& timeSlot, std::string& closeSlot) {
    for (const FieldProfile& field : profile_.fields) {
      if (used_.count(field.name) || field.filled == 0 || field.times * 10 < field.filled * 9) continue;
      const bool typed = field.type == OFTDate || field.type == OFTDateTime;
      const bool closing = firstHint(field.name, kCloseHints).has_value();
      if (!typed && !firstHint(field.name, kTimeHints) && !closing) continue;
      const std::string why = std::string(typed ? "a date field" : "its values read as dates") +
                              (closing ? ", and its name says when the case was closed" : "");
      if (closing && closeSlot.empty() && !timeSlot.empty())
        choose("close_time_field", field, closeSlot, why);
      else if (!closing && timeSlot.empty())
        choose("time_field", field, timeSlot, why);
    }
  }

  void chooseByHint(const std::string& key, const std::vector<std::string_view>& hints, size_t maxValues,
                    std::string& slot) {
    for (const FieldProfile& field : profile_.fields) {
      if (used_.count(field.name) || field.filled == 0 || field.type == OFTReal) continue;
      const auto hint = firstHint(field.name, hints);
      if (!hint || field.distinct.size() > maxValues) continue;
      choose(key, field, slot,
             "its name carries \"" + std::string(*hint) + "\", and it has " + std::to_string(field.distinct.size()) +
                 " different values" + sampleNote());
      return;
    }
  }

  void chooseValues(std::vector<std::string>& sums) {
    for (const FieldProfile& field : profile_.fields) {
      // A CSV's columns are text to GDAL: numbers in every row count as numbers.
      const bool numbers = field.numeric() || (field.textual() && field.numbers == field.filled);
      if (used_.count(field.name) || !numbers || field.filled == 0) continue;
      if (idLike(field.name) || firstHint(field.name, kNotValueHints)) continue;
      sums.push_back(field.name);
      used_.insert(field.name);
    }
    if (!sums.empty()) {
      std::string list;
      for (const std::string& name : sums) list += (list.empty() ? "" : ", ") + name;
      out_.decisions.push_back({"sum_fields", list, "numbers that are not identifiers, coordinates or measures"});
    }
  }

  void markUsed(const std::string& field) { used_.insert(field); }

 private:
  void choose(const std::string& key, const FieldProfile& field, std::string& slot, const std::string& reason) {
    slot = field.name;
    used_.insert(field.name);
    out_.decisions.push_back({key, field.name, reason});
  }

  std::string sampleNote() const {
    if (profile_.featureCount >= 0 && static_cast<size_t>(profile_.featureCount) <= profile_.sampled) return "";
    return " (in the first " + std::to_string(profile_.sampled) + " features)";
  }

  const LayerProfile& profile_;
  InferredLayer& out_;
  std::set<std::string> used_;
};

std::string* fieldSlot(LayerSpec& spec, const std::string& key) {
  if (key == "id_field") return &spec.idField;
  if (key == "name_field") return &spec.nameField;
  if (key == "category_field") return &spec.categoryField;
  if (key == "time_field") return &spec.timeField;
  if (key == "close_time_field") return &spec.closeTimeField;
  if (key == "status_field") return &spec.statusField;
  if (key == "oneway_field") return &spec.onewayField;
  if (key == "speed_field") return &spec.speedField;
  if (key == "deadline_field") return &spec.deadlineField;
  return nullptr;
}

void inferFields(const LayerProfile& profile, const LayerOverrides& overrides, InferredLayer& out) {
  LayerSpec& spec = out.spec;
  FieldChooser chooser(profile, out);
  if (!spec.x.empty()) chooser.markUsed(spec.x), chooser.markUsed(spec.y);
  for (const auto& [key, field] : overrides.fields) {
    std::string* slot = fieldSlot(spec, key);
    if (!slot) throw InputError("--field " + spec.id + "." + key + ": not a field key; use one of the *_field keys");
    if (!kindTakesKey(spec.role, key))
      throw InputError("--field " + spec.id + "." + key + ": a " + std::string(roleName(spec.role)) +
                       " layer does not take " + key + " (" + kindsTakingKey(key) + " do)");
    chooser.take(key, field, *slot);
  }
  const LayerKind& kind = layerKind(spec.role);
  auto unset = [&](const char* key) { return !overrides.fields.count(key); };
  if (unset("id_field")) chooser.chooseId(spec.idField);
  if (unset("name_field")) chooser.chooseName(spec.nameField, spec.role == LayerRole::zones);
  if (spec.role == LayerRole::zones) return;
  if (unset("category_field")) chooser.chooseCategory(spec.categoryField);
  if (spec.role == LayerRole::network) {
    if (unset("oneway_field")) chooser.chooseByHint("oneway_field", kOnewayHints, 10, spec.onewayField);
    return;
  }
  if (kind.cases) {
    if (unset("time_field") && unset("close_time_field")) chooser.chooseTimes(spec.timeField, spec.closeTimeField);
  }
  if (unset("status_field")) chooser.chooseByHint("status_field", kStatusHints, 30, spec.statusField);
  if (kind.tallied) chooser.chooseValues(spec.sumFields);
}

}  // namespace

const std::vector<std::string>& inferredFieldKeys() {
  static const std::vector<std::string> keys{"id_field",       "name_field",       "category_field",
                                             "time_field",     "close_time_field", "status_field",
                                             "deadline_field", "oneway_field",     "speed_field"};
  return keys;
}

std::string catalogIdFor(const std::string& layerName, const std::string& fallback,
                         const std::vector<std::string>& taken) {
  std::string id;
  for (unsigned char c : lower(layerName)) {
    if (std::isalnum(c) && c < 0x80)
      id += static_cast<char>(c);
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && !std::isalpha(static_cast<unsigned char>(id.front()))) id.erase(id.begin());
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty()) id = fallback;
  id = id.substr(0, 29);
  std::string unique = id;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n)
    unique = id + "_" + std::to_string(n);
  return unique;
}

namespace {

// A raster is a layer of role raster: imagery (RGB, RGBA, a palette, image tiles) drawn in its own
// colours under the map, or a grid of values drawn with a colour ramp. Its CRS is the file's.
InferredLayer inferRaster(const FoundLayer& found, InferredLayer out, const LayerOverrides& overrides) {
  LayerSpec& spec = out.spec;
  spec.role = LayerRole::raster;
  if (overrides.role && *overrides.role != LayerRole::raster)
    throw InputError(found.fileName + ": --role " + std::string(roleName(*overrides.role)) +
                     " does not fit: the file is a raster");
  if (!overrides.fields.empty()) throw InputError(found.fileName + ": a raster has no fields to name (--field)");
  GDALDatasetUniquePtr dataset = openImagery(found.source);
  const bool imagery = isImagery(*dataset);
  out.decisions.push_back({"role", "raster",
                           imagery ? "a raster of colours (RGB, a palette or image tiles): drawn as imagery, under the "
                                     "map when it is listed first"
                                   : "a raster of values (" + std::to_string(dataset->GetRasterCount()) +
                                         " band): drawn with a colour ramp"});
  if (overrides.crs) {
    spec.crs = parseCrsName(*overrides.crs);
    if (!spec.crs) throw InputError("--crs " + *overrides.crs + ": use EPSG:n, WGS84, CGCS2000, GCJ-02 or BD-09");
    out.decisions.push_back({"crs", *overrides.crs, "as you said"});
  } else if (dataset->GetSpatialRef()) {
    out.decisions.push_back({"crs", "", std::string("the file's own: ") + dataset->GetSpatialRef()->GetName()});
  } else {
    out.decisions.push_back({"crs", "", "none in the file"});
    out.warnings.push_back(spec.id + ": the raster has no CRS; give it with --crs " + spec.id + "=EPSG:n");
  }
  return out;
}

}  // namespace

InferredLayer inferLayer(const FoundLayer& found, const std::string& id, const LayerOverrides& overrides) {
  InferredLayer out;
  LayerSpec& spec = out.spec;
  spec.id = id;
  spec.title = LocalizedText{found.layerName, found.layerName};
  spec.source = found.source;
  spec.resolvedSource = found.source;
  if (!found.onlyLayer) spec.layerName = found.layerName;
  if (found.raster) return inferRaster(found, std::move(out), overrides);

  VectorSource source = openVectorSource(found.source, "");
  OGRLayer* layer = source.dataset->GetLayerByName(found.layerName.c_str());
  if (!layer) throw InputError(found.fileName + ": no layer \"" + found.layerName + "\"");
  for (const std::string& note : source.notes) out.decisions.push_back({"encoding", "", note});
  const LayerProfile profile = profileLayer(*layer);

  // The geometry: the layer's declared type, else what its features hold, else coordinate columns.
  bool known = false;
  GeometryFamily family = familyOf(layer->GetGeomType(), known);
  if (!known && !profile.familyCounts.empty()) {
    family =
        std::max_element(profile.familyCounts.begin(), profile.familyCounts.end(), [](const auto& a, const auto& b) {
          return a.second < b.second;
        })->first;
    known = true;
  }
  const CoordinatePair* columns = nullptr;
  const FieldProfile *xField = nullptr, *yField = nullptr;
  if (!known) {
    for (const CoordinatePair& pair : coordinatePairs()) {
      xField = numberField(profile, pair.x), yField = numberField(profile, pair.y);
      if (xField && yField && (!pair.lonLat || inLonLatRange(*xField, *yField))) {
        columns = &pair;
        break;
      }
    }
    if (!columns)
      throw InputError(found.fileName + ", layer " + found.layerName +
                       ": no geometry, and no coordinate columns (lon/lat, x/y, 经度/纬度, 横坐标/纵坐标) that hold "
                       "numbers; a WKT column must be named WKT");
    spec.x = xField->name, spec.y = yField->name;
    family = GeometryFamily::point;
    out.decisions.push_back({"x, y", spec.x + ", " + spec.y,
                             "coordinate columns by their names, every value a number (" +
                                 rangeText(xField->min, xField->max, yField->min, yField->max) + ")"});
  }

  std::string reason;
  if (overrides.role) {
    if (geometryOf(*overrides.role) != family)
      throw InputError("--role " + id + "=" + std::string(roleName(*overrides.role)) + ": the layer holds " +
                       std::string(familyNoun(family)) + "; a " + std::string(roleName(*overrides.role)) +
                       " layer holds " + std::string(layerKind(*overrides.role).geometryNoun));
    spec.role = *overrides.role;
    reason = "given with --role";
  } else {
    spec.role = chooseRole(family, found.layerName, reason);
  }
  out.decisions.push_back({"role", std::string(roleName(spec.role)), reason});

  // The CRS: an override, the file's own, or for coordinate columns what their range says.
  if (overrides.crs) {
    if (!parseCrsName(*overrides.crs))
      throw InputError("--crs " + id + "=" + *overrides.crs +
                       ": not a CRS name (EPSG:n, WGS84, CGCS2000, GCJ-02 or BD-09)");
    spec.crs = parseCrsName(*overrides.crs);
    out.decisions.push_back({"crs", *overrides.crs, "given with --crs"});
  } else if (const std::string label = sourceCrsLabel(*layer); !label.empty()) {
    out.decisions.push_back({"crs", "", "the file's own: " + label});
  } else if (columns && inLonLatRange(*xField, *yField)) {
    spec.crs = parseCrsName("WGS84");
    out.decisions.push_back(
        {"crs", "WGS84",
         "longitude/latitude columns; WGS84 taken (CGCS2000 is within a metre of it). If the points come from a "
         "Chinese web map they are GCJ-02 or BD-09: `urbangis info` checks that"});
  } else if (columns && gaussKrugerZone(xField->min, xField->max)) {
    const std::string zone = *gaussKrugerZone(xField->min, xField->max);
    spec.crs = parseCrsName(zone);
    out.decisions.push_back({"crs", zone, "the eastings carry a Gauss-Krüger zone number: CGCS2000 " + zone});
  } else {
    OGREnvelope extent;
    std::string candidates = "unknown extent";
    if (columns)
      candidates = rangeText(xField->min, xField->max, yField->min, yField->max) + ": " +
                   crsCandidates(xField->min, xField->max, yField->min, yField->max);
    else if (layer->GetExtent(&extent, TRUE) == OGRERR_NONE)
      candidates = rangeText(extent.MinX, extent.MaxX, extent.MinY, extent.MaxY) + ": " +
                   crsCandidates(extent.MinX, extent.MaxX, extent.MinY, extent.MaxY);
    out.warnings.push_back(id + ": the data declares no CRS (" + candidates + "); give it with --crs " + id +
                           "=NAME, or \"crs\" in the catalog");
    double minX = extent.MinX, maxX = extent.MaxX, minY = extent.MinY, maxY = extent.MaxY;
    if (columns) minX = xField->min, maxX = xField->max, minY = yField->min, maxY = yField->max;
    if (candidates != "unknown extent") out.crsCandidates = crsCandidateNames(minX, maxX, minY, maxY);
  }

  inferFields(profile, overrides, out);
  return out;
}

}  // namespace urbangis
