// A person's own data in the viewer (main_window_layers.cpp): files and folders dropped on the
// real window, a GeoPackage's layers chosen in the list, roles inferred and shown, corrected in
// the layer properties dialog, a broken file among good ones, and File → Save catalog: the saved
// catalog reloads to the same map and runs stats. Real data of other cities, unedited
// (python3-libpysal's Berlin example).

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <fstream>

#include <gdal_priv.h>
#include <gdal_utils.h>

#include "analysis/stats/stats_run.h"
#include "app/add_layers_dialog.h"
#include "app/layer_properties_dialog.h"
#include "app/viewer_support.h"
#include "core/output_table.h"
#include "core/progress.h"
#include "io/catalog/catalog_loader.h"
#include "io/gdal_support.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;
namespace fs = std::filesystem;

namespace {

const fs::path kBerlin = "/usr/lib/python3/dist-packages/libpysal/examples/berlin";

// Drags `files` over the window and drops them, as a file manager does.
void dropFiles(MainWindow& window, const std::vector<fs::path>& files) {
  QMimeData mime;
  QList<QUrl> urls;
  for (const fs::path& file : files) urls << QUrl::fromLocalFile(QString::fromStdString(file.string()));
  mime.setUrls(urls);
  const QPoint at = window.rect().center();
  QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &enter);
  REQUIRE(enter.isAccepted());
  QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&window, &drop);
}

bool waitForSignal(QSignalSpy& spy) { return spy.count() > 0 || spy.wait(30000); }

const DocumentLayer& layerWithId(MainWindow& window, const std::string& id) {
  const DocumentLayer* layer = window.document().find(QString::fromStdString(id));
  REQUIRE(layer);
  return *layer;
}

double differingShare(const QImage& a, const QImage& b) {
  REQUIRE(a.size() == b.size());
  const QImage left = a.convertToFormat(QImage::Format_RGB32), right = b.convertToFormat(QImage::Format_RGB32);
  size_t differing = 0;
  for (int y = 0; y < left.height(); ++y)
    for (int x = 0; x < left.width(); ++x) differing += left.pixel(x, y) != right.pixel(x, y);
  return static_cast<double>(differing) / (left.width() * left.height());
}

}  // namespace

TEST_CASE("files dropped on an empty window make a catalog; saved, it reloads to the same map and runs stats",
          "[viewer][add_layers]") {
  REQUIRE(fs::exists(kBerlin));
  test::TempDir dir;
  // A Chinese file name, as a bureau's files have.
  const fs::path listings = dir.path() / "房源点.zip";
  fs::copy_file(kBerlin / "prenzlauer.zip", listings);
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();

  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  dropFiles(window, {kBerlin / "prenz_bound.zip", listings});
  // Two layers: the list to choose from is open, every layer ticked.
  auto* dialog = window.findChild<AddLayersDialog*>();
  REQUIRE(dialog);
  CHECK(dialog->chosen() == std::vector<size_t>{0, 1});
  dialog->accept();
  REQUIRE(waitForSignal(loaded));
  REQUIRE(waitForFrame(window));

  REQUIRE(window.document().layers().size() == 2);
  const DocumentLayer& bound = layerWithId(window, "prenz_bound");
  CHECK(bound.spec->role == LayerRole::zones);
  const DocumentLayer& points = window.document().layers().back();
  CHECK(points.spec->role == LayerRole::points);
  CHECK(points.spec->resolvedSource.find("房源点.zip") != std::string::npos);
  REQUIRE(points.rendered);
  CHECK(points.rendered->features.size() == 2203);
  CHECK(window.catalogFile().empty());  // not saved yet
  CHECK(markerPixels(window.canvas().lastFrame()) > 2000);
  screenshot(window, "viewer-added-berlin.png");

  // Saved, then opened in a second window of the same size: the same map.
  const fs::path saved = dir.path() / "berlin.json";
  REQUIRE(window.saveCatalogAs(saved));
  const Catalog catalog = loadCatalog(saved);
  REQUIRE(catalog.layers.size() == 2);
  CHECK(catalog.layer("prenz_bound").role == LayerRole::zones);
  MainWindow again("zh");
  again.resize(1200, 800);
  again.show();
  REQUIRE(openAndWait(again, saved));
  CHECK(differingShare(window.canvas().lastFrame(), again.canvas().lastFrame()) < 0.01);

  // And it runs stats: every listing in a zone or in "(none)".
  StatsRun run;
  run.request.zonesLayer = "prenz_bound";
  const StatsRunResult result = runStats(catalog, run, SilentProgress());
  const std::optional<size_t> count = columnIndex(result.table, points.spec->id + "_count");
  REQUIRE(count);
  double total = 0;
  for (const auto& row : result.table.rows) total += numberIn(row[*count]).value_or(0);
  CHECK(total == 2203);
}

