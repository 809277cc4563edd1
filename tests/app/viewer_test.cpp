// The viewer driven as a person would: open the Daye catalog, look at the map, toggle a layer,
// zoom, identify a feature, switch language, export the map. Pixels are checked, not just that
// nothing crashed. With URBANGIS_SCREENSHOTS=DIR the window is saved there (docs/images).

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QMenuBar>
#include <QTest>
#include <QTreeWidget>

#include <fstream>

#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/identify_panel.h"
#include "app/layer_panel.h"
#include "app/main_window.h"
#include "app/map_canvas.h"
#include "app/route_panel.h"
#include "app/viewer_state.h"
#include "test_support.h"

using namespace urbangis;
using namespace urbangis::viewer;

namespace {

// A copy of the Daye catalog in a temporary folder (so the viewer's saved state goes there).
std::filesystem::path copyCatalog(const test::TempDir& dir) {
  std::ifstream in(test::sourceDir() / "layers" / "daye.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "\"../data/", to = "\"" + test::dataDir().string() + "/";
  for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  const std::string style = "\"style\": \"", styleTo = "\"style\": \"" + (test::sourceDir() / "styles").string() + "/";
  for (size_t at = 0; (at = text.find(style, at)) != std::string::npos; at += styleTo.size()) text.replace(at, style.size(), styleTo);
  const auto file = dir.path() / "daye.json";
  std::ofstream(file) << text;
  return file;
}

bool waitForFrame(MainWindow& window) {
  return QTest::qWaitFor([&] { return !window.canvas().isRendering() && !window.canvas().lastFrame().isNull(); }, 20000) &&
         QTest::qWaitFor([&] { return !window.canvas().isRendering(); }, 20000);
}

bool openAndWait(MainWindow& window, const std::filesystem::path& catalog) {
  bool loaded = false;
  QObject::connect(&window, &MainWindow::catalogLoaded, [&] { loaded = true; });
  if (!window.openCatalog(catalog, true)) return false;
  return QTest::qWaitFor([&] { return loaded; }, 30000) && waitForFrame(window);
}

// Share of pixels of the canvas frame that differ from the background.
double inkShare(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t ink = 0;
  for (int y = 0; y < rgb.height(); y += 2)
    for (int x = 0; x < rgb.width(); x += 2)
      if (rgb.pixel(x, y) != qRgb(0xFA, 0xFA, 0xF8)) ++ink;
  return static_cast<double>(ink) / (rgb.width() / 2.0 * rgb.height() / 2.0);
}

size_t yellowPixels(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t count = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) {
      const QColor c(rgb.pixel(x, y));
      if (c.red() > 220 && c.green() > 180 && c.blue() < 140) ++count;
    }
  return count;
}

void screenshot(QWidget& window, const char* name) {
  const QByteArray dir = qgetenv("URBANGIS_SCREENSHOTS");
  if (!dir.isEmpty()) window.grab().save(QString::fromUtf8(dir) + "/" + name);
}

QTreeWidgetItem* layerItem(LayerPanel& panel, const QString& id) {
  for (int i = 0; i < panel.topLevelItemCount(); ++i)
    if (panel.topLevelItem(i)->data(0, Qt::UserRole).toString() == id) return panel.topLevelItem(i);
  return nullptr;
}

}  // namespace

TEST_CASE("the viewer opens the Daye catalog and draws every layer", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1400, 900);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  for (const DocumentLayer& layer : window.document().layers()) {
    INFO(layer.spec->id << ": " << layer.error.toStdString());
    CHECK(layer.rendered != nullptr);
  }
  CHECK(window.layerPanel().topLevelItemCount() == static_cast<int>(window.document().layers().size()));
  CHECK(inkShare(window.canvas().lastFrame()) > 0.3);
  CHECK(window.canvas().lastFrameStats().featuresDrawn > 3000);
  CHECK(window.windowTitle().contains(QStringLiteral("大冶市")));
  screenshot(window, "viewer-zh.png");
}

