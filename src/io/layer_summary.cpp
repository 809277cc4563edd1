#include "io/layer_summary.h"

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/geos_context.h"
#include "io/vector_source.h"

namespace urbangis {
namespace {

// Checks every geometry with GEOS: counts invalid and empty ones.
void countGeometryProblems(OGRLayer& layer, LayerSummary& summary) {
  GeosContext geos;
  std::vector<unsigned char> wkb;
  layer.ResetReading();
  for (auto& feature : layer) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) {
      ++summary.emptyCount;
      continue;
    }
    wkb.resize(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    GeomPtr converted = geos.fromWkb(wkb.data(), wkb.size());
    if (!converted || GEOSisValid_r(geos.handle(), converted.get()) != 1) ++summary.invalidCount;
  }
}

std::optional<std::array<double, 4>> toLonLat(const ProjContext& proj, const Crs& crs,
                                              const std::array<double, 4>& extent) {
  if (crs.spec().offset != ChineseOffset::none) return extent;  // already (offset) lon/lat
  try {
    const Crs wgs84(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
    const Transform transform(proj, crs, wgs84);
    // Corners and edge midpoints bound the extent well enough for a report.
    double x[8] = {extent[0], extent[2], extent[0], extent[2],
                   (extent[0] + extent[2]) / 2, (extent[0] + extent[2]) / 2, extent[0], extent[2]};
    double y[8] = {extent[1], extent[1], extent[3], extent[3],
                   extent[1], extent[3], (extent[1] + extent[3]) / 2, (extent[1] + extent[3]) / 2};
    transform.apply(x, y, 8);
    return std::array<double, 4>{*std::min_element(x, x + 8), *std::min_element(y, y + 8),
                                 *std::max_element(x, x + 8), *std::max_element(y, y + 8)};
  } catch (const InputError&) {
    return std::nullopt;
  }
}

void summariseVector(OGRLayer& layer, const CrsSpec* crsSpec, LayerSummary& summary) {
  summary.kind = geometryTypeName(layer.GetGeomType());
  summary.featureCount = layer.GetFeatureCount(TRUE);
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn& field = *definition.GetFieldDefn(i);
    summary.fields.push_back({field.GetNameRef(), OGRFieldDefn::GetFieldTypeName(field.GetType())});
  }
  OGREnvelope envelope;
  if (summary.featureCount > 0 && layer.GetExtent(&envelope, TRUE) == OGRERR_NONE)
    summary.extent = std::array<double, 4>{envelope.MinX, envelope.MinY, envelope.MaxX,
                                           envelope.MaxY};
  if (crsSpec) {
    ProjContext proj;
    const Crs crs(proj, *crsSpec);
    summary.crs = crs.describe();
    if (summary.extent) summary.lonLatExtent = toLonLat(proj, crs, *summary.extent);
  } else {
    summary.crs = "(none)";
  }
  countGeometryProblems(layer, summary);
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
    summary.extent = std::array<double, 4>{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1),
                                           std::max(y0, y1)};
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
    if (spec.role == LayerRole::raster) {
      GDALDatasetUniquePtr dataset = openDataset(spec.resolvedSource, GDAL_OF_RASTER);
      summary.driver = dataset->GetDriver()->GetDescription();
      summariseRaster(*dataset, summary);
      if (spec.crs) summary.crs = spec.crs->label;
      if (summary.crs == "(none)")
        throw InputError(spec.where() + ": the raster has no CRS; declare one with \"crs\"");
      return summary;
    }
    VectorSource source = openCatalogLayer(spec);
    summary.notes = source.notes;
    summary.driver = source.dataset->GetDriver()->GetDescription();
    summary.source = spec.source + (spec.layerName.empty() ? "" : " (layer " + spec.layerName + ")");
    const CrsSpec crs = layerCrsSpec(spec, *source.layer);
    summariseVector(*source.layer, &crs, summary);
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
  GDALDatasetUniquePtr probe = openDataset(path, GDAL_OF_VECTOR | GDAL_OF_RASTER);
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
    summary.source = path + " (layer " + layer->GetName() + ")";
    summary.driver = driver;
    summary.notes = vector.notes;
    const std::string definition = sourceCrsDefinition(*layer);
    const CrsSpec crs{definition, ChineseOffset::none, path};
    summariseVector(*layer, definition.empty() ? nullptr : &crs, summary);
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace urbangis
