#include "render/render_layer.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/imagery/imagery_source.h"
#include "io/imagery/imagery_view.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"
#include "render/default_style.h"
#include "style/color_brewer.h"

namespace urbangis {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Box {
  double minX, minY, maxX, maxY;
};

// The box holding `box` carried through `transform` (null: as it is). Edges are sampled: a
// straight edge in one CRS is curved in another.
Box boxThrough(const Transform* transform, const Box& box) {
  if (!transform) return box;
  constexpr int kSteps = 16;
  std::vector<double> xs, ys;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    const double x = box.minX + t * (box.maxX - box.minX), y = box.minY + t * (box.maxY - box.minY);
    xs.insert(xs.end(), {x, x, box.minX, box.maxX});
    ys.insert(ys.end(), {box.minY, box.maxY, y, y});
  }
  transform->applyLenient(xs.data(), ys.data(), xs.size());
  Box out{kInf, kInf, -kInf, -kInf};
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
    out.minX = std::min(out.minX, xs[i]), out.maxX = std::max(out.maxX, xs[i]);
    out.minY = std::min(out.minY, ys[i]), out.maxY = std::max(out.maxY, ys[i]);
  }
  return out.minX <= out.maxX ? out : box;
}

// Until a style says otherwise: points blue, polygons light grey, lines dark grey.
Symbol defaultSymbol(GeometryFamily geometry) {
  Symbol symbol;
  symbol.stroke = {0x55, 0x55, 0x55, 255};
  if (geometry == GeometryFamily::point) symbol.fill = Rgba{0x33, 0x66, 0xCC, 255};
  if (geometry == GeometryFamily::polygon) symbol.fill = Rgba{0xDD, 0xDD, 0xDD, 160};
  return symbol;
}

DrawKind kindOf(GeometryFamily geometry) {
  if (geometry == GeometryFamily::point) return DrawKind::point;
  if (geometry == GeometryFamily::line) return DrawKind::line;
  return DrawKind::polygon;
}

class Collector {
 public:
  Collector(RenderLayer& layer, const Transform* toWorking) : layer_(layer), toWorking_(toWorking) {}

  // Appends the parts of `geometry`; returns how many.
  uint32_t add(const OGRGeometry& geometry) {
    const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
    if (type == wkbPoint) {
      const auto& p = *geometry.toPoint();
      return part({p.getX()}, {p.getY()});
    }
    if (type == wkbLineString || type == wkbLinearRing) {
      const auto& line = *geometry.toSimpleCurve();
      std::vector<double> xs(static_cast<size_t>(line.getNumPoints())), ys(xs.size());
      for (int i = 0; i < line.getNumPoints(); ++i)
        xs[static_cast<size_t>(i)] = line.getX(i), ys[static_cast<size_t>(i)] = line.getY(i);
      return part(std::move(xs), std::move(ys));
    }
    if (type == wkbPolygon) {
      uint32_t n = 0;
      for (const OGRLinearRing* ring : *geometry.toPolygon()) n += add(*ring);
      return n;
    }
    if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
      uint32_t n = 0;
      for (const OGRGeometry* member : *geometry.toGeometryCollection()) n += add(*member);
      return n;
    }
    std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
    return linear ? add(*linear) : 0;
  }

 private:
  uint32_t part(std::vector<double> xs, std::vector<double> ys) {
    if (xs.empty()) return 0;
    if (toWorking_) toWorking_->applyLenient(xs.data(), ys.data(), xs.size());
    if (layer_.partStarts.empty()) layer_.partStarts.push_back(0);
    layer_.x.insert(layer_.x.end(), xs.begin(), xs.end());
    layer_.y.insert(layer_.y.end(), ys.begin(), ys.end());
    layer_.partStarts.push_back(static_cast<uint32_t>(layer_.x.size()));
    return 1;
  }

  RenderLayer& layer_;
  const Transform* toWorking_;
};