TEST_CASE("unticking a layer removes it from the map; the state is kept beside the catalog", "[viewer]") {
  test::TempDir dir;
  const auto catalog = copyCatalog(dir);
  {
    MainWindow window("zh");
    window.resize(1200, 800);
    window.show();
    REQUIRE(openAndWait(window, catalog));
    const DocumentLayer* yellow = window.document().find("yellow_line");
    REQUIRE(yellow);
    // Close to one vending zone, so it fills a good part of the canvas.
    const DrawFeature& zone = yellow->rendered->features.front();
    window.canvas().zoomTo(MapExtent{zone.minX, zone.minY, zone.maxX, zone.maxY}.grownBy(1.0));
    REQUIRE(waitForFrame(window));
    const size_t before = yellowPixels(window.canvas().lastFrame());
    CHECK(before > 200);
    QTreeWidgetItem* item = layerItem(window.layerPanel(), "yellow_line");
    REQUIRE(item);
    item->setCheckState(0, Qt::Unchecked);
    REQUIRE(waitForFrame(window));
    QTest::qWait(50);
    REQUIRE(waitForFrame(window));
    CHECK(yellowPixels(window.canvas().lastFrame()) < before / 10);
    window.close();
  }
  const auto state = loadViewerState(catalog);
  REQUIRE(state);
  CHECK(std::filesystem::exists(stateFileFor(catalog)));
  CHECK(stateFileFor(catalog).parent_path() == catalog.parent_path());
  bool hidden = false;
  for (const LayerState& layer : state->layers)
    if (layer.id == "yellow_line") hidden = !layer.visible;
  CHECK(hidden);
}

TEST_CASE("zooming in with the keyboard halves the scale; identify lists the district under the cursor", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  const double before = window.canvas().scaleDenominator();
  window.canvas().setFocus();
  QTest::keyClick(&window.canvas(), Qt::Key_Plus);
  REQUIRE(waitForFrame(window));
  CHECK(window.canvas().scaleDenominator() == Approx(before / 1.5).epsilon(0.01));

  // Click the label point of a district with the identify tool.
  const DocumentLayer* districts = window.document().find("districts");
  REQUIRE(districts);
  const DrawFeature* chosen = nullptr;
  for (const DrawFeature& feature : districts->rendered->features)
    if (feature.label == "金湖街道") chosen = &feature;
  REQUIRE(chosen);
  window.canvas().zoomTo(MapExtent{chosen->minX, chosen->minY, chosen->maxX, chosen->maxY});
  REQUIRE(waitForFrame(window));
  const MapView view(window.canvas().visibleExtent(), QRectF(0, 0, window.canvas().width(), window.canvas().height()), 96);
  const QPoint at = view.toScreen(chosen->labelX, chosen->labelY).toPoint();
  window.canvas().setTool(CanvasTool::identify);
  QTest::mouseClick(&window.canvas(), Qt::LeftButton, Qt::NoModifier, at);
  QTreeWidget& panel = window.identifyPanel();
  REQUIRE(QTest::qWaitFor([&] { return panel.topLevelItemCount() > 0; }, 5000));
  bool sawDistrict = false;
  for (QTreeWidgetItemIterator it(&panel); *it; ++it)
    if ((*it)->text(1) == QStringLiteral("金湖街道")) sawDistrict = true;
  CHECK(sawDistrict);
}

TEST_CASE("the viewer speaks English when asked and exports the map", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  CHECK(window.menuBar()->actions().front()->text().contains(QStringLiteral("文件")));
  bool reloaded = false;
  QObject::connect(&window, &MainWindow::catalogLoaded, [&] { reloaded = true; });
  window.setLanguage("en");
  REQUIRE(QTest::qWaitFor([&] { return reloaded; }, 30000));
  REQUIRE(waitForFrame(window));
  CHECK(window.menuBar()->actions().front()->text().contains(QStringLiteral("File")));
  CHECK(window.windowTitle().contains(QStringLiteral("Daye")));
  screenshot(window, "viewer-en.png");

  const auto png = dir.path() / "map.png";
  CHECK(window.exportMap(QString::fromStdString(png.string())).isEmpty());
  const QImage image(QString::fromStdString(png.string()));
  CHECK(image.width() == 3508);
  CHECK(inkShare(image) > 0.1);
}

