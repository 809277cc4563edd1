#include "webmap/web_layer_json.h"

#include <QBuffer>
#include <QByteArray>
#include <QImage>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <unordered_map>

#include "render/layer_painter.h"

namespace urbangis {
namespace {

using nlohmann::json;

std::string cssColour(const Rgba& colour) {
  char text[10];
  std::snprintf(text, sizeof text, "#%02x%02x%02x%02x", colour.r, colour.g, colour.b, colour.a);
  return text;
}

const char* markerName(Marker marker) {
  switch (marker) {
    case Marker::square:
      return "square";
    case Marker::triangle:
      return "triangle";
    case Marker::diamond:
      return "diamond";
    case Marker::circle:
      break;
  }
  return "circle";
}

const char* kindName(DrawKind kind) {
  switch (kind) {
    case DrawKind::line:
      return "line";
    case DrawKind::polygon:
      return "polygon";
    case DrawKind::point:
      break;
  }
  return "point";
}

// What a catalog key says a field is, as a popup's row title.
const std::map<std::string, LocalizedText>& fieldMeanings() {
  static const std::map<std::string, LocalizedText> meanings{
      {"id_field", {"编号", "ID"}},
      {"name_field", {"名称", "Name"}},
      {"category_field", {"类别", "Category"}},
      {"time_field", {"时间", "Time"}},
      {"close_time_field", {"结案时间", "Closed"}},
      {"status_field", {"状态", "Status"}},
      {"deadline_field", {"期限", "Deadline"}},
      {"oneway_field", {"单行", "One way"}},
      {"speed_field", {"速度", "Speed"}},
  };
  return meanings;
}

// Coordinates quantised and written as differences from the one before (x and y apart), which
// keeps most numbers to a few digits.
class DeltaWriter {
 public:
  explicit DeltaWriter(json& out) : out_(out) {}
  void add(double x, double y) {
    // A vertex the transform could not place (infinite) repeats the one before: it must not
    // shift every later one.
    if (!std::isfinite(x) || !std::isfinite(y)) {
      out_.push_back(0);
      out_.push_back(0);
      return;
    }
    const auto qx = static_cast<int64_t>(std::llround(x * kWebCoordinateScale));
    const auto qy = static_cast<int64_t>(std::llround(y * kWebCoordinateScale));
    out_.push_back(qx - lastX_);
    out_.push_back(qy - lastY_);
    lastX_ = qx, lastY_ = qy;
  }

 private:
  json& out_;
  int64_t lastX_ = 0, lastY_ = 0;
};

// Web Mercator metres to degrees (the spherical formulas EPSG:3857 is defined by).
double mercatorLon(double x) { return x / 6378137.0 * 180.0 / std::numbers::pi; }
double mercatorLat(double y) { return std::atan(std::sinh(y / 6378137.0)) * 180.0 / std::numbers::pi; }

}  // namespace

json symbolJson(const Symbol& symbol) {
  json out;
  out["fill"] = symbol.fill ? json(cssColour(*symbol.fill)) : json(nullptr);
  out["stroke"] = cssColour(symbol.stroke);
  out["width"] = symbol.strokeWidth;
  out["marker"] = markerName(symbol.marker);
  out["size"] = symbol.size;
  out["dash"] = symbol.dash ? json::array({(*symbol.dash)[0], (*symbol.dash)[1]}) : json(nullptr);
  return out;
}

json legendJson(const std::vector<LegendEntry>& legend) {
  json out = json::array();
  for (const LegendEntry& entry : legend) {
    json item;
    item["label"] = entry.label;
    item["kind"] = kindName(entry.kind);
    if (entry.ramp.empty()) {
      item["symbol"] = symbolJson(entry.symbol);
    } else {
      json ramp = json::array();
      for (const RampStop& stop : entry.ramp)
        ramp.push_back({{"value", stop.value}, {"colour", cssColour(stop.colour)}});
      item["ramp"] = std::move(ramp);
    }
    out.push_back(std::move(item));
  }
  return out;
}

json symbolClassesJson(const RenderLayer& layer) {
  json classes = json::array();
  for (const DrawFeature& feature : layer.features) classes.push_back(feature.symbolClass);
  return classes;
}

json cellJson(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<int64_t>(&cell)) return *integer;
  if (const auto* real = std::get_if<double>(&cell)) return std::isfinite(*real) ? json(*real) : json(nullptr);
  return nullptr;
}

