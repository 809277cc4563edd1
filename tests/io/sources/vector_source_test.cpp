#include <catch2/catch.hpp>

#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/sources/vector_source.h"
#include "test_support.h"

using namespace urbangis;

namespace {

std::string openError(const std::string& catalogJson, const std::filesystem::path& folder) {
  test::writeFile(folder / "catalog.json", catalogJson);
  const Catalog catalog = loadCatalog(folder / "catalog.json");
  try {
    openCatalogLayer(catalog.layers.front());
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("Catalog layers open with their declared fields", "[io][source]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  for (const LayerSpec& spec : catalog.layers) {
    INFO(spec.id);
    VectorSource source = openCatalogLayer(spec);
    REQUIRE(source.layer != nullptr);
    CHECK(source.layer->GetFeatureCount() > 0);
    CHECK_NOTHROW(layerCrsSpec(spec, *source.layer));
  }
}

TEST_CASE("A CSV layer takes its points from the x/y columns", "[io][source]") {
  const Catalog catalog = loadCatalog(test::dayeCatalog());
  VectorSource source = openCatalogLayer(catalog.layer("complaints"));
  CHECK(wkbFlatten(source.layer->GetGeomType()) == wkbPoint);
  CHECK(source.layer->GetLayerDefn()->GetFieldIndex("lon") < 0);  // consumed as geometry
  auto feature = std::unique_ptr<OGRFeature>(source.layer->GetNextFeature());
  REQUIRE(feature);
  const auto* point = feature->GetGeometryRef()->toPoint();
  CHECK(point->getX() > 114.5);
  CHECK(point->getY() < 30.4);
}

TEST_CASE("Opening problems name the layer and say what is wrong", "[io][source]") {
  test::TempDir temp;
  const auto data = test::dataDir().string();
  test::writeFile(temp.path() / "cases.csv", "id,lon,lat\n1,114.9,30.1\n");
  test::writeFile(temp.path() / "notgpkg.gpkg", "this is not a database");

  CHECK_THAT(
      openError(R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": "missing.gpkg"}]})", temp.path()),
      Catch::Contains("missing.gpkg: file not found (layer \"a\""));
  CHECK_THAT(
      openError(R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": "notgpkg.gpkg"}]})", temp.path()),
      Catch::Contains("notgpkg.gpkg: cannot open"));
  CHECK_THAT(
      openError(R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": ")" + data + R"(/daye.gpkg"}]})",
                temp.path()),
      Catch::Contains("the source has 14 layers; name one with \"layer\""));
  CHECK_THAT(openError(R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": ")" + data +
                           R"(/daye.gpkg", "layer": "districts"}]})",
                       temp.path()),
             Catch::Contains("role points needs points, but the layer holds MultiPolygon"));
  CHECK_THAT(openError(R"({"layers": [{"id": "a", "title": "A", "role": "zones", "source": ")" + data +
                           R"(/daye.gpkg", "layer": "districts", "name_field": "nmae"}]})",
                       temp.path()),
             Catch::Contains("name_field names field \"nmae\", which the layer does not have; its "
                             "fields are: code, name, type"));
  CHECK_THAT(
      openError(
          R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": "cases.csv", "x": "lng", "y": "lat"}]})",
          temp.path()),
      Catch::Contains("coordinate columns \"lng\"/\"lat\" not found; the file's columns are: id, lon, lat"));
}

TEST_CASE("A layer without a CRS is refused with a how-to", "[io][source]") {
  test::TempDir temp;
  test::writeFile(temp.path() / "cases.csv", "id,lon,lat\n1,114.9,30.1\n");
  test::writeFile(
      temp.path() / "catalog.json",
      R"({"layers": [{"id": "a", "title": "A", "role": "points", "source": "cases.csv", "x": "lon", "y": "lat"}]})");
  const Catalog catalog = loadCatalog(temp.path() / "catalog.json");
  VectorSource source = openCatalogLayer(catalog.layers.front());
  CHECK_THROWS_WITH(layerCrsSpec(catalog.layers.front(), *source.layer),
                    Catch::Contains("has no CRS; declare one in the catalog, e.g. \"crs\""));
}
