#include "io/sources/layer_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <utility>

#include "core/error.h"
#include "core/geos_context.h"
#include "io/postgis/pg_source.h"
#include "io/sources/csv_coordinates.h"
#include "io/sources/text_encoding.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

// "feature 3 (case_no = A2)": the feature's place in the layer (1-based, in reading order) and
// the value of its id field (the catalog's id_field, else the layer's first field).
std::string featureName(int64_t ordinal, OGRFeature& feature, int idIndex) {
  std::string name = "feature " + std::to_string(ordinal);
  if (idIndex < 0 && feature.GetFieldCount() > 0) idIndex = 0;
  if (idIndex >= 0 && feature.IsFieldSetAndNotNull(idIndex))
    name += std::string(" (") + feature.GetFieldDefnRef(idIndex)->GetNameRef() + " = " +
            feature.GetFieldAsString(idIndex) + ")";
  return name;
}

std::string number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

// Every vertex of a geometry: coordinates that are no numbers (NaN, infinite) or beyond any
// place on Earth, and polygon rings that do not close.
class VertexCheck : public OGRDefaultConstGeometryVisitor {
 public:
  explicit VertexCheck(bool geographic) : geographic_(geographic) {}
  using OGRDefaultConstGeometryVisitor::visit;
  void visit(const OGRPoint* point) override {
    if (!problem.empty() || point->IsEmpty()) return;
    const double x = point->getX(), y = point->getY();
    if (!std::isfinite(x) || !std::isfinite(y))
      problem = "coordinate " + number(x) + ", " + number(y) + " is not a number";
    else if (geographic_ && (std::abs(x) > 180 || std::abs(y) > 90) && outOfRange.empty())
      outOfRange =
          "coordinate " + number(x) + ", " + number(y) + " is beyond the range of longitude (±180) and latitude (±90)";
    else if (!geographic_ && (std::abs(x) > 1e9 || std::abs(y) > 1e9))
      problem = "coordinate " + number(x) + ", " + number(y) + " is beyond a billion metres";
  }
  void visit(const OGRLinearRing* ring) override {
    if (unclosed.empty() && ring->getNumPoints() > 0 && !ring->get_IsClosed())
      unclosed = "a polygon ring is not closed (it starts at " + number(ring->getX(0)) + ", " + number(ring->getY(0)) +
                 " and ends at " + number(ring->getX(ring->getNumPoints() - 1)) + ", " +
                 number(ring->getY(ring->getNumPoints() - 1)) + ")";
    OGRDefaultConstGeometryVisitor::visit(ring);
  }
  std::string problem, unclosed, outOfRange;

 private:
  bool geographic_;
};

// Up to three examples and how many there are: "2 features (feature 2 (id = a): …; …)".
struct Findings {
  int64_t count = 0;
  std::vector<std::string> examples;
  void add(std::string example) {
    if (count++ < 3) examples.push_back(std::move(example));
  }
  std::string list() const {
    std::string text;
    for (const auto& example : examples) text += (text.empty() ? "" : "; ") + example;
    return text + (count > static_cast<int64_t>(examples.size()) ? "; …" : "");
  }
};

// What the whole-layer checks need: where the layer is (for messages), its role in the
// catalog, its id field and its CRS.
struct ScanContext {
  std::string where;
  // A CSV point layer: its rows with unusable coordinates are named in a warning
  // (io/sources/csv_coordinates.h) and left out, not refused.
  bool csvPoints = false;
  std::optional<LayerRole> role;
  int idIndex = -1;
  const ProjContext* proj = nullptr;
  const Crs* crs = nullptr;
};

