// Basemaps in the real window: imagery the test makes from Daye's communities (red on white)
// drawn under the layers, reprojected to the map's CRS and read again when zoomed in; a tile
// server out of reach draws grey with one status message, however often the map is drawn.

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QStatusBar>

#include <fstream>

#include <gdal_priv.h>
#include <gdal_utils.h>

#include "app/viewer_support.h"
#include "core/crs.h"
#include "io/gdal_support.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;
namespace fs = std::filesystem;

namespace {

// Daye's communities burnt red into a lon/lat GeoTIFF, the rest near-white.
fs::path makeImagery(const fs::path& folder) {
  ensureGdalRegistered();
  const fs::path file = folder / "ortho.tif";
  GDALDatasetUniquePtr communities(
      GDALDataset::Open((test::dataDir() / "daye.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(communities);
  std::vector<std::string> words = {"-burn", "220",  "-burn", "40",   "-burn", "40", "-init",      "250",
                                    "-ot",   "Byte", "-ts",   "1200", "1200",  "-l", "communities"};
  std::vector<char*> arguments;
  for (std::string& word : words) arguments.push_back(word.data());
  arguments.push_back(nullptr);
  GDALRasterizeOptions* options = GDALRasterizeOptionsNew(arguments.data(), nullptr);
  GDALDatasetH made = GDALRasterize(file.c_str(), nullptr, GDALDataset::ToHandle(communities.get()), options, nullptr);
  GDALRasterizeOptionsFree(options);
  REQUIRE(made);
  GDALClose(made);
  return file;
}

// A catalog of a basemap (`source`) under the communities' outlines.
fs::path writeCatalog(const fs::path& folder, const std::string& source) {
  const fs::path file = folder / "basemap.json";
  std::ofstream(file) << R"({"name": {"zh": "大冶市", "en": "Daye"}, "crs": "EPSG:4547", "layers": [
    {"id": "basemap", "title": {"zh": "影像", "en": "Imagery"}, "role": "raster", "source": ")"
                      << source << R"(", "max_zoom": 14},
    {"id": "communities", "title": {"zh": "社区", "en": "Communities"}, "role": "zones",
     "source": ")" << (test::dataDir() / "daye.gpkg").string()
                      << R"(", "layer": "communities", "id_field": "code", "name_field": "name",
     "style": ")" << (test::sourceDir() / "styles" / "communities.json").string()
                      << R"("}]})";
  return file;
}

size_t redPixels(const QImage& frame) {
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
  size_t red = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) {
      const QRgb pixel = rgb.pixel(x, y);
      red += qRed(pixel) > 180 && qGreen(pixel) < 100 && qBlue(pixel) < 100;
    }
  return red;
}

size_t greyPixels(const QImage& frame) {
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB32);
  size_t grey = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) grey += rgb.pixel(x, y) == qRgb(0xDE, 0xDE, 0xDE);
  return grey;
}

}  // namespace

TEST_CASE("a basemap draws under the layers, reprojected, and is read again when zoomed in", "[viewer][basemap]") {
  test::TempDir dir;
  const fs::path catalog = writeCatalog(dir.path(), makeImagery(dir.path()).string());
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  const DocumentLayer* basemap = window.document().find(QStringLiteral("basemap"));
  REQUIRE(basemap);
  REQUIRE(basemap->rendered);
  CHECK(basemap->rendered->imagery);
  CHECK(layerItem(window.layerPanel(), QStringLiteral("basemap"))->text(0).contains(QStringLiteral("栅格")));
  const size_t city = redPixels(window.canvas().lastFrame());
  CHECK(city > 5000);
  screenshot(window, "viewer-basemap.png");

  // Zoomed into 团结街社区, the largest community (a point inside it, 1 km around): the basemap
  // is read again for the view and its red fills the frame.
  double x = 114.7294, y = 30.2547;
  {
    ProjContext proj;
    Transform(proj, Crs(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"}),
              Crs(proj, window.document().workingCrs()))
        .apply(x, y);
  }
  window.canvas().zoomTo(MapExtent{x - 500, y - 500, x + 500, y + 500});
  REQUIRE(waitForFrame(window));
  CHECK(redPixels(window.canvas().lastFrame()) > city);

  // Hidden, no red is left: it was the basemap's.
  window.document().setVisible(QStringLiteral("basemap"), false);
  REQUIRE(waitForFrame(window));
  CHECK(redPixels(window.canvas().lastFrame()) == 0);
}

TEST_CASE("a tile server out of reach: a grey basemap and one message, however often the map draws",
          "[viewer][basemap]") {
  test::TempDir dir;
  ::setenv("URBANGIS_TILE_CACHE_DIR", (dir.path() / "cache").c_str(), 1);
  const fs::path catalog = writeCatalog(dir.path(), "http://127.0.0.1:9/{z}/{x}/{y}.png");
  MainWindow window("zh");
  window.resize(1000, 700);
  window.show();
  QSignalSpy problems(&window.canvas(), &MapCanvas::drawingProblem);
  REQUIRE(openAndWait(window, catalog));
  CHECK(greyPixels(window.canvas().lastFrame()) > 100000);
  window.canvas().panByPixels(QPointF(120, 40));
  REQUIRE(waitForFrame(window));
  window.canvas().zoomBy(2, window.canvas().rect().center());
  REQUIRE(waitForFrame(window));
  CHECK(problems.count() == 1);
  REQUIRE_FALSE(problems.isEmpty());
  CHECK(problems.front().front().toString().contains(QStringLiteral("tiles could not be downloaded")));
  CHECK(window.statusBar()->currentMessage().contains(QStringLiteral("127.0.0.1")));
  ::unsetenv("URBANGIS_TILE_CACHE_DIR");
}

TEST_CASE("a GeoTIFF dropped on the window goes under the map as imagery", "[viewer][basemap]") {
  test::TempDir dir;
  const fs::path catalog = copyCatalogWithData(dir);
  const fs::path imagery = makeImagery(dir.path());
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  const size_t before = window.document().layers().size();
  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  window.addLayers({imagery});  // what a drop of the file calls (viewer_add_layers_test drops files)
  REQUIRE((loaded.count() > 0 || loaded.wait(30000)));
  REQUIRE(waitForFrame(window));
  REQUIRE(window.document().layers().size() == before + 1);
  const DocumentLayer& bottom = window.document().layers().front();
  CHECK(bottom.spec->id == "ortho");
  CHECK(bottom.spec->role == LayerRole::raster);
  REQUIRE(bottom.rendered);
  CHECK(bottom.rendered->imagery);
  CHECK(window.document().catalog().layers.front().id == "ortho");  // first in the catalog too, so saved it stays under
  CHECK(redPixels(window.canvas().lastFrame()) > 1000);
}
