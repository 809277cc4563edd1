#include <catch2/catch.hpp>

#include <set>

#include "core/error.h"
#include "io/outputs/shapefile_output.h"
#include "io/outputs/table_writer.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

std::vector<unsigned char> wkbFromWkt(const std::string& wkt) {
  OGRGeometry* geometry = nullptr;
  REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &geometry) == OGRERR_NONE);
  OGRGeometryUniquePtr owned(geometry);
  std::vector<unsigned char> wkb(owned->WkbSize());
  owned->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

// Cable corridors near Daye (EPSG:4547): Chinese text, long names, large and small numbers.
OutputTable cableTable() {
  OutputTable table;
  table.name = "cable";
  table.crsDefinition = "EPSG:4547";
  table.columns = {{"corridor_no", ColumnType::text},         {"road", ColumnType::text},
                   {"replaced_fibre_m", ColumnType::integer}, {"replaced_fibre_km", ColumnType::real},
                   {"covered_area_m2", ColumnType::real},     {"备注说明文字", ColumnType::text}};
  table.rows = {
      {std::string("XL2023-0060"), std::string("荟萃巷"), int64_t{119}, 0.119, 123456789.125, std::string("已完成")},
      {std::string("XL2023-0061"), std::string("新冶大道"), int64_t{5000000000}, -0.25, 1.5e12, std::monostate{}}};
  table.wkb = {wkbFromWkt("LINESTRING (593361 3332375,593184 3332337)"),
               wkbFromWkt("MULTILINESTRING ((593400 3331496,593400 3331696),(593500 3331496,593600 3331696))")};
  return table;
}

std::set<std::string> folderNames(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

const std::set<std::string> kCableSet = {"cable.shp", "cable.shx", "cable.dbf", "cable.prj", "cable.cpg"};

}  // namespace

TEST_CASE("DBF field names are cut to 10 bytes of whole characters, predictably", "[shapefile]") {
  SECTION("short names stay, long ASCII names keep their first 10 bytes") {
    CHECK(shapefileFieldNames({"road", "signs", "bundled_cable_m", "abcdefghij"}) ==
          std::vector<std::string>{"road", "signs", "bundled_ca", "abcdefghij"});
  }
  SECTION("Chinese characters take 3 bytes and are never split") {
    CHECK(shapefileFieldNames({"名称"}) == std::vector<std::string>{"名称"});
    CHECK(shapefileFieldNames({"管网隐患数量"}) == std::vector<std::string>{"管网隐"});  // 9 bytes
    CHECK(shapefileFieldNames({"a管网隐患"}) == std::vector<std::string>{"a管网隐"});    // 10 bytes
    CHECK(shapefileFieldNames({"ab管网隐患"}) == std::vector<std::string>{"ab管网"});    // not 11
    CHECK(utf8Prefix("ab管网隐患", 10) == "ab管网");
    CHECK(utf8Prefix("管", 2).empty());
  }
  SECTION("':' becomes '_', trailing spaces go") {
    CHECK(shapefileFieldNames({"count:油烟", "a b  "}) == std::vector<std::string>{"count_油", "a b"});
  }
  SECTION("clashes get _1, _2 … within 10 bytes, ignoring ASCII case") {
    CHECK(shapefileFieldNames({"replaced_fibre_m", "replaced_fibre_km", "replaced_fibre_x"}) ==
          std::vector<std::string>{"replaced_f", "replaced_1", "replaced_2"});
    CHECK(shapefileFieldNames({"管网隐患数量", "管网隐患面积"}) == std::vector<std::string>{"管网隐", "管网_1"});
    CHECK(shapefileFieldNames({"Name", "NAME"}) == std::vector<std::string>{"Name", "NAME_1"});
    // A suffixed name that a column already has is skipped.
    CHECK(shapefileFieldNames({"abcdefghijk", "abcdefgh_1", "abcdefghijz"}) ==
          std::vector<std::string>{"abcdefghij", "abcdefgh_1", "abcdefgh_2"});
    std::vector<std::string> many;
    for (int i = 0; i < 12; ++i) many.push_back("street_order_count:类别" + std::to_string(i));
    const std::vector<std::string> names = shapefileFieldNames(many);
    CHECK(names[0] == "street_ord");
    CHECK(names[1] == "street_o_1");
    CHECK(names[11] == "street__11");
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
    for (const auto& name : names) CHECK(name.size() <= 10);
  }
  SECTION("the same input always gives the same names") {
    const std::vector<std::string> input = {"gas_hazards_count:管网隐患", "gas_hazards_count:燃气泄漏", "名称名称名称"};
    CHECK(shapefileFieldNames(input) == shapefileFieldNames(input));
  }
}