// Points (or feature centres) outside the area where the layer's CRS is used: a wrong CRS, or
// longitude and latitude swapped when they fit with x and y exchanged.
void checkAreaOfUse(const ScanContext& context, std::vector<double> x, std::vector<double> y,
                    const std::function<std::string(size_t)>& nameOf, LayerSummary& summary) {
  if (!context.crs || x.empty()) return;
  double west = 0, south = 0, east = 0, north = 0;
  const char* areaName = nullptr;
  if (!proj_get_area_of_use(context.proj->get(), context.crs->get(), &west, &south, &east, &north, &areaName) ||
      west < -1000)
    return;
  const auto inside = [&](double lon, double lat) {
    const bool lonInside = west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
    return std::isfinite(lon) && std::isfinite(lat) && lonInside && lat >= south && lat <= north;
  };
  std::vector<double> swappedX = y, swappedY = x;
  try {
    // Geographic CRSs (and GCJ-02 / BD-09) hold lon/lat already; the area of use is in lon/lat.
    if (context.crs->spec().offset == ChineseOffset::none && !context.crs->isGeographic()) {
      const Crs wgs84(*context.proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
      const Transform toLonLat(*context.proj, *context.crs, wgs84);
      toLonLat.applyLenient(x.data(), y.data(), x.size());
    }
  } catch (const InputError&) {
    return;
  }
  Findings outside;
  int64_t swapped = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (inside(x[i], y[i])) continue;
    if (outside.count < 3) outside.examples.push_back(nameOf(i) + " at " + number(x[i]) + ", " + number(y[i]));
    ++outside.count;
    if ((context.crs->isGeographic() || context.crs->spec().offset != ChineseOffset::none) &&
        inside(swappedX[i], swappedY[i]))
      ++swapped;
  }
  if (outside.count == 0) return;
  char area[200];
  std::snprintf(area, sizeof area, "%s (lon %.2f to %.2f, lat %.2f to %.2f)", areaName ? areaName : "?", west, east,
                south, north);
  if (swapped * 2 >= static_cast<int64_t>(x.size()))
    throw InputError(context.where + ": longitude and latitude look swapped: " + std::to_string(swapped) + " of " +
                     std::to_string(x.size()) + " features lie outside the area of use of " + context.crs->describe() +
                     ", " + area + ", and inside it with x and y exchanged (" + outside.list() +
                     "); exchange the columns (in a catalog: the \"x\" and \"y\" keys)");
  summary.notes.push_back(context.where + ": " + std::to_string(outside.count) + " of " + std::to_string(x.size()) +
                          " features lie outside the area of use of " + context.crs->describe() + ", " + area + " (" +
                          outside.list() + "); check their coordinates and the layer's CRS");
}

