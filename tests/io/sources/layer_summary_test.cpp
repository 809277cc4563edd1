#include <catch2/catch.hpp>

#include "io/catalog/catalog_loader.h"
#include "io/sources/layer_summary.h"
#include "test_support.h"

using namespace urbangis;

TEST_CASE("The Daye catalog summary has every layer, valid and in CGCS2000", "[io][summary]") {
  const CatalogSummary summary = summariseCatalog(loadCatalog(test::dayeCatalog()));
  REQUIRE(summary.layers.size() == 15);
  CHECK(summary.workingCrs.rfind("EPSG:4547", 0) == 0);
  CHECK_FALSE(summary.workingCrsChosen);
  for (const LayerSummary& layer : summary.layers) {
    INFO(layer.id << ": " << layer.error);
    CHECK(layer.error.empty());
    CHECK(layer.invalidCount == 0);
    CHECK(layer.emptyCount == 0);
    CHECK(layer.crs.rfind("EPSG:4490", 0) == 0);
    REQUIRE(layer.lonLatExtent);
    CHECK((*layer.lonLatExtent)[0] > 114.5);
    CHECK((*layer.lonLatExtent)[2] < 115.2);
  }
}

TEST_CASE("Without a working CRS the UTM zone of the data is chosen", "[io][summary]") {
  test::TempDir temp;
  test::writeFile(temp.path() / "c.json", R"({"layers": [{"id": "d", "title": "D", "role": "zones",
      "source": ")" + (test::dataDir() / "daye.gpkg").string() +
                                              R"(", "layer": "districts"}]})");
  const CatalogSummary summary = summariseCatalog(loadCatalog(temp.path() / "c.json"));
  CHECK(summary.workingCrsChosen);
  CHECK(summary.workingCrs.rfind("EPSG:32650", 0) == 0);
}

TEST_CASE("Invalid geometries are counted", "[io][summary]") {
  test::TempDir temp;
  // A bow-tie (self-intersecting) polygon and a valid square.
  test::writeFile(temp.path() / "zones.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "1"}, "geometry": {"type": "Polygon",
     "coordinates": [[[114.9, 30.0], [115.0, 30.1], [115.0, 30.0], [114.9, 30.1], [114.9, 30.0]]]}},
    {"type": "Feature", "properties": {"id": "2"}, "geometry": {"type": "Polygon",
     "coordinates": [[[114.9, 30.0], [115.0, 30.0], [115.0, 30.1], [114.9, 30.1], [114.9, 30.0]]]}}]})");
  const auto layers = summariseSource((temp.path() / "zones.geojson").string());
  REQUIRE(layers.size() == 1);
  CHECK(layers[0].featureCount == 2);
  CHECK(layers[0].invalidCount == 1);
  CHECK(layers[0].kind == "Polygon");
}