TEST_CASE("a GeoPackage's layers chosen in the list join the open catalog; a broken file is named, the rest load",
          "[viewer][add_layers]") {
  test::TempDir dir;
  const fs::path catalog = copyCatalogWithData(dir);
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  const size_t before = window.document().layers().size();

  const fs::path drop = dir.path() / "drop";
  fs::create_directories(drop);
  fs::copy_file(dir.path() / "data" / "daye.gpkg", drop / "survey.gpkg");
  std::ofstream(drop / "broken.geojson") << "{\"type\": \"FeatureCollection\", \"features\": [ {";
  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  dropFiles(window, {drop / "survey.gpkg", drop / "broken.geojson"});
  auto* dialog = window.findChild<AddLayersDialog*>();
  REQUIRE(dialog);
  // Keep the communities (first is districts) and the roads only.
  const std::vector<size_t> all = dialog->chosen();
  REQUIRE(all.size() == 14);
  for (size_t i = 0; i < all.size(); ++i) dialog->setChosen(i, i == 1 || i == 2);
  dialog->accept();
  REQUIRE(waitForSignal(loaded));
  REQUIRE(waitForFrame(window));

  REQUIRE(window.document().layers().size() == before + 2);
  // Ids the catalog does not use yet; roles from geometry and name.
  const DocumentLayer& communities = layerWithId(window, "communities_2");
  CHECK(communities.spec->role == LayerRole::zones);
  CHECK(communities.rendered);
  const DocumentLayer& roads = layerWithId(window, "roads_2");
  CHECK(roads.spec->role == LayerRole::network);
  CHECK(roads.rendered);
  CHECK(layerWithId(window, "communities").rendered);  // the catalog's own layer is untouched
  REQUIRE(window.lastProblems().size() == 1);
  CHECK(window.lastProblems().front().contains(QStringLiteral("broken.geojson")));
  CHECK(window.layerPanel().topLevelItemCount() == static_cast<int>(before + 2));

  // The properties dialog: the inferred role with its reason, corrected to areas.
  LayerPropertiesDialog* properties = window.showLayerProperties(QStringLiteral("communities_2"));
  REQUIRE(properties);
  QComboBox& role = properties->roleBox();
  CHECK(role.currentText() == QStringLiteral("zones"));
  CHECK(role.findText(QStringLiteral("network")) < 0);  // only the roles of its geometry
  CHECK(properties->fieldBox("id_field").findText(QStringLiteral("code")) >= 0);
  role.setCurrentIndex(role.findText(QStringLiteral("areas")));
  QSignalSpy reloaded(&window.document(), &MapDocument::layerLoaded);
  properties->accept();
  REQUIRE(waitForSignal(reloaded));
  CHECK(reloaded.front().front().toString() == QStringLiteral("communities_2"));
  CHECK(layerWithId(window, "communities_2").spec->role == LayerRole::areas);
  CHECK(window.document().catalog().layer("communities_2").role == LayerRole::areas);

  // Saving writes the catalog where it was opened from, its own layers and the added ones.
  REQUIRE(window.saveCatalogAs(catalog));
  const Catalog saved = loadCatalog(catalog);
  CHECK(saved.layers.size() == before + 2);
  CHECK(saved.layer("communities_2").role == LayerRole::areas);
  CHECK(saved.layer("districts").resolvedSource == window.document().catalog().layer("districts").resolvedSource);
}