TEST_CASE("a catalog that fails to load leaves the viewer usable; a failing layer is marked", "[viewer]") {
  test::TempDir dir;
  MainWindow window("en");
  window.show();
  const auto broken = dir.path() / "broken.json";
  std::ofstream(broken) << "{\"layers\": [";
  CHECK_FALSE(window.openCatalog(broken, true));
  CHECK(window.lastError().contains(QStringLiteral("broken.json")));

  const auto partial = dir.path() / "partial.json";
  std::ofstream(partial) << R"({"crs": "EPSG:4547", "layers": [
    {"id": "districts", "title": "Districts", "role": "zones", "source": ")" << (test::dataDir() / "daye.gpkg").string()
                         << R"(", "layer": "districts"},
    {"id": "ghost", "title": "Ghost", "role": "points", "source": ")" << (test::dataDir() / "daye.gpkg").string()
                         << R"(", "layer": "no_such_layer"}]})";
  REQUIRE(openAndWait(window, partial));
  CHECK(window.document().find("districts")->rendered != nullptr);
  CHECK_FALSE(window.document().find("ghost")->error.isEmpty());
  QTreeWidgetItem* ghost = layerItem(window.layerPanel(), "ghost");
  REQUIRE(ghost);
  CHECK(ghost->text(0).contains(QStringLiteral("failed")));
  CHECK(inkShare(window.canvas().lastFrame()) > 0.3);
}

TEST_CASE("the attribute table filters with the --where language and selected rows light up on the map", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  AttributeTable& table = window.attributeTable();
  window.canvas().setTool(CanvasTool::select);
  // Pick the districts layer in the table, filter it, select everything inside a box.
  QComboBox* layers = table.findChild<QComboBox*>();
  REQUIRE(layers);
  layers->setCurrentIndex(layers->findData(QStringLiteral("districts")));
  CHECK(table.visibleRows() == 18);
  CHECK(table.applyFilter(QStringLiteral("name LIKE '%街道'")).isEmpty());
  CHECK(table.visibleRows() == 5);
  const QString error = table.applyFilter(QStringLiteral("name LIKE"));
  CHECK(error.contains(QStringLiteral("column")));
  CHECK(table.visibleRows() == 5);  // a bad filter keeps the last good one
  CHECK(table.applyFilter(QStringLiteral("nosuchfield = 1")).contains(QStringLiteral("has no field")));

  const QImage before = window.canvas().grab().toImage();
  REQUIRE(window.search(QStringLiteral("金湖街道")));
  REQUIRE(waitForFrame(window));
  QTest::qWait(50);
  const QImage after = window.canvas().grab().toImage();
  // The highlight colour (cyan outline) appears on the map.
  size_t cyan = 0;
  for (int y = 0; y < after.height(); y += 2)
    for (int x = 0; x < after.width(); x += 2) {
      const QColor c(after.pixel(x, y));
      if (c.red() < 60 && c.green() > 150 && c.blue() > 190) ++cyan;
    }
  CHECK(cyan > 100);
  CHECK(window.canvas().scaleDenominator() < 200000);
  CHECK_FALSE(window.search(QStringLiteral("没有这个地方")));
}

TEST_CASE("the measure tool gives ellipsoidal lengths and areas", "[viewer]") {
  test::TempDir dir;
  MainWindow window("en");
  window.resize(1000, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  MapCanvas& canvas = window.canvas();
  canvas.setTool(CanvasTool::measure);
  // A 2 km × 1 km rectangle in the working CRS (EPSG:4547, metres) around the view's centre.
  const MapExtent extent = canvas.visibleExtent();
  const double cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2;
  canvas.zoomTo({cx - 1500, cy - 1500, cx + 1500, cy + 1500});
  REQUIRE(waitForFrame(window));
  const MapView view(canvas.visibleExtent(), QRectF(0, 0, canvas.width(), canvas.height()), 96);
  const QPointF corners[] = {{cx - 1000, cy - 500}, {cx + 1000, cy - 500}, {cx + 1000, cy + 500}, {cx - 1000, cy + 500}};
  for (const QPointF& corner : corners)
    QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, view.toScreen(corner.x(), corner.y()).toPoint());
  QTest::mouseDClick(&canvas, Qt::LeftButton, Qt::NoModifier, view.toScreen(corners[3].x(), corners[3].y()).toPoint());
  // Clicks land on whole pixels (a few metres here); Gauss–Krüger scale is within 0.1 % of 1.
  CHECK(window.measuredLength() == Approx(5000).epsilon(0.01));  // the open polyline: 2 + 1 + 2 km
  CHECK(window.measuredArea() == Approx(2e6).epsilon(0.02));
}

