#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "io/outputs/table_writer.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const std::string kName = "名称";
const std::string kCount = "complaints_count:油烟";
const std::string kDensity = "density:每平方公里";

// Three rows with text, integer (one beyond 32 bits), real and null cells.
OutputTable sampleTable() {
  OutputTable table;
  table.name = "stats";
  table.columns = {{kName, ColumnType::text}, {kCount, ColumnType::integer}, {kDensity, ColumnType::real}};
  table.rows = {{std::string("东岳路街道"), int64_t{12}, 3.25},
                {std::string("金湖街道"), std::monostate{}, 0.1},
                {std::monostate{}, int64_t{5000000000}, std::monostate{}}};
  return table;
}

std::vector<unsigned char> wkbFromWkt(const std::string& wkt) {
  OGRGeometry* geometry = nullptr;
  REQUIRE(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &geometry) == OGRERR_NONE);
  OGRGeometryUniquePtr owned(geometry);
  std::vector<unsigned char> wkb(owned->WkbSize());
  owned->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

// A square around E 593500, N 3331596 (EPSG:4547), i.e. about 114.97 E, 30.10 N, traced
// clockwise.
const char* kClockwiseSquare = "POLYGON ((593400 3331496,593400 3331696,593600 3331696,593600 3331496,593400 3331496))";

OutputTable geometryTable() {
  OutputTable table = sampleTable();
  table.rows.resize(1);
  table.wkb = {wkbFromWkt(kClockwiseSquare)};
  table.crsDefinition = "EPSG:4547";
  return table;
}

std::set<std::string> folderNames(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

// CSV is read back with typed columns and empty cells as nulls.
GDALDatasetUniquePtr openWritten(const fs::path& file) {
  std::vector<std::string> options;
  if (file.extension() == ".csv") options = {"AUTODETECT_TYPE=YES", "EMPTY_STRING_AS_NULL=YES"};
  return openDataset(file.string(), GDAL_OF_VECTOR, options);
}

double signedArea(const nlohmann::json& ring) {
  double twiceArea = 0;
  for (size_t i = 0; i + 1 < ring.size(); ++i)
    twiceArea += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                 ring[i + 1][0].get<double>() * ring[i][1].get<double>();
  return twiceArea / 2;
}

bool hasAtMostSevenDecimals(double value) {
  const double scaled = value * 1e7;
  return std::abs(scaled - std::round(scaled)) < 1e-3;
}

}  // namespace

TEST_CASE("Tables round-trip through CSV and GeoJSON and GeoPackage", "[io][output]") {
  test::TempDir temp;
  for (const char* fileName : {"stats.csv", "stats.geojson", "stats.gpkg"}) {
    INFO(fileName);
    const fs::path file = temp.path() / fileName;
    writeTable(sampleTable(), file, {});

    GDALDatasetUniquePtr dataset = openWritten(file);
    REQUIRE(dataset->GetLayerCount() == 1);
    OGRLayer& layer = *dataset->GetLayer(0);
    if (file.extension() != ".csv") CHECK(std::string(layer.GetName()) == "stats");
    // GDAL's GeoJSON reader calls a layer of null geometries "Unknown"; see the test below.
    if (file.extension() != ".geojson") CHECK(layer.GetGeomType() == wkbNone);
    OGRFeatureDefn& definition = *layer.GetLayerDefn();
    REQUIRE(definition.GetFieldCount() == 3);
    CHECK(definition.GetFieldDefn(0)->GetNameRef() == kName);
    CHECK(definition.GetFieldDefn(1)->GetNameRef() == kCount);
    CHECK(definition.GetFieldDefn(2)->GetNameRef() == kDensity);
    CHECK(definition.GetFieldDefn(0)->GetType() == OFTString);
    CHECK(definition.GetFieldDefn(1)->GetType() == OFTInteger64);
    CHECK(definition.GetFieldDefn(2)->GetType() == OFTReal);

    std::vector<OGRFeatureUniquePtr> features;
    for (auto& feature : layer) features.push_back(std::move(feature));
    REQUIRE(features.size() == 3);
    CHECK(std::string(features[0]->GetFieldAsString(0)) == "东岳路街道");
    CHECK(features[0]->GetFieldAsInteger64(1) == 12);
    CHECK(features[0]->GetFieldAsDouble(2) == 3.25);
    CHECK(std::string(features[1]->GetFieldAsString(0)) == "金湖街道");
    CHECK_FALSE(features[1]->IsFieldSetAndNotNull(1));
    CHECK(features[1]->GetFieldAsDouble(2) == 0.1);
    CHECK_FALSE(features[2]->IsFieldSetAndNotNull(0));
    CHECK(features[2]->GetFieldAsInteger64(1) == 5000000000);
    CHECK_FALSE(features[2]->IsFieldSetAndNotNull(2));
    CHECK(features[0]->GetGeometryRef() == nullptr);
  }
  CHECK(folderNames(temp.path()) == std::set<std::string>{"stats.csv", "stats.geojson", "stats.gpkg"});
}