// The month of a feature's time field under the layer's rules (io/sources/layer_times.h); kNoMonth when
// empty or not a usable date.
int32_t monthOf(OGRFeature& feature, int field, const TimeRules& rules) {
  const ReadTime read = featureTime(feature, field, rules);
  return read.seconds ? monthKeyOf(*read.seconds) : kNoMonth;
}

std::string formatNumber(double value) {
  char text[32];
  const double magnitude = std::abs(value);
  std::snprintf(text, sizeof text,
                magnitude >= 100 || value == std::round(value) ? "%.0f"
                : magnitude >= 1                               ? "%.1f"
                                                               : "%.3g",
                value);
  return text;
}

// Class symbols and legend of a graduated style from the features' values.
void classify(RenderLayer& layer, const std::vector<double>& values, const GraduatedClasses& classes, DrawKind kind,
              const std::string& title) {
  const std::vector<double> bounds = classBreaks(values, classes.method, classes.count);
  const int count = bounds.size() < 2 ? 0 : static_cast<int>(bounds.size() - 1);
  const auto palette = colorBrewer(classes.palette, std::max(3, count)).value_or(std::vector<Rgba>{});
  layer.symbols.clear();
  layer.legend.clear();
  for (int c = 0; c < count; ++c) {
    Symbol symbol = layer.style.symbol;
    const Rgba colour = palette.empty() ? Rgba{0x99, 0x99, 0x99, 255} : palette[static_cast<size_t>(c)];
    if (kind == DrawKind::line)
      symbol.stroke = colour;
    else
      symbol.fill = colour;
    layer.symbols.push_back(symbol);
    layer.legend.push_back(
        {formatNumber(bounds[static_cast<size_t>(c)]) + " – " + formatNumber(bounds[static_cast<size_t>(c) + 1]),
         symbol,
         kind,
         {}});
  }
  if (!title.empty()) {  // the mapped statistic names the legend block
    layer.title.zh += " · " + title;
    layer.title.en += " · " + title;
  }
  for (size_t i = 0; i < layer.features.size(); ++i) layer.features[i].symbolClass = classOf(bounds, values[i]);
}

// Imagery (RGB, RGBA, a palette, tiles) is not read now but for each view; its extent is kept
// (inverted when it has none in the working CRS, as tiles of the whole world). False for a grid
// of values, which loadRaster reads.
bool loadImagery(RenderLayer& layer, const LayerSpec& spec, const CrsSpec& working) {
  {
    GDALDatasetUniquePtr dataset = openImagery(spec.resolvedSource, {}, spec.maxZoom);
    if (!isImagery(*dataset)) return false;
  }
  layer.imagery = ImageryLayer{spec.resolvedSource, spec.crs, working, spec.maxZoom};
  try {
    const std::optional<ImageryExtent> extent = imageryExtent(spec.resolvedSource, spec.crs, working, spec.maxZoom);
    if (extent) {
      layer.minX = extent->minX, layer.minY = extent->minY, layer.maxX = extent->maxX, layer.maxY = extent->maxY;
    } else {
      layer.minX = layer.minY = 1, layer.maxX = layer.maxY = 0;
    }
  } catch (const InputError& error) {
    throw InputError(spec.where() + ": " + error.what());
  }
  return true;
}

