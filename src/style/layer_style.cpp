#include "style/layer_style.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_nesting.h"
#include "style/color_brewer.h"

namespace urbangis {
namespace {

using Json = nlohmann::json;

class Reader {
 public:
  Reader(const Json& json, std::string where) : json_(json), where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw InputError(where_ + (key.empty() ? "" : "." + key) + ": " + what);
  }
  std::string at(const std::string& key) const { return where_ + "." + key; }

  void onlyKeys(const std::set<std::string>& allowed) const {
    if (!json_.is_object()) fail("", "expected an object");
    for (const auto& [key, value] : json_.items())
      if (!allowed.count(key)) {
        std::string names;
        for (const auto& name : allowed) names += (names.empty() ? "" : ", ") + name;
        fail(key, "unknown key; expected one of " + names);
      }
  }
  bool has(const std::string& key) const { return json_.contains(key); }
  const Json& get(const std::string& key) const { return json_.at(key); }

  double number(const std::string& key, double low, bool lowExclusive) const {
    const Json& value = json_.at(key);
    if (!value.is_number()) fail(key, "expected a number");
    const double v = value.get<double>();
    if (lowExclusive ? v <= low : v < low)
      fail(key, "must be " + std::string(lowExclusive ? "greater than " : "at least ") + std::to_string(low));
    return v;
  }
  std::string text(const std::string& key) const {
    const Json& value = json_.at(key);
    if (!value.is_string() || value.get<std::string>().empty()) fail(key, "expected a non-empty string");
    return value.get<std::string>();
  }
  Rgba colour(const std::string& key) const {
    const Json& value = json_.at(key);
    std::optional<Rgba> parsed = value.is_string() ? parseColour(value.get<std::string>()) : std::nullopt;
    if (!parsed) fail(key, "expected a colour #RRGGBB or #RRGGBBAA");
    return *parsed;
  }
  std::optional<Rgba> optionalColour(const std::string& key) const {
    if (json_.at(key).is_null()) return std::nullopt;
    return colour(key);
  }

 private:
  const Json& json_;
  std::string where_;
};

Symbol readSymbol(const Json& json, const std::string& where) {
  const Reader r(json, where);
  r.onlyKeys({"fill", "stroke", "stroke_width", "marker", "size", "dash"});
  for (const char* key : {"fill", "stroke", "stroke_width"})
    if (!r.has(key)) r.fail(key, "missing (a symbol needs fill, stroke and stroke_width)");
  Symbol symbol;
  symbol.fill = r.optionalColour("fill");
  symbol.stroke = r.colour("stroke");
  symbol.strokeWidth = r.number("stroke_width", 0, false);
  if (r.has("marker") != r.has("size")) r.fail(r.has("marker") ? "size" : "marker", "marker and size go together");
  if (r.has("marker")) {
    const std::string marker = r.text("marker");
    if (marker == "circle")
      symbol.marker = Marker::circle;
    else if (marker == "square")
      symbol.marker = Marker::square;
    else if (marker == "triangle")
      symbol.marker = Marker::triangle;
    else if (marker == "diamond")
      symbol.marker = Marker::diamond;
    else
      r.fail("marker", "unknown marker \"" + marker + "\"; expected circle, square, triangle or diamond");
    symbol.size = r.number("size", 0, true);
  }
  if (r.has("dash")) {
    const Json& dash = r.get("dash");
    if (!dash.is_array() || dash.size() != 2 || !dash[0].is_number() || !dash[1].is_number() ||
        dash[0].get<double>() <= 0 || dash[1].get<double>() <= 0)
      r.fail("dash", "expected [dash length, gap length], both greater than 0");
    symbol.dash = std::array<double, 2>{dash[0].get<double>(), dash[1].get<double>()};
  }
  return symbol;
}

LocalizedText readLabel(const Json& json, const std::string& where) {
  if (json.is_string()) return {json.get<std::string>(), json.get<std::string>()};
  const Reader r(json, where);
  r.onlyKeys({"zh", "en"});
  LocalizedText text;
  if (r.has("zh")) text.zh = r.text("zh");
  if (r.has("en")) text.en = r.text("en");
  if (text.zh.empty() && text.en.empty()) r.fail("", "needs zh or en");
  return text;
}

LabelStyle readLabels(const Json& json, const std::string& where) {
  const Reader r(json, where);
  r.onlyKeys({"field", "size", "color", "halo", "max_scale"});
  if (!r.has("field")) r.fail("field", "missing");
  LabelStyle labels;
  labels.field = r.text("field");
  if (r.has("size")) labels.size = r.number("size", 0, true);
  if (r.has("color")) labels.colour = r.colour("color");
  if (r.has("halo")) labels.halo = r.optionalColour("halo");
  if (r.has("max_scale")) labels.maxScale = r.number("max_scale", 0, true);
  return labels;
}

std::string categoryValue(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return value.dump();
}

}  // namespace