// Reads every feature once: checks what no repair can fix (coordinates that are no numbers,
// unclosed rings, geometries the role cannot use) and throws InputError naming the features;
// counts invalid (repairable) and empty geometries; warns of points outside the CRS's area of
// use and of a geocoder's default point (hundreds of points on one coordinate).
void scanGeometries(OGRLayer& layer, const ScanContext& context, LayerSummary& summary) {
  GeosContext geos;
  std::vector<unsigned char> wkb;
  Findings badCoordinates, unclosed, wrongType, outOfRange;
  OGREnvelope usedExtent;  // of what a CSV point layer keeps
  int64_t csvLeftOut = 0;  // its rows beyond the range (the spatial filter lets latitudes to ±180 pass)
  std::vector<double> centreX, centreY;
  std::vector<int64_t> ordinals;  // of the features behind centreX/Y, for naming a few
  std::vector<GIntBig> fids;
  std::vector<std::pair<double, double>> points;
  const bool geographic = context.crs && context.crs->isGeographic();
  int64_t ordinal = 0;
  layer.ResetReading();
  for (auto& feature : layer) {
    ++ordinal;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) {
      ++summary.emptyCount;
      continue;
    }
    const auto name = [&] { return featureName(ordinal, *feature, context.idIndex); };
    if (context.role && !holdsKindGeometry(*context.role, geometry->getGeometryType())) {
      wrongType.add(name() + " is a " + geometryTypeName(geometry->getGeometryType()));
      continue;
    }
    VertexCheck vertices(geographic);
    geometry->accept(&vertices);
    // A CSV point layer's unusable rows are named by its warning and left out; those beyond
    // the range still go into the area-of-use check, which tells swapped columns.
    if (context.csvPoints && !vertices.problem.empty()) continue;
    const bool csvOutOfRange = context.csvPoints && !vertices.outOfRange.empty();
    if (!vertices.problem.empty()) {
      badCoordinates.add(name() + ": " + vertices.problem);
      continue;
    }
    if (!vertices.outOfRange.empty() && !csvOutOfRange) outOfRange.add(name() + ": " + vertices.outOfRange);
    if (!vertices.unclosed.empty()) {
      unclosed.add(name() + ": " + vertices.unclosed);
      continue;
    }
    OGREnvelope envelope;
    geometry->getEnvelope(&envelope);
    centreX.push_back((envelope.MinX + envelope.MaxX) / 2);
    centreY.push_back((envelope.MinY + envelope.MaxY) / 2);
    ordinals.push_back(ordinal);
    fids.push_back(feature->GetFID());
    if (csvOutOfRange) {
      ++csvLeftOut;
      continue;
    }
    usedExtent.Merge(envelope);
    if (wkbFlatten(geometry->getGeometryType()) == wkbPoint)
      points.emplace_back(geometry->toPoint()->getX(), geometry->toPoint()->getY());
    wkb.resize(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    GeomPtr converted = geos.fromWkb(wkb.data(), wkb.size());
    if (converted && GEOSisValid_r(geos.handle(), converted.get()) == 1) continue;
    ++summary.invalidCount;
    if (summary.invalidExamples.size() < 5) {
      std::string reason = "GEOS cannot read it";
      if (converted) {
        char* text = GEOSisValidReason_r(geos.handle(), converted.get());
        if (text) reason = text;
        GEOSFree_r(geos.handle(), text);
      }
      summary.invalidExamples.push_back(name() + ": " + reason);
    }
  }
  const auto of = [&](const Findings& findings) {
    return std::to_string(findings.count) + " of " + std::to_string(ordinal) + " features";
  };
  if (wrongType.count > 0)
    throw InputError(context.where + ": role " + std::string(roleName(*context.role)) + " needs " +
                     std::string(layerKind(*context.role).geometryNoun) + ", but " + of(wrongType) + " are not (" +
                     wrongType.list() +
                     "); keep one kind of geometry per layer (split the file, e.g. with ogr2ogr -where "
                     "\"OGR_GEOMETRY='POINT'\")");
  if (unclosed.count > 0)
    throw InputError(context.where + ": " + of(unclosed) + " have a polygon ring that is not closed (" +
                     unclosed.list() + "); a ring must end on the point it starts at: add that point");
  const auto nameOf = [&](size_t i) {
    OGRFeatureUniquePtr feature(layer.GetFeature(fids[i]));
    return feature ? featureName(ordinals[i], *feature, context.idIndex) : "feature " + std::to_string(ordinals[i]);
  };
  if (context.csvPoints) {
    summary.featureCount -= csvLeftOut;
    summary.extent =
        usedExtent.IsInit()
            ? std::optional(std::array<double, 4>{usedExtent.MinX, usedExtent.MinY, usedExtent.MaxX, usedExtent.MaxY})
            : std::nullopt;
  }
  checkAreaOfUse(context, std::move(centreX), std::move(centreY), nameOf, summary);  // swapped first
  for (auto& example : outOfRange.examples)
    if (badCoordinates.examples.size() < 3) badCoordinates.examples.push_back(std::move(example));
  badCoordinates.count += outOfRange.count;
  if (badCoordinates.count > 0)
    throw InputError(context.where + ": " + of(badCoordinates) + " have unusable coordinates (" +
                     badCoordinates.list() +
                     "); correct them (or the layer's CRS), or leave them empty for features without a place");

  // A geocoder that cannot place an address often returns one default point (the city
  // centre, the district office): hundreds of points on one coordinate.
  constexpr size_t kDefaultPointRun = 50;
  if (points.size() >= kDefaultPointRun) {
    std::sort(points.begin(), points.end());
    size_t best = 0, bestAt = 0;
    for (size_t i = 0, j; i < points.size(); i = j) {
      for (j = i + 1; j < points.size() && points[j] == points[i]; ++j) {
      }
      if (j - i > best) best = j - i, bestAt = i;
    }
    if (best >= kDefaultPointRun)
      summary.notes.push_back(context.where + ": " + std::to_string(best) + " of " + std::to_string(points.size()) +
                              " points share one coordinate, " + number(points[bestAt].first) + ", " +
                              number(points[bestAt].second) +
                              ": likely a geocoder's default point for addresses it could not place; geocode "
                              "those rows again or leave their coordinates empty (until then they all count "
                              "where that point lies)");
  }
}