json vectorLayerJson(const RenderLayer& layer, const WebLayerContext& context) {
  const std::string& language = context.language;
  json out;
  out["id"] = layer.id;
  out["title"] = layer.title.in(language);
  out["kind"] = kindName(layer.features.empty() ? DrawKind::point : layer.features.front().kind);
  out["visible"] = context.visible;
  out["timed"] = layer.timed;
  out["symbol"] = symbolJson(layer.style.symbol);
  json symbols = json::array();
  for (const Symbol& symbol : layer.symbols) symbols.push_back(symbolJson(symbol));
  out["symbols"] = std::move(symbols);
  out["legend"] = legendJson(layer.legend);
  if (layer.style.labels) {
    const LabelStyle& labels = *layer.style.labels;
    out["labels"] = {{"size", labels.size},
                     {"colour", cssColour(labels.colour)},
                     {"halo", labels.halo ? json(cssColour(*labels.halo)) : json(nullptr)},
                     {"maxScale", labels.maxScale ? json(*labels.maxScale) : json(nullptr)}};
  }

  // Geometry: parts per feature and vertices per part, unless every feature is one point.
  const bool singlePoints = std::all_of(layer.features.begin(), layer.features.end(), [&](const DrawFeature& f) {
    return f.partCount == 1 && layer.partStarts[f.firstPart + 1] - layer.partStarts[f.firstPart] == 1;
  });
  json parts = json::array(), rings = json::array(), xy = json::array();
  DeltaWriter coordinates(xy);
  for (const DrawFeature& feature : layer.features) {
    if (!singlePoints) parts.push_back(feature.partCount);
    for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part) {
      const uint32_t begin = layer.partStarts[part], end = layer.partStarts[part + 1];
      if (!singlePoints) rings.push_back(end - begin);
      for (uint32_t i = begin; i < end; ++i) coordinates.add(layer.x[i], layer.y[i]);
    }
  }
  out["n"] = layer.features.size();
  if (!singlePoints) out["parts"] = std::move(parts), out["rings"] = std::move(rings);
  out["xy"] = std::move(xy);
  if (std::any_of(layer.features.begin(), layer.features.end(),
                  [](const DrawFeature& f) { return f.symbolClass >= 0; }))
    out["cls"] = symbolClassesJson(layer);
  if (layer.timed && context.months) {
    const std::vector<int32_t>& months = *context.months;
    json monthIndexes = json::array();
    for (const DrawFeature& feature : layer.features) {
      const auto found = std::lower_bound(months.begin(), months.end(), feature.month);
      monthIndexes.push_back(found != months.end() && *found == feature.month ? found - months.begin() : -1);
    }
    out["month"] = std::move(monthIndexes);
  }
  if (layer.style.labels) {
    json labels = json::array(), anchors = json::array();
    DeltaWriter anchorWriter(anchors);
    for (const DrawFeature& feature : layer.features) {
      labels.push_back(feature.label);
      anchorWriter.add(feature.labelX, feature.labelY);
    }
    out["label"] = std::move(labels);
    out["lxy"] = std::move(anchors);
  }

  if (context.attributes) {
    const AttributeRows& attributes = *context.attributes;
    std::map<std::string, std::string> meaningOf;  // field → catalog key
    if (context.spec)
      for (const auto& [key, field] : context.spec->declaredFields()) meaningOf.emplace(field, key);
    json fields = json::array();
    for (size_t c = 0; c < attributes.columns.size(); ++c) {
      const std::string& name = attributes.columns[c].name;
      json field{{"name", name}};
      const auto meaning = meaningOf.find(name);
      const auto titles = meaning == meaningOf.end() ? fieldMeanings().end() : fieldMeanings().find(meaning->second);
      field["title"] = titles == fieldMeanings().end() ? name : titles->second.in(language);
      if (meaning != meaningOf.end()) field["key"] = meaning->second;
      fields.push_back(std::move(field));
    }
    out["fields"] = std::move(fields);
    std::unordered_map<int64_t, size_t> rowOfFid;
    for (size_t r = 0; r < attributes.fids.size(); ++r) rowOfFid.emplace(attributes.fids[r], r);
    json rows = json::array();
    for (const DrawFeature& feature : layer.features) {
      const auto row = rowOfFid.find(feature.fid);
      json cells = json::array();
      if (row != rowOfFid.end())
        for (const CellValue& cell : attributes.rows[row->second]) cells.push_back(cellJson(cell));
      rows.push_back(std::move(cells));
    }
    out["rows"] = std::move(rows);
  }
  if (!context.nationalClassByCategory.empty() && context.spec)
    out["national"] = {{"title", language == "zh" ? "国家标准大类" : "National class"},
                       {"field", context.spec->categoryField},
                       {"classes", context.nationalClassByCategory}};
  return out;
}

json rasterLayerJson(const RenderLayer& layer, const std::string& language, double opacity, bool visible) {
  const RasterGrid& grid = *layer.raster;
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  rasterImage(layer).save(&buffer, "PNG");
  json out;
  out["id"] = layer.id;
  out["title"] = layer.title.in(language);
  out["kind"] = "image";
  out["visible"] = visible;
  out["opacity"] = opacity;
  out["image"] = "data:image/png;base64," + png.toBase64().toStdString();
  const double west = grid.originX, north = grid.originY;
  const double east = west + grid.width * grid.cellWidth, south = north - grid.height * grid.cellHeight;
  out["bounds"] = {{mercatorLat(south), mercatorLon(west)}, {mercatorLat(north), mercatorLon(east)}};
  out["legend"] = legendJson(layer.legend);
  for (json& entry : out["legend"]) entry["label"] = out["title"];  // the ramp is named by the layer
  return out;
}

}  // namespace urbangis
