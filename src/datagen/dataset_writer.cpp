#include "datagen/dataset_writer.h"

#include <unistd.h>
#include <stdexcept>
#include <system_error>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/outputs/temporary_files.h"

namespace urbangis::datagen {
namespace {

namespace fs = std::filesystem;

// The date the 2023 report was signed: every GDAL timestamp in the files says so.
constexpr const char* kStampedDate = "2024-01-12T00:00:00.000Z";
constexpr const char* kDescription =
    "Synthetic sample data drawn by the UrbanGIS generator around Daye's official names, codes "
    "and the bureau's 2023 figures; boundaries and positions are not surveyed.";

OGRFieldType ogrType(FieldKind kind) {
  switch (kind) {
    case FieldKind::text:
      return OFTString;
    case FieldKind::integer:
      return OFTInteger64;
    case FieldKind::real:
      return OFTReal;
    case FieldKind::date:
      return OFTDate;
    case FieldKind::dateTime:
      return OFTDateTime;
  }
  return OFTString;
}

void setValue(OGRFeature& feature, int index, const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value))
    feature.SetField(index, text->c_str());
  else if (const auto* integer = std::get_if<int64_t>(&value))
    feature.SetField(index, static_cast<GIntBig>(*integer));
  else if (const auto* real = std::get_if<double>(&value))
    feature.SetField(index, *real);
  else
    feature.SetFieldNull(index);
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("datagen: " + what + ": " + CPLGetLastErrorMsg());
}

void writeLayer(GDALDataset& dataset, const Table& table, const GeosContext& geos, const Projection& projection,
                OGRSpatialReference* srs, const std::vector<std::string>& extraOptions) {
  std::vector<std::string> optionText = extraOptions;
  std::vector<const char*> options;
  for (const auto& option : optionText) options.push_back(option.c_str());
  options.push_back(nullptr);
  OGRLayer* layer = dataset.CreateLayer(table.name.c_str(), table.geometryType == wkbNone ? nullptr : srs,
                                        table.geometryType, const_cast<char**>(options.data()));
  check(layer != nullptr, "create layer " + table.name);
  for (const Field& field : table.fields) {
    OGRFieldDefn definition(field.name.c_str(), ogrType(field.kind));
    check(layer->CreateField(&definition) == OGRERR_NONE, "create field " + field.name);
  }
  check(layer->StartTransaction() == OGRERR_NONE, "start transaction");
  for (const Row& row : table.rows) {
    OGRFeature feature(layer->GetLayerDefn());
    for (size_t i = 0; i < row.values.size(); ++i) setValue(feature, static_cast<int>(i), row.values[i]);
    if (row.geometry) {
      const std::vector<unsigned char> wkb = table.lonLat
                                                 ? geos.toWkb(row.geometry.get())
                                                 : geos.toWkb(projection.toLonLat(geos, row.geometry.get()).get());
      OGRGeometry* geometry = nullptr;
      check(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()) == OGRERR_NONE,
            "convert geometry");
      if (table.geometryType == wkbMultiPolygon) geometry = OGRGeometryFactory::forceToMultiPolygon(geometry);
      geometry->assignSpatialReference(srs);
      feature.SetGeometryDirectly(geometry);
    }
    check(layer->CreateFeature(&feature) == OGRERR_NONE, "write feature of " + table.name);
  }
  check(layer->CommitTransaction() == OGRERR_NONE, "commit " + table.name);
}

fs::path temporaryFolderBeside(const fs::path& target) {
  const fs::path folder = target.parent_path() / (".urbangis-tmp-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  return folder;
}

}  // namespace

void writeDataset(const GeosContext& geos, const Projection& projection, const DatasetFiles& files) {
  ensureGdalRegistered();
  const ScopedGdalConfig stampedDate("OGR_CURRENT_DATE", kStampedDate);
  OGRSpatialReference srs;
  srs.importFromEPSG(4490);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

  fs::create_directories(files.geoPackage.parent_path());
  const fs::path staging = temporaryFolderBeside(files.geoPackage);
  const RegisteredTemporary removedOnSignal(staging, RegisteredTemporary::Kind::folder);
  std::vector<std::pair<fs::path, fs::path>> renames;
  {
    GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
    const fs::path temporary = staging / files.geoPackage.filename();
    GDALDatasetUniquePtr dataset(gpkg->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    check(dataset != nullptr, "create " + temporary.string());
    for (const Table& table : *files.layers)
      writeLayer(*dataset, table, geos, projection, &srs,
                 {"GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", "IDENTIFIER=" + table.title,
                  std::string("DESCRIPTION=") + kDescription});
    renames.emplace_back(temporary, files.geoPackage);
  }
  GDALDriver* csv = GetGDALDriverManager()->GetDriverByName("CSV");
  for (const Table& table : *files.csvTables) {
    const fs::path temporary = staging / (table.name + ".csv");
    {
      GDALDatasetUniquePtr dataset(csv->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      check(dataset != nullptr, "create " + temporary.string());
      writeLayer(*dataset, table, geos, projection, nullptr, {"CREATE_CSVT=YES", "LINEFORMAT=LF", "WRITE_BOM=NO"});
    }
    renames.emplace_back(temporary, files.csvFolder / (table.name + ".csv"));
    renames.emplace_back(staging / (table.name + ".csvt"), files.csvFolder / (table.name + ".csvt"));
  }
  for (const auto& [from, to] : renames) fs::rename(from, to);
  fs::remove_all(staging);
}

}  // namespace urbangis::datagen