TEST_CASE("A shapefile is UTF-8 with a .cpg, our field names and exact values", "[shapefile]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "cable.shp";
  const TableWriteReport report = writeTable(cableTable(), file, {});

  CHECK(folderNames(temp.path()) == kCableSet);  // and no temporary folder left
  CHECK(report.files.size() == 5);
  CHECK(report.files.back() == file);  // the .shp comes last
  CHECK(test::readFile(temp.path() / "cable.cpg") == "UTF-8");
  CHECK(report.truncatedCells == 0);
  const std::vector<std::pair<std::string, std::string>> renamed = {{"corridor_no", "corridor_n"},
                                                                    {"replaced_fibre_m", "replaced_f"},
                                                                    {"replaced_fibre_km", "replaced_1"},
                                                                    {"covered_area_m2", "covered_ar"},
                                                                    {"备注说明文字", "备注说"}};
  CHECK(report.renamedColumns == renamed);
  const std::vector<std::string> notes = writeNotes(report);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] ==
        "shapefile field names: corridor_no → corridor_n, replaced_fibre_m → replaced_f, replaced_fibre_km → "
        "replaced_1, covered_area_m2 → covered_ar, 备注说明文字 → 备注说");

  GDALDatasetUniquePtr dataset = openDataset(file.string(), GDAL_OF_VECTOR);
  OGRLayer& layer = *dataset->GetLayer(0);
  CHECK(wkbFlatten(layer.GetGeomType()) == wkbLineString);
  REQUIRE(layer.GetSpatialRef());
  CHECK(std::string(layer.GetSpatialRef()->GetAuthorityCode(nullptr)) == "4547");
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  REQUIRE(definition.GetFieldCount() == 6);
  for (int i = 0; i < 6; ++i) {
    const std::string expected = i == 1 ? "road" : renamed[static_cast<size_t>(i > 1 ? i - 1 : i)].second;
    CHECK(definition.GetFieldDefn(i)->GetNameRef() == expected);
  }
  OGRFeatureUniquePtr first(layer.GetNextFeature());
  REQUIRE(first);
  CHECK(std::string(first->GetFieldAsString("corridor_n")) == "XL2023-0060");
  CHECK(std::string(first->GetFieldAsString("road")) == "荟萃巷");
  CHECK(std::string(first->GetFieldAsString("备注说")) == "已完成");
  CHECK(first->GetFieldAsInteger64("replaced_f") == 119);
  CHECK(first->GetFieldAsDouble("replaced_1") == Approx(0.119).epsilon(1e-14));
  CHECK(first->GetFieldAsDouble("covered_ar") == 123456789.125);
  OGRFeatureUniquePtr second(layer.GetNextFeature());
  REQUIRE(second);
  CHECK(std::string(second->GetFieldAsString("road")) == "新冶大道");
  CHECK(second->GetFieldAsInteger64("replaced_f") == 5000000000);
  CHECK(second->GetFieldAsDouble("replaced_1") == -0.25);
  CHECK(second->GetFieldAsDouble("covered_ar") == 1.5e12);  // beyond GDAL's default 24.15 field
  CHECK_FALSE(second->IsFieldSetAndNotNull(5));
  CHECK(wkbFlatten(second->GetGeometryRef()->getGeometryType()) == wkbMultiLineString);
}

TEST_CASE("Shapefile text beyond 254 bytes is cut on a character boundary and counted", "[shapefile]") {
  test::TempDir temp;
  OutputTable table;
  table.name = "notes";
  table.columns = {{"note", ColumnType::text}};
  std::string longText;
  for (int i = 0; i < 100; ++i) longText += "管";  // 300 bytes
  table.rows = {{longText}, {std::string("短")}};
  const TableWriteReport report = writeTable(table, temp.path() / "notes.shp", {});
  CHECK(report.truncatedCells == 1);
  REQUIRE(writeNotes(report).size() == 1);
  CHECK(writeNotes(report)[0].find("1 text values longer than 254 bytes") != std::string::npos);
  // No geometry: a .dbf (and its .cpg) only.
  CHECK(folderNames(temp.path()) == std::set<std::string>{"notes.dbf", "notes.cpg"});
  GDALDatasetUniquePtr dataset = openDataset((temp.path() / "notes.dbf").string(), GDAL_OF_VECTOR);
  OGRFeatureUniquePtr feature(dataset->GetLayer(0)->GetNextFeature());
  REQUIRE(feature);
  CHECK(std::string(feature->GetFieldAsString(0)) == longText.substr(0, 252));  // 84 characters
}