void loadRaster(RenderLayer& layer, const LayerSpec& spec, const CrsSpec& working) {
  ensureGdalRegistered();
  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset = openDataset(spec.resolvedSource, GDAL_OF_RASTER);
  const int bandNumber = layer.style.renderer == StyleRenderer::raster ? layer.style.band : 1;
  if (bandNumber > dataset->GetRasterCount())
    throw InputError(spec.where() + ": the style draws band " + std::to_string(bandNumber) + " but the raster has " +
                     std::to_string(dataset->GetRasterCount()));
  OGRSpatialReference target;
  target.SetFromUserInput(working.definition.c_str());
  char* targetWkt = nullptr;
  target.exportToWkt(&targetWkt);
  const std::string targetText = targetWkt ? targetWkt : "";
  CPLFree(targetWkt);
  const char* sourceWkt = dataset->GetProjectionRef();
  GDALDataset* readFrom = dataset.get();
  GDALDatasetUniquePtr warped;
  if (sourceWkt && *sourceWkt) {
    OGRSpatialReference source;
    source.importFromWkt(sourceWkt);
    if (!source.IsSame(&target)) {
      warped.reset(GDALDataset::FromHandle(
          GDALAutoCreateWarpedVRT(dataset.get(), sourceWkt, targetText.c_str(), GRA_Bilinear, 0.125, nullptr)));
      if (!warped) throw InputError(spec.where() + ": cannot warp the raster to " + working.definition);
      readFrom = warped.get();
    }
  }
  double transform[6];
  if (readFrom->GetGeoTransform(transform) != CE_None || transform[2] != 0 || transform[4] != 0)
    throw InputError(spec.where() + ": the raster has no north-up georeferencing");
  RasterGrid grid;
  grid.width = readFrom->GetRasterXSize();
  grid.height = readFrom->GetRasterYSize();
  grid.originX = transform[0], grid.originY = transform[3];
  grid.cellWidth = transform[1], grid.cellHeight = -transform[5];
  grid.values.resize(static_cast<size_t>(grid.width) * static_cast<size_t>(grid.height));
  GDALRasterBand* band = readFrom->GetRasterBand(bandNumber);
  if (band->RasterIO(GF_Read, 0, 0, grid.width, grid.height, grid.values.data(), grid.width, grid.height, GDT_Float32,
                     0, 0) != CE_None)
    throw InputError(spec.where() + ": cannot read band " + std::to_string(bandNumber) + ": " + errors.lastError());
  int hasNoData = 0;
  const double noData = band->GetNoDataValue(&hasNoData);
  if (hasNoData)
    for (float& v : grid.values)
      if (v == static_cast<float>(noData)) v = std::numeric_limits<float>::quiet_NaN();
  layer.minX = grid.originX, layer.maxX = grid.originX + grid.width * grid.cellWidth;
  layer.maxY = grid.originY, layer.minY = grid.originY - grid.height * grid.cellHeight;
  layer.raster = std::move(grid);
  if (!layer.style.ramp.empty()) {
    LegendEntry entry;
    entry.label = layer.title.in("zh");
    entry.ramp = layer.style.ramp;
    layer.legend.push_back(entry);
  }
}

}  // namespace