LayerStyle parseStyle(const std::string& text, const std::string& where) {
  Json json;
  try {
    // Stops at the array or object that opens level kMaxJsonNesting + 1 (`depth` counts the
    // containers around it).
    json = Json::parse(text, [](int depth, Json::parse_event_t event, Json&) {
      if ((event == Json::parse_event_t::array_start || event == Json::parse_event_t::object_start) &&
          depth >= kMaxJsonNesting)
        throw JsonTooDeep();
      return true;
    });
  } catch (const JsonTooDeep&) {
    const TextPosition at = jsonTooDeepAt(text, kMaxJsonNesting).value_or(TextPosition{});
    throw InputError(where + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                     ": JSON nested more than " + std::to_string(kMaxJsonNesting) +
                     " levels deep (arrays and objects); a style needs four");
  } catch (const Json::parse_error& error) {
    throw InputError(where + ": not valid JSON: " + error.what());
  } catch (const Json::out_of_range& error) {  // a number beyond double, e.g. 868E3131 (found by fuzzing)
    throw InputError(where + ": not valid JSON: " + error.what() + "; write a number within ±1.7e308");
  }
  const Reader r(json, where);
  r.onlyKeys({"$schema", "renderer", "symbol", "field", "categories", "labels", "classes", "ramp", "band"});
  if (!r.has("renderer")) r.fail("renderer", "missing; expected single, categorized, graduated or raster");
  const std::string renderer = r.text("renderer");
  LayerStyle style;
  auto forbid = [&](std::initializer_list<const char*> keys) {
    for (const char* key : keys)
      if (r.has(key)) r.fail(key, "not allowed with renderer " + renderer);
  };
  auto need = [&](std::initializer_list<const char*> keys) {
    for (const char* key : keys)
      if (!r.has(key)) r.fail(key, "missing; renderer " + renderer + " needs it");
  };
  if (renderer == "single") {
    style.renderer = StyleRenderer::single;
    need({"symbol"});
    forbid({"field", "categories", "classes", "ramp", "band"});
  } else if (renderer == "categorized") {
    style.renderer = StyleRenderer::categorized;
    need({"field", "categories", "symbol"});
    forbid({"classes", "ramp", "band"});
  } else if (renderer == "graduated") {
    style.renderer = StyleRenderer::graduated;
    need({"field", "classes", "symbol"});
    forbid({"categories", "ramp", "band"});
  } else if (renderer == "raster") {
    style.renderer = StyleRenderer::raster;
    need({"ramp"});
    forbid({"symbol", "field", "categories", "classes", "labels"});
  } else {
    r.fail("renderer", "unknown renderer \"" + renderer + "\"; expected single, categorized, graduated or raster");
  }
  if (r.has("symbol")) style.symbol = readSymbol(r.get("symbol"), r.at("symbol"));
  if (r.has("field")) style.field = r.text("field");
  if (r.has("labels")) style.labels = readLabels(r.get("labels"), r.at("labels"));
  if (r.has("categories")) {
    const Json& categories = r.get("categories");
    if (!categories.is_array() || categories.empty()) r.fail("categories", "expected a non-empty array");
    for (size_t i = 0; i < categories.size(); ++i) {
      const std::string at = r.at("categories[" + std::to_string(i) + "]");
      const Reader c(categories[i], at);
      c.onlyKeys({"value", "label", "symbol"});
      for (const char* key : {"value", "label", "symbol"})
        if (!c.has(key)) c.fail(key, "missing");
      if (!c.get("value").is_string() && !c.get("value").is_number()) c.fail("value", "expected a string or a number");
      style.categories.push_back({categoryValue(c.get("value")), readLabel(c.get("label"), at + ".label"),
                                  readSymbol(c.get("symbol"), at + ".symbol")});
    }
  }
  if (r.has("classes")) {
    const Reader c(r.get("classes"), r.at("classes"));
    c.onlyKeys({"method", "count", "palette"});
    for (const char* key : {"method", "count", "palette"})
      if (!c.has(key)) c.fail(key, "missing");
    GraduatedClasses classes;
    const auto method = parseClassMethod(c.text("method"));
    if (!method) c.fail("method", "expected equal_interval, quantile or jenks");
    classes.method = *method;
    if (!c.get("count").is_number_integer() || c.get("count").get<int>() < 2 || c.get("count").get<int>() > 9)
      c.fail("count", "expected a whole number from 2 to 9");
    classes.count = c.get("count").get<int>();
    classes.palette = c.text("palette");
    if (!colorBrewer(classes.palette, std::max(3, classes.count)))
      c.fail("palette", "unknown ColorBrewer palette \"" + classes.palette + "\" for " + std::to_string(classes.count) +
                            " classes, e.g. YlOrRd, Blues, RdBu");
    style.classes = classes;
  }
  if (r.has("ramp")) {
    const Json& ramp = r.get("ramp");
    if (!ramp.is_array() || ramp.size() < 2) r.fail("ramp", "expected at least two stops");
    for (size_t i = 0; i < ramp.size(); ++i) {
      const Reader s(ramp[i], r.at("ramp[" + std::to_string(i) + "]"));
      s.onlyKeys({"value", "color"});
      if (!s.has("value") || !s.get("value").is_number()) s.fail("value", "expected a number");
      if (!s.has("color")) s.fail("color", "missing");
      style.ramp.push_back({s.get("value").get<double>(), s.colour("color")});
      if (i > 0 && style.ramp[i].value <= style.ramp[i - 1].value) s.fail("value", "stops must increase");
    }
  }
  if (r.has("band")) {
    if (!r.get("band").is_number_integer() || r.get("band").get<int>() < 1)
      r.fail("band", "expected a band number from 1");
    style.band = r.get("band").get<int>();
  }
  return style;
}

LayerStyle loadStyle(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string() + ": cannot read the style file");
  std::ostringstream text;
  text << in.rdbuf();
  return parseStyle(text.str(), file.string());
}

Rgba rampColour(const std::vector<RampStop>& ramp, double value) {
  if (ramp.empty()) return {0, 0, 0, 0};
  if (!(value > ramp.front().value)) return ramp.front().colour;
  if (value >= ramp.back().value) return ramp.back().colour;
  size_t i = 1;
  while (ramp[i].value < value) ++i;
  const RampStop& a = ramp[i - 1];
  const RampStop& b = ramp[i];
  const double t = (value - a.value) / (b.value - a.value);
  auto mix = [t](uint8_t x, uint8_t y) { return static_cast<uint8_t>(std::lround(x + (y - x) * t)); };
  return {mix(a.colour.r, b.colour.r), mix(a.colour.g, b.colour.g), mix(a.colour.b, b.colour.b),
          mix(a.colour.a, b.colour.a)};
}

}  // namespace urbangis