TEST_CASE("A shapefile set is replaced only on success, through a temporary folder", "[shapefile]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "cable.shp";
  writeTable(cableTable(), file, {});
  test::writeFile(temp.path() / "cable.qix", "an old spatial index");
  const std::string before = test::folderFingerprint(temp.path());

  SECTION("a failure while writing leaves the old set and no temporary folder") {
    OutputTable broken = cableTable();
    broken.rows[1].pop_back();  // found while writing rows, after the temporary folder exists
    CHECK_THROWS_AS(writeTable(broken, file, {}), std::invalid_argument);
    CHECK(test::folderFingerprint(temp.path()) == before);
    CHECK(folderNames(temp.path()).size() == 6);
  }
  SECTION("mixed geometry types are refused: a shapefile holds one") {
    OutputTable mixed = cableTable();
    mixed.wkb[1] = wkbFromWkt("POLYGON ((593400 3331496,593400 3331696,593600 3331696,593400 3331496))");
    CHECK_THROWS_MATCHES(
        writeTable(mixed, file, {}), InputError,
        Catch::Message(file.string() + ": a shapefile holds one geometry type, but output table row 1 has lines "
                                       "and output table row 2 polygons; use .gpkg or .geojson, or export them "
                                       "separately"));
    mixed.wkb[1] = wkbFromWkt("GEOMETRYCOLLECTION (POINT (593400 3331496))");
    CHECK_THROWS_WITH(writeTable(mixed, file, {}), Catch::Contains("which a shapefile cannot hold"));
    CHECK(test::folderFingerprint(temp.path()) == before);
  }
  SECTION("success replaces every file and drops the stale index") {
    OutputTable changed = cableTable();
    changed.rows.pop_back();
    changed.wkb.pop_back();
    writeTable(changed, file, {});
    CHECK(folderNames(temp.path()) == kCableSet);
    GDALDatasetUniquePtr dataset = openDataset(file.string(), GDAL_OF_VECTOR);
    CHECK(dataset->GetLayer(0)->GetFeatureCount() == 1);
  }
  SECTION("a table without geometry leaves no old .shp behind") {
    OutputTable plain = cableTable();
    plain.wkb.clear();
    writeTable(plain, file, {});
    CHECK(folderNames(temp.path()) == std::set<std::string>{"cable.dbf", "cable.cpg"});
  }
}

TEST_CASE("Points among multipoints are written as multipoints", "[shapefile]") {
  test::TempDir temp;
  OutputTable table;
  table.name = "pts";
  table.crsDefinition = "EPSG:4547";
  table.columns = {{"id", ColumnType::integer}};
  table.rows = {{int64_t{1}}, {int64_t{2}}, {int64_t{3}}};
  table.wkb = {wkbFromWkt("POINT (593400 3331496)"), {}, wkbFromWkt("MULTIPOINT ((593400 3331496),(593500 3331596))")};
  writeTable(table, temp.path() / "pts.shp", {});
  GDALDatasetUniquePtr dataset = openDataset((temp.path() / "pts.shp").string(), GDAL_OF_VECTOR);
  OGRLayer& layer = *dataset->GetLayer(0);
  CHECK(wkbFlatten(layer.GetGeomType()) == wkbMultiPoint);
  CHECK(layer.GetFeatureCount() == 3);
  OGRFeatureUniquePtr second(layer.GetFeature(1));
  REQUIRE(second);
  CHECK(second->GetGeometryRef() == nullptr);
}

TEST_CASE("Writing a shapefile over any file of an input's set is refused", "[shapefile]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "cable.shp";
  writeTable(cableTable(), file, {});
  const std::string before = test::folderFingerprint(temp.path());
  for (const char* input : {"cable.shp", "cable.dbf", "cable.prj"}) {
    INFO(input);
    CHECK_THROWS_WITH(writeTable(cableTable(), file, {temp.path() / input}),
                      Catch::EndsWith("refusing to write over an input of this run"));
  }
  CHECK(test::folderFingerprint(temp.path()) == before);
}