std::optional<std::array<double, 4>> toLonLat(const ProjContext& proj, const Crs& crs,
                                              const std::array<double, 4>& extent) {
  if (crs.spec().offset != ChineseOffset::none) return extent;  // already (offset) lon/lat
  try {
    const Crs wgs84(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
    const Transform transform(proj, crs, wgs84);
    // Corners and edge midpoints bound the extent well enough for a report.
    double x[8] = {extent[0], extent[2], extent[0], extent[2], (extent[0] + extent[2]) / 2, (extent[0] + extent[2]) / 2,
                   extent[0], extent[2]};
    double y[8] = {extent[1],
                   extent[1],
                   extent[3],
                   extent[3],
                   extent[1],
                   extent[3],
                   (extent[1] + extent[3]) / 2,
                   (extent[1] + extent[3]) / 2};
    transform.apply(x, y, 8);
    return std::array<double, 4>{*std::min_element(x, x + 8), *std::min_element(y, y + 8), *std::max_element(x, x + 8),
                                 *std::max_element(y, y + 8)};
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void summariseVector(OGRLayer& layer, const CrsSpec* crsSpec, ScanContext context, LayerSummary& summary) {
  summary.kind = geometryTypeName(layer.GetGeomType());
  summary.featureCount = layer.GetFeatureCount(TRUE);
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn& field = *definition.GetFieldDefn(i);
    summary.fields.push_back({field.GetNameRef(), OGRFieldDefn::GetFieldTypeName(field.GetType())});
  }
  OGREnvelope envelope;
  if (summary.featureCount > 0 && layer.GetExtent(&envelope, TRUE) == OGRERR_NONE)
    summary.extent = std::array<double, 4>{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
  ProjContext proj;
  std::optional<Crs> crs;
  if (crsSpec) {
    crs.emplace(proj, *crsSpec);
    summary.crs = crs->describe();
  } else {
    summary.crs = "(none)";
  }
  context.proj = &proj;
  context.crs = crs ? &*crs : nullptr;
  scanGeometries(layer, context, summary);
  // The extent after the scan: it has refused coordinates that are no numbers.
  if (crs && summary.extent) summary.lonLatExtent = toLonLat(proj, *crs, *summary.extent);
}

void summariseRaster(GDALDataset& dataset, LayerSummary& summary) {
  summary.kind = "Raster";
  summary.rasterWidth = dataset.GetRasterXSize();
  summary.rasterHeight = dataset.GetRasterYSize();
  summary.rasterBands = dataset.GetRasterCount();
  double transform[6];
  if (dataset.GetGeoTransform(transform) == CE_None) {
    const double x0 = transform[0], y0 = transform[3];
    const double x1 = x0 + transform[1] * summary.rasterWidth;
    const double y1 = y0 + transform[5] * summary.rasterHeight;
    summary.extent = std::array<double, 4>{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
  }
  const OGRSpatialReference* srs = dataset.GetSpatialRef();
  summary.crs = "(none)";
  if (srs) {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt) {
      ProjContext proj;
      const Crs crs(proj, CrsSpec{wkt, ChineseOffset::none, summary.source});
      summary.crs = crs.describe();
      if (summary.extent) summary.lonLatExtent = toLonLat(proj, crs, *summary.extent);
    }
    CPLFree(wkt);
  }
}

LayerSummary summariseCatalogLayer(const LayerSpec& spec) {
  LayerSummary summary;
  summary.id = spec.id;
  summary.role = std::string(roleName(spec.role));
  summary.title = spec.title;
  summary.source = spec.source;
  try {
    if (!spec.resolvedStyle.empty() && !std::filesystem::exists(spec.resolvedStyle))
      throw InputError(spec.where() + ": style file not found: " + spec.resolvedStyle);
    if (!spec.isVector()) {
      GDALDatasetUniquePtr dataset = openDataset(spec.resolvedSource, GDAL_OF_RASTER);
      summary.driver = dataset->GetDriver()->GetDescription();
      summariseRaster(*dataset, summary);
      if (spec.crs) summary.crs = spec.crs->label;
      if (summary.crs == "(none)") throw InputError(spec.where() + ": the raster has no CRS; declare one with \"crs\"");
      return summary;
    }
    VectorSource source = openCatalogLayer(spec);
    summary.notes = source.notes;
    summary.driver = source.dataset->GetDriver()->GetDescription();
    summary.source = spec.source + (spec.layerName.empty() ? "" : " (layer " + spec.layerName + ")");
    const CrsSpec crs = layerCrsSpec(spec, *source.layer);
    ScanContext context;
    context.where = spec.where();
    if (!spec.x.empty()) {
      ProjContext proj;
      const bool geographic = crs.offset != ChineseOffset::none || Crs(proj, crs).isGeographic();
      const CsvCoordinateRows unusable =
          findUnusableCsvCoordinates(spec, source.utf8Copy ? source.utf8Copy->path() : spec.resolvedSource, geographic);
      if (unusable.count() > 0) summary.notes.push_back(unusable.warning(spec));
      context.csvPoints = true;
    }
    context.role = spec.role;
    context.idIndex = spec.idField.empty() ? -1 : source.layer->GetLayerDefn()->GetFieldIndex(spec.idField.c_str());
    summariseVector(*source.layer, &crs, context, summary);
  } catch (const InputError& error) {
    LayerSummary failed;
    failed.id = summary.id;
    failed.role = summary.role;
    failed.title = summary.title;
    failed.source = spec.source;
    failed.error = error.what();
    return failed;
  }
  return summary;
}

}  // namespace

CatalogSummary summariseCatalog(const Catalog& catalog) {
  CatalogSummary result;
  for (const auto& spec : catalog.layers) result.layers.push_back(summariseCatalogLayer(spec));

  ProjContext proj;
  if (catalog.crs) {
    result.workingCrs = Crs(proj, *catalog.crs).describe();
    return result;
  }
  // No working CRS declared: the UTM zone of the data's centre.
  double minLon = std::numeric_limits<double>::max(), maxLon = -minLon;
  double minLat = minLon, maxLat = -minLon;
  for (const auto& layer : result.layers) {
    if (!layer.lonLatExtent) continue;
    minLon = std::min(minLon, (*layer.lonLatExtent)[0]);
    minLat = std::min(minLat, (*layer.lonLatExtent)[1]);
    maxLon = std::max(maxLon, (*layer.lonLatExtent)[2]);
    maxLat = std::max(maxLat, (*layer.lonLatExtent)[3]);
  }
  if (minLon <= maxLon) {
    const std::string utm = utmZoneFor((minLon + maxLon) / 2, (minLat + maxLat) / 2);
    result.workingCrs = Crs(proj, CrsSpec{utm, ChineseOffset::none, utm}).describe();
    result.workingCrsChosen = true;
  }
  return result;
}

std::vector<LayerSummary> summariseSource(const std::string& path) {
  // A database is read as vector tables (probing it for PostGIS rasters fails without them).
  GDALDatasetUniquePtr probe = openDataset(path, isPgSource(path) ? GDAL_OF_VECTOR : GDAL_OF_VECTOR | GDAL_OF_RASTER);
  std::vector<LayerSummary> summaries;
  // Vector sources are reopened choosing their text encoding (shapefiles, GBK CSVs).
  VectorSource vector;
  if (probe->GetRasterCount() == 0) vector = openVectorSource(path, "");
  GDALDataset* opened = probe->GetRasterCount() == 0 ? vector.dataset.get() : probe.get();
  GDALDataset* dataset = opened;
  const std::string driver = dataset->GetDriver()->GetDescription();
  if (dataset->GetRasterCount() > 0) {
    LayerSummary summary;
    summary.id = std::filesystem::path(path).stem().string();
    summary.source = path;
    summary.driver = driver;
    summariseRaster(*dataset, summary);
    summaries.push_back(std::move(summary));
  }
  for (OGRLayer* layer : dataset->GetLayers()) {
    LayerSummary summary;
    summary.id = layer->GetName();
    summary.source = redactSecrets(path) + " (layer " + layer->GetName() + ")";
    summary.driver = driver;
    summary.notes = vector.notes;
    const std::string definition = sourceCrsDefinition(*layer);
    const CrsSpec crs{definition, ChineseOffset::none, path};
    ScanContext context;
    context.where = summary.source;
    summariseVector(*layer, definition.empty() ? nullptr : &crs, context, summary);
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace urbangis
