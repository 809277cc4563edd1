#include "io/outputs/layer_convert.h"

#include <ogrsf_frmts.h>

#include <cstdio>

#include "core/error.h"
#include "core/geometry_transform.h"
#include "io/outputs/table_writer.h"
#include "io/sources/feature_cells.h"
#include "io/sources/vector_source.h"

namespace urbangis {

ConvertReport convertLayer(const ConvertRequest& request) {
  std::vector<std::string> options;
  if (!request.x.empty()) {
    options.push_back("X_POSSIBLE_NAMES=" + request.x);
    options.push_back("Y_POSSIBLE_NAMES=" + request.y);
    options.push_back("KEEP_GEOM_COLUMNS=YES");
    options.push_back("AUTODETECT_TYPE=YES");
  }
  GDALDatasetUniquePtr dataset = openDataset(request.input.string(), GDAL_OF_VECTOR, options);
  OGRLayer* layer = request.layer.empty() ? nullptr : dataset->GetLayerByName(request.layer.c_str());
  if (!request.layer.empty() && !layer)
    throw InputError(request.input.string() + ": no layer \"" + request.layer + "\"");
  if (!layer) {
    if (dataset->GetLayerCount() != 1)
      throw InputError(request.input.string() + ": has " + std::to_string(dataset->GetLayerCount()) +
                       " layers; name one with --layer");
    layer = dataset->GetLayer(0);
  }
  if (!request.x.empty() && layer->GetGeomType() == wkbNone)
    throw InputError(request.input.string() + ": no coordinate columns \"" + request.x + "\"/\"" + request.y + "\"");

  ProjContext proj;
  CrsSpec fromSpec;
  if (request.from) {
    fromSpec = *request.from;
  } else {
    const std::string definition = sourceCrsDefinition(*layer);
    if (definition.empty())
      throw InputError(request.input.string() +
                       ": the file has no CRS; say which with --src-crs (e.g. --src-crs gcj02)");
    fromSpec = CrsSpec{definition, ChineseOffset::none, request.input.string()};
  }
  const Crs from(proj, fromSpec), to(proj, request.to);
  const Transform transform(proj, from, to);

  OGRFeatureDefn& definition = *layer->GetLayerDefn();
  OutputTable table;
  table.name = layer->GetName();
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    table.columns.push_back(
        {definition.GetFieldDefn(i)->GetNameRef(), columnTypeOf(definition.GetFieldDefn(i)->GetType())});
  const int xIndex = request.x.empty() ? -1 : definition.GetFieldIndex(request.x.c_str());
  const int yIndex = request.y.empty() ? -1 : definition.GetFieldIndex(request.y.c_str());
  // GCJ-02 and BD-09 files are stored as plain lon/lat: the offset lives in the numbers.
  table.crsDefinition = request.to.definition;

  GeosContext geos;
  ConvertReport report;
  report.fromLabel = from.describe();
  report.toLabel = to.describe();
  layer->ResetReading();
  for (auto& feature : *layer) {
    std::vector<CellValue> row;
    for (int i = 0; i < definition.GetFieldCount(); ++i)
      row.push_back(cellOf(*feature, i, table.columns[static_cast<size_t>(i)].type));
    std::vector<unsigned char> wkb;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry && !geometry->IsEmpty()) {
      std::vector<unsigned char> raw(static_cast<size_t>(geometry->WkbSize()));
      geometry->exportToWkb(wkbNDR, raw.data(), wkbVariantIso);
      GeomPtr converted = transformGeometry(geos, geos.fromWkb(raw.data(), raw.size()).get(), transform);
      wkb = geos.toWkb(converted.get());
      if (xIndex >= 0 && GEOSGeomTypeId_r(geos.handle(), converted.get()) == GEOS_POINT) {
        double x = 0, y = 0;
        GEOSGeomGetX_r(geos.handle(), converted.get(), &x);
        GEOSGeomGetY_r(geos.handle(), converted.get(), &y);
        const auto cell = [&](int index, double value) {
          if (table.columns[static_cast<size_t>(index)].type != ColumnType::text) return CellValue{value};
          char text[40];
          std::snprintf(text, sizeof text, "%.9f", value);  // 0.1 mm in degrees
          return CellValue{std::string(text)};
        };
        row[static_cast<size_t>(xIndex)] = cell(xIndex, x);
        row[static_cast<size_t>(yIndex)] = cell(yIndex, y);
      }
    } else {
      ++report.withoutGeometry;
    }
    table.rows.push_back(std::move(row));
    table.wkb.push_back(std::move(wkb));
    ++report.features;
  }
  report.notes = writeNotes(writeTable(table, request.output, {request.input}));
  return report;
}

}  // namespace urbangis