TEST_CASE("the route tool draws a route between two clicked places and a tour along the corridors", "[viewer]") {
  test::TempDir dir;
  qputenv("URBANGIS_CACHE_DIR", QByteArray::fromStdString((dir.path() / "cache").string()));
  MainWindow window("en");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  MapCanvas& canvas = window.canvas();
  const DocumentLayer* roads = window.document().find("roads");
  REQUIRE(roads);
  // Two places on the urban road grid: the middle vertices of two far-apart roads.
  const RenderLayer& drawn = *roads->rendered;
  const auto middle = [&](size_t feature) {
    const DrawFeature& f = drawn.features[feature];
    const uint32_t first = drawn.partStarts[f.firstPart], last = drawn.partStarts[f.firstPart + 1];
    return QPointF(drawn.x[first + (last - first) / 2], drawn.y[first + (last - first) / 2]);
  };
  const QPointF a = middle(0), b = middle(5);
  canvas.zoomTo(MapExtent{std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()), std::max(a.y(), b.y())}.grownBy(0.3));
  REQUIRE(waitForFrame(window));
  canvas.setTool(CanvasTool::route);
  const MapView view(canvas.visibleExtent(), QRectF(0, 0, canvas.width(), canvas.height()), 96);
  QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, view.toScreen(a.x(), a.y()).toPoint());
  QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, view.toScreen(b.x(), b.y()).toPoint());
  bool done = false;
  QObject::connect(&window.routePanel(), &RoutePanel::routeFinished, [&] { done = true; });
  window.routePanel().startRoute();
  REQUIRE(QTest::qWaitFor([&] { return done; }, 30000));
  REQUIRE(window.routePanel().outcome());
  INFO(window.routePanel().outcome()->error.toStdString());
  CHECK(window.routePanel().outcome()->error.isEmpty());
  CHECK(window.routePanel().outcome()->directions.contains(QStringLiteral("arrive")));
  QTest::qWait(50);
  const QImage image = canvas.grab().toImage();
  size_t blue = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor c(image.pixel(x, y));
      if (c.red() < 60 && c.green() > 100 && c.green() < 150 && c.blue() > 190) ++blue;
    }
  CHECK(blue > 300);
  screenshot(window, "viewer-route.png");

  done = false;
  window.routePanel().clearPlaces();
  done = false;
  window.routePanel().startTour();
  REQUIRE(QTest::qWaitFor([&] { return done; }, 60000));
  CHECK(window.routePanel().outcome()->summary.contains(QStringLiteral("Tour")));
  CHECK(window.routePanel().outcome()->table.rows.size() > 10);
}

TEST_CASE("the analysis panel maps a statistic by zone and draws hot spots over the map", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1300, 850);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  AnalysisPanel& panel = window.analysisPanel();
  QString error = QStringLiteral("not finished");
  QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
  panel.runStats();  // the first zones layer: districts
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  CHECK(error.isEmpty());
  CHECK(panel.statsTable().rows.size() >= 18);
  REQUIRE(panel.showColumn(QStringLiteral("complaints_per_km2")));
  const DocumentLayer* districts = window.document().find("districts");
  REQUIRE(districts);
  CHECK(districts->rendered->style.renderer == StyleRenderer::graduated);
  CHECK(districts->rendered->legend.size() >= 3);
  REQUIRE(waitForFrame(window));
  QTest::qWait(50);
  REQUIRE(waitForFrame(window));
  // YlOrRd classes on the map: the darkest class's red appears.
  const QImage frame = window.canvas().lastFrame().convertToFormat(QImage::Format_RGB32);
  size_t red = 0;
  for (int y = 0; y < frame.height(); y += 2)
    for (int x = 0; x < frame.width(); x += 2) {
      const QColor c(frame.pixel(x, y));
      if (c.red() > 150 && c.green() < 80 && c.blue() < 80) ++red;
    }
  CHECK(red > 50);

  error = QStringLiteral("not finished");
  panel.runHotspots();  // kernel density of the first points layer
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  CHECK(error.isEmpty());
  const DocumentLayer* density = window.document().find("analysis_density");
  REQUIRE(density);
  REQUIRE(density->rendered);
  CHECK(density->rendered->raster.has_value());
  // The density surface is a temporary file, never one of the catalog's data files.
  CHECK(density->spec->resolvedSource.find(test::dataDir().string()) == std::string::npos);
  REQUIRE(waitForFrame(window));
  screenshot(window, "viewer-analysis.png");
}