TEST_CASE("GeoJSON output follows RFC 7946", "[io][output]") {
  test::TempDir temp;
  OGRGeometry* input = nullptr;
  OGRGeometryFactory::createFromWkt(kClockwiseSquare, nullptr, &input);
  OGRGeometryUniquePtr owned(input);
  REQUIRE(input->toPolygon()->getExteriorRing()->isClockwise());  // the premise

  const fs::path file = temp.path() / "zones.geojson";
  writeTable(geometryTable(), file, {});
  const std::string text = test::readFile(file);
  const auto json = nlohmann::json::parse(text);

  CHECK(json["type"] == "FeatureCollection");
  CHECK_FALSE(json.contains("crs"));
  REQUIRE(json.contains("bbox"));
  CHECK(json["bbox"].size() == 4);
  CHECK(text.find("油烟") != std::string::npos);  // UTF-8 as is,
  CHECK(text.find("\\u") == std::string::npos);   // not escaped
  REQUIRE(json["features"].size() == 1);
  const auto& geometry = json["features"][0]["geometry"];
  REQUIRE(geometry["type"] == "Polygon");
  const auto& ring = geometry["coordinates"][0];
  REQUIRE(ring.size() == 5);
  for (const auto& point : ring) {
    CHECK(point[0].get<double>() == Approx(114.97).margin(0.01));  // lon first
    CHECK(point[1].get<double>() == Approx(30.10).margin(0.01));
    CHECK(hasAtMostSevenDecimals(point[0].get<double>()));
    CHECK(hasAtMostSevenDecimals(point[1].get<double>()));
  }
  CHECK(signedArea(ring) > 0);  // counter-clockwise
}

TEST_CASE("A table without geometry gets null GeoJSON geometries", "[io][output]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "stats.json";
  writeTable(sampleTable(), file, {});
  const auto json = nlohmann::json::parse(test::readFile(file));
  REQUIRE(json["features"].size() == 3);
  for (const auto& feature : json["features"]) {
    REQUIRE(feature.contains("geometry"));
    CHECK(feature["geometry"].is_null());
  }
}

TEST_CASE("GeoPackage output keeps the layer name and CRS and geometry", "[io][output]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "zones.gpkg";
  writeTable(geometryTable(), file, {});

  GDALDatasetUniquePtr dataset = openWritten(file);
  OGRLayer* layer = dataset->GetLayerByName("stats");
  REQUIRE(layer != nullptr);
  CHECK(wkbFlatten(layer->GetGeomType()) == wkbPolygon);
  REQUIRE(layer->GetSpatialRef() != nullptr);
  CHECK(std::string(layer->GetSpatialRef()->GetAuthorityCode(nullptr)) == "4547");
  OGRFeatureUniquePtr feature(layer->GetNextFeature());
  REQUIRE(feature);
  OGRGeometry* expected = nullptr;
  OGRGeometryFactory::createFromWkt(kClockwiseSquare, nullptr, &expected);
  OGRGeometryUniquePtr owned(expected);
  CHECK(feature->GetGeometryRef()->Equals(expected));
  CHECK(folderNames(temp.path()) == std::set<std::string>{"zones.gpkg"});
}

TEST_CASE("CSV output is one file with the exact header and no geometry", "[io][output]") {
  test::TempDir temp;
  OutputTable table = sampleTable();
  table.wkb = {wkbFromWkt("POINT (593500 3331596)"), {}, wkbFromWkt("POINT (593501 3331597)")};
  table.crsDefinition = "EPSG:4547";
  table.rows[1][0] = std::string("金湖,\"下陆\"");
  const fs::path file = temp.path() / "stats.csv";
  writeTable(table, file, {});

  CHECK(folderNames(temp.path()) == std::set<std::string>{"stats.csv"});
  CHECK(test::readFile(file) ==
        "名称,complaints_count:油烟,density:每平方公里\n"
        "东岳路街道,12,3.25\n"
        "\"金湖,\"\"下陆\"\"\",,0.1\n"
        ",5000000000,\n");
}