RenderLayer loadRenderLayer(const LayerSpec& spec, const CrsSpec& working, const std::string& language,
                            const std::optional<Choropleth>& choropleth, const Progress& progress,
                            const std::optional<ReadWindow>& window) {
  RenderLayer layer;
  layer.id = spec.id;
  layer.title = spec.title;
  layer.role = spec.role;
  layer.style.symbol = defaultSymbol(geometryOf(spec.role));
  if (!spec.resolvedStyle.empty()) layer.style = loadStyle(spec.resolvedStyle);
  if (!spec.isVector()) {
    if (loadImagery(layer, spec, working)) return layer;
    loadRaster(layer, spec, working);
    if (!layer.legend.empty()) layer.legend.front().label = spec.title.in(language);
    return layer;
  }

  VectorSource source = openCatalogLayer(spec);
  OGRLayer& ogr = *source.layer;
  if (spec.resolvedStyle.empty()) applyDefaultStyle(layer.style, spec, ogr, choropleth.has_value());
  ProjContext proj;
  const Crs from(proj, layerCrsSpec(spec, ogr)), to(proj, working);
  std::optional<Transform> toWorking;
  if (!sameCrs(from, to)) toWorking.emplace(proj, from, to);
  std::optional<Box> wholeExtent;
  if (window) {
    // The whole layer's extent (PostGIS: estimated from the statistics), then only the window's
    // features: the box in the layer's CRS, through its sampled edges.
    OGREnvelope envelope;
    if (ogr.GetExtent(&envelope, FALSE) == OGRERR_NONE)
      wholeExtent =
          boxThrough(toWorking ? &*toWorking : nullptr, {envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY});
    std::optional<Transform> back;
    if (toWorking) back.emplace(proj, to, from);
    const Box box = boxThrough(back ? &*back : nullptr, {window->minX, window->minY, window->maxX, window->maxY});
    ogr.SetSpatialFilterRect(box.minX, box.minY, box.maxX, box.maxY);
    layer.window = window;
  }
  OGRFeatureDefn& definition = *ogr.GetLayerDefn();
  auto fieldIndex = [&](const std::string& name, const char* purpose) {
    if (name.empty()) return -1;
    const int index = definition.GetFieldIndex(name.c_str());
    if (index < 0)
      throw InputError(spec.where() + ": the style's " + purpose + " field \"" + name + "\" is not in the layer");
    return index;
  };
  const bool graduated = choropleth || layer.style.renderer == StyleRenderer::graduated;
  const int styleField = choropleth ? -1 : fieldIndex(layer.style.field, "classification");
  const int labelField = layer.style.labels ? fieldIndex(layer.style.labels->field, "label") : -1;
  const int idField = choropleth ? fieldIndex(spec.idField.empty() ? std::string() : spec.idField, "id") : -1;
  if (choropleth && idField < 0)
    throw InputError(spec.where() + ": a choropleth needs the layer's id_field to join the statistics");
  // Points keep their month so the viewer's month slider can filter them without reading again.
  const int timeField = geometryOf(spec.role) == GeometryFamily::point && !spec.timeField.empty()
                            ? definition.GetFieldIndex(spec.timeField.c_str())
                            : -1;
  layer.timed = timeField >= 0;
  const TimeRules timeRules = layer.timed ? timeRulesFor(spec, ogr) : declaredTimeRules(spec);

  std::map<std::string, int32_t> categoryIndex;
  for (size_t c = 0; c < layer.style.categories.size(); ++c)
    categoryIndex.emplace(layer.style.categories[c].value, static_cast<int32_t>(c));
  const DrawKind kind = kindOf(geometryOf(spec.role));
  Collector collector(layer, toWorking ? &*toWorking : nullptr);
  std::vector<double> values;
  size_t unmatched = 0, empty = 0;
  layer.minX = layer.minY = kInf, layer.maxX = layer.maxY = -kInf;
  int64_t read = 0, seen = 0;
  ogr.ResetReading();
  CPLErrorReset();
  for (auto& feature : ogr) {
    if (window && layer.features.size() >= window->maxFeatures) {
      layer.truncated = true;
      break;
    }
    ++seen;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) {
      ++empty;
      continue;
    }
    DrawFeature draw;
    draw.kind = kind;
    draw.fid = feature->GetFID();
    if (timeField >= 0) draw.month = monthOf(*feature, timeField, timeRules);
    draw.firstPart = static_cast<uint32_t>(layer.partStarts.empty() ? 0 : layer.partStarts.size() - 1);
    draw.partCount = collector.add(*geometry);
    if (draw.partCount == 0) {
      ++empty;
      continue;
    }
    draw.minX = draw.minY = kInf, draw.maxX = draw.maxY = -kInf;
    for (uint32_t i = layer.partStarts[draw.firstPart]; i < layer.partStarts[draw.firstPart + draw.partCount]; ++i) {
      if (!std::isfinite(layer.x[i]) || !std::isfinite(layer.y[i])) continue;
      draw.minX = std::min(draw.minX, layer.x[i]), draw.maxX = std::max(draw.maxX, layer.x[i]);
      draw.minY = std::min(draw.minY, layer.y[i]), draw.maxY = std::max(draw.maxY, layer.y[i]);
    }
    if (!(draw.minX <= draw.maxX)) {
      ++empty;
      continue;
    }
    layer.minX = std::min(layer.minX, draw.minX), layer.maxX = std::max(layer.maxX, draw.maxX);
    layer.minY = std::min(layer.minY, draw.minY), layer.maxY = std::max(layer.maxY, draw.maxY);
    if (labelField >= 0 && feature->IsFieldSetAndNotNull(labelField)) {
      draw.label = feature->GetFieldAsString(labelField);
      // Polygons are labelled inside, lines at their middle vertex, points at the point.
      double lx = 0, ly = 0;
      if (kind == DrawKind::polygon) {
        OGRGeometryUniquePtr inside(
            OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)))));
        if (inside && wkbFlatten(inside->getGeometryType()) == wkbPoint)
          lx = inside->toPoint()->getX(), ly = inside->toPoint()->getY();
        if (toWorking) toWorking->applyLenient(&lx, &ly, 1);
      } else {
        const uint32_t first = layer.partStarts[draw.firstPart], last = layer.partStarts[draw.firstPart + 1];
        const uint32_t middle = first + (last - first) / 2;
        lx = layer.x[middle], ly = layer.y[middle];
      }
      draw.labelX = lx, draw.labelY = ly;
    }
    if (choropleth) {
      auto found = choropleth->valueById.find(feature->GetFieldAsString(idField));
      values.push_back(found == choropleth->valueById.end() ? std::numeric_limits<double>::quiet_NaN() : found->second);
    } else if (graduated) {
      values.push_back(feature->IsFieldSetAndNotNull(styleField) ? feature->GetFieldAsDouble(styleField)
                                                                 : std::numeric_limits<double>::quiet_NaN());
    } else if (layer.style.renderer == StyleRenderer::categorized) {
      auto found =
          categoryIndex.find(feature->IsFieldSetAndNotNull(styleField) ? feature->GetFieldAsString(styleField) : "");
      draw.symbolClass = found == categoryIndex.end() ? -1 : found->second;
      unmatched += found == categoryIndex.end() ? 1 : 0;
    }
    layer.features.push_back(std::move(draw));
    if (++read % 65536 == 0) progress.checkCancelled();
  }
  // OGR ends a read at the first error as if the layer had ended: a file damaged halfway would
  // draw half its features and look fine. Fail the layer instead (the viewer marks it).
  const GIntBig expected = window ? -1 : ogr.GetFeatureCount(FALSE);  // a window's count would be another query
  if ((expected >= 0 && seen < expected) || CPLGetLastErrorType() >= CE_Failure)
    throw InputError(spec.where() + ": reading stopped after " + std::to_string(seen) + " of " +
                     (expected >= 0 ? std::to_string(expected) : std::string("its")) + " features (" +
                     (CPLGetLastErrorMsg()[0] ? CPLGetLastErrorMsg() : "no reason given") +
                     "); the file is damaged or truncated: restore it from a copy");
  if (layer.features.empty()) layer.minX = layer.minY = layer.maxX = layer.maxY = 0;
  if (wholeExtent)
    layer.minX = wholeExtent->minX, layer.minY = wholeExtent->minY, layer.maxX = wholeExtent->maxX,
    layer.maxY = wholeExtent->maxY;

  if (choropleth) {
    applyChoropleth(layer, values, *choropleth);
  } else if (graduated && layer.style.classes) {
    classify(layer, values, *layer.style.classes, kind, "");
  } else if (layer.style.renderer == StyleRenderer::categorized) {
    for (const StyleCategory& category : layer.style.categories) {
      layer.symbols.push_back(category.symbol);
      layer.legend.push_back({category.label.in(language), category.symbol, kind, {}});
    }
    if (unmatched) layer.legend.push_back({language == "zh" ? "其他" : "other", layer.style.symbol, kind, {}});
  } else {
    layer.legend.push_back({spec.title.in(language), layer.style.symbol, kind, {}});
  }
  if (empty)
    layer.messages.push_back(spec.where() + ": " + std::to_string(empty) + " features without a drawable geometry");
  return layer;
}

void applyChoropleth(RenderLayer& layer, const std::vector<double>& values, const Choropleth& choropleth) {
  layer.style.renderer = StyleRenderer::graduated;
  if (!layer.style.symbol.fill) layer.style.symbol.fill = Rgba{0xFF, 0xFF, 0xFF, 255};
  const DrawKind kind = layer.features.empty() ? DrawKind::polygon : layer.features.front().kind;
  classify(layer, values, choropleth.classes, kind, choropleth.column);
}

}  // namespace urbangis