namespace {

// Writes `layer` of the Daye GeoPackage to `file` in `format` (GDAL's vector translate, as
// ogr2ogr does), optionally through SQL.
void translate(const fs::path& file, const char* format, const char* layer, const std::string& sql = {},
               const std::vector<std::string>& more = {}) {
  ensureGdalRegistered();
  GDALDatasetUniquePtr daye(
      GDALDataset::Open((test::dataDir() / "daye.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(daye);
  std::vector<std::string> words = {"-f", format, "-t_srs", "EPSG:4326"};
  words.insert(words.end(), more.begin(), more.end());
  if (sql.empty()) {
    words.push_back(layer);
  } else {
    words.insert(words.end(), {"-dialect", "SQLite", "-sql", sql, "-nln", layer});
  }
  std::vector<char*> arguments;
  for (std::string& word : words) arguments.push_back(word.data());
  arguments.push_back(nullptr);
  GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(arguments.data(), nullptr);
  GDALDatasetH source = GDALDataset::ToHandle(daye.get());
  GDALDatasetH written = GDALVectorTranslate(file.c_str(), nullptr, 1, &source, options, nullptr);
  GDALVectorTranslateOptionsFree(options);
  REQUIRE(written);
  GDALClose(written);
}

}  // namespace

TEST_CASE("a folder of every format dropped on the window: each layer loads with its role", "[viewer][add_layers]") {
  test::TempDir dir;
  const fs::path folder = dir.path() / "城管数据";
  fs::create_directories(folder);
  translate(folder / "社区.kml", "KML", "communities");
  translate(folder / "roads.fgb", "FlatGeobuf", "roads");
  translate(folder / "billboards.geojson", "GeoJSON", "billboards");
  translate(folder / "demolitions.shp", "ESRI Shapefile", "demolitions", {}, {"-lco", "ENCODING=CP936"});  // GBK
  translate(folder / "muck_sources.gpx", "GPX", "muck_sources",
            "SELECT geom, site_no AS name, kind AS \"desc\" FROM muck_sources");
  translate(folder / "gas_hazards.kmz", "LIBKML", "gas_hazards");
  fs::copy_file(test::dataDir() / "complaints.csv", folder / "complaints.csv");
  translate(folder / "assets.xlsx", "XLSX", "assets",
            "SELECT ST_X(geom) AS \"经度\", ST_Y(geom) AS \"纬度\", class FROM assets LIMIT 500");

  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  dropFiles(window, {folder});
  auto* dialog = window.findChild<AddLayersDialog*>();
  REQUIRE(dialog);
  dialog->accept();
  REQUIRE(waitForSignal(loaded));
  REQUIRE(waitForFrame(window));
  CHECK(window.lastProblems().isEmpty());
  std::map<std::string, LayerRole> roles;
  for (const DocumentLayer& layer : window.document().layers()) {
    INFO(layer.spec->id << " (" << layer.spec->source << "): " << layer.error.toStdString());
    CHECK(layer.rendered);
    CHECK(layer.error.isEmpty());
    if (layer.rendered) CHECK(!layer.rendered->features.empty());
    roles[fs::path(layer.spec->source).filename().string()] = layer.spec->role;
  }
  INFO("layers: " << roles.size());
  CHECK(roles.size() == 8);  // the GPX gives its waypoints; its empty routes and tracks are left out
  CHECK(roles["社区.kml"] == LayerRole::zones);
  CHECK(roles["roads.fgb"] == LayerRole::network);
  CHECK(roles["demolitions.shp"] == LayerRole::areas);
  CHECK(roles["complaints.csv"] == LayerRole::points);
  CHECK(roles["assets.xlsx"] == LayerRole::assets);  // the name says so (城市部件)
  // The GBK shapefile's Chinese values read as they are (kind 城区拆除/乡镇指导).
  for (const DocumentLayer& layer : window.document().layers())
    if (layer.spec->source.find("demolitions.shp") != std::string::npos) {
      CHECK(layer.spec->encoding.empty());  // found from the .cpg, not written into the catalog
      CHECK(layer.spec->categoryField == "kind");
    }
  CHECK(markerPixels(window.canvas().lastFrame()) > 2000);
}

TEST_CASE("a file without a CRS: the viewer asks for it with what its coordinates suggest", "[viewer][add_layers]") {
  test::TempDir dir;
  translate(dir.path() / "billboards.shp", "ESRI Shapefile", "billboards");
  fs::remove(dir.path() / "billboards.prj");  // as shapefiles often come
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  dropFiles(window, {dir.path() / "billboards.shp"});
  // Asked at once, with the lon/lat candidates; drawn meanwhile in the likeliest, CGCS2000.
  auto* properties = window.findChild<LayerPropertiesDialog*>();
  REQUIRE(properties);
  QComboBox& crs = properties->crsBox();
  CHECK(crs.currentText() == QStringLiteral("CGCS2000"));
  CHECK(crs.findText(QStringLiteral("GCJ-02")) >= 0);
  REQUIRE((loaded.count() > 0 || loaded.wait(30000)));
  const DocumentLayer& billboards = layerWithId(window, "billboards");
  CHECK(billboards.rendered);
  REQUIRE(window.lastProblems().size() == 1);
  // In the window's language (Chinese here): the layer and the CRS it is drawn in are named.
  CHECK(window.lastProblems().front().contains(QStringLiteral("billboards")));
  CHECK(window.lastProblems().front().contains(QStringLiteral("CGCS2000")));
  // The person says WGS84: the layer is read again in it.
  crs.setEditText(QStringLiteral("WGS84"));
  QSignalSpy reloaded(&window.document(), &MapDocument::layerLoaded);
  properties->accept();
  REQUIRE((reloaded.count() > 0 || reloaded.wait(30000)));
  const DocumentLayer& drawn = layerWithId(window, "billboards");
  REQUIRE(drawn.rendered);
  CHECK(drawn.rendered->features.size() > 100);
  REQUIRE(drawn.spec->crs);
  CHECK(drawn.spec->crs->definition == "EPSG:4326");
}