TEST_CASE("Writing over an input is refused and the input is unchanged", "[io][output]") {
  test::TempDir temp;
  const fs::path input = temp.path() / "cases.csv";
  test::writeFile(input, "id,lon,lat\n1,114.9,30.1\n");
  fs::create_directory(temp.path() / "sub");
  fs::create_symlink(input, temp.path() / "link.csv");
  const std::vector<fs::path> inputs = {temp.path() / "gone.gpkg", input};
  const std::string before = test::folderFingerprint(temp.path());

  for (const fs::path& target : {input, temp.path() / "sub" / ".." / "cases.csv", temp.path() / "link.csv"}) {
    INFO(target);
    CHECK_THROWS_MATCHES(writeTable(sampleTable(), target, inputs), InputError,
                         Catch::Message(target.string() + ": refusing to write over an input of this run"));
  }
  CHECK(test::folderFingerprint(temp.path()) == before);
  CHECK(test::readFile(input) == "id,lon,lat\n1,114.9,30.1\n");

  // An input that does not exist does not block its path.
  CHECK_NOTHROW(writeTable(sampleTable(), temp.path() / "gone.gpkg", inputs));
}

TEST_CASE("An existing target is replaced only on success", "[io][output]") {
  test::TempDir temp;
  for (const char* fileName : {"out.csv", "out.geojson", "out.gpkg"}) {
    INFO(fileName);
    const fs::path file = temp.path() / fileName;
    test::writeFile(file, "old content");

    // The third row is short: found while writing, after the temporary file exists.
    OutputTable broken = sampleTable();
    broken.rows[2].pop_back();
    CHECK_THROWS_AS(writeTable(broken, file, {}), std::invalid_argument);
    CHECK(test::readFile(file) == "old content");
    CHECK(folderNames(temp.path()) == std::set<std::string>{fileName});

    OutputTable mistyped = sampleTable();
    mistyped.rows[1][1] = std::string("12");
    CHECK_THROWS_AS(writeTable(mistyped, file, {}), std::invalid_argument);
    CHECK(test::readFile(file) == "old content");
    CHECK(folderNames(temp.path()) == std::set<std::string>{fileName});

    writeTable(sampleTable(), file, {});
    CHECK(test::readFile(file) != "old content");
    CHECK(folderNames(temp.path()) == std::set<std::string>{fileName});
    fs::remove(file);
  }
}

TEST_CASE("Output formats come from the extension", "[io][output]") {
  CHECK(tableFormatFor("a/b.csv") == TableFormat::csv);
  CHECK(tableFormatFor("B.CSV") == TableFormat::csv);
  CHECK(tableFormatFor("b.geojson") == TableFormat::geojson);
  CHECK(tableFormatFor("b.Json") == TableFormat::geojson);
  CHECK(tableFormatFor("b.GPKG") == TableFormat::gpkg);
  CHECK(tableFormatFor("out/zones.SHP") == TableFormat::shp);
  CHECK_THROWS_MATCHES(tableFormatFor("out/zones.kml"), InputError,
                       Catch::Message("out/zones.kml: unsupported output format \".kml\"; use .csv, .xlsx, .geojson, "
                                      ".gpkg, .gpx or .shp"));
  CHECK(tableFormatFor("b.XLSX") == TableFormat::xlsx);
  CHECK_THROWS_AS(tableFormatFor("zones"), InputError);

  test::TempDir temp;
  CHECK_THROWS_AS(writeTable(sampleTable(), temp.path() / "stats.txt", {}), InputError);
  CHECK(folderNames(temp.path()).empty());
}

TEST_CASE("A missing output folder is refused and not created", "[io][output]") {
  test::TempDir temp;
  const fs::path file = temp.path() / "missing" / "stats.csv";
  CHECK_THROWS_AS(writeTable(sampleTable(), file, {}), InputError);
  CHECK_THROWS_WITH(writeTable(sampleTable(), file, {}), Catch::Contains("missing\" does not exist"));
  CHECK_FALSE(fs::exists(temp.path() / "missing"));
}
