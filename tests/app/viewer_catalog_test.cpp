// The viewer opening the Daye catalog as a person would: every layer drawn, layers toggled and the
// state kept beside the catalog, English and export, and what must not break it
// (docs/robustness.md): its data never written, a layer failing while the map draws, a catalog
// reloaded while drawing, closing during a long analysis.

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QImage>
#include <QMenuBar>
#include <QPushButton>
#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "analysis/export/export_layer.h"
#include "analysis/stats/stats.h"
#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/viewer_state.h"
#include "app/viewer_support.h"
#include "io/catalog/catalog_loader.h"
#include "io/gdal_support.h"
#include "io/outputs/table_writer.h"
#include "render/render_layer.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

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

TEST_CASE("the viewer speaks English when asked and exports the map", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  CHECK(window.menuBar()->actions().front()->text().contains(QStringLiteral("文件")));
  // Qt's own words are Chinese too (qtbase_zh_CN from qt6-translations-l10n): a standard button.
  {
    QDialogButtonBox buttons(QDialogButtonBox::Cancel | QDialogButtonBox::Open);
    CHECK(buttons.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')).startsWith(QStringLiteral("取消")));
  }
  bool reloaded = false;
  QObject::connect(&window, &MainWindow::catalogLoaded, [&] { reloaded = true; });
  window.setLanguage("en");
  REQUIRE(QTest::qWaitFor([&] { return reloaded; }, 30000));
  REQUIRE(waitForFrame(window));
  CHECK(window.menuBar()->actions().front()->text().contains(QStringLiteral("File")));
  CHECK(window.windowTitle().contains(QStringLiteral("Daye")));
  {
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    CHECK(buttons.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')) == QStringLiteral("Cancel"));
  }
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
    {"id": "districts", "title": "Districts", "role": "zones", "source": ")"
                         << (test::dataDir() / "daye.gpkg").string() << R"(", "layer": "districts"},
    {"id": "ghost", "title": "Ghost", "role": "points", "source": ")"
                         << (test::dataDir() / "daye.gpkg").string() << R"(", "layer": "no_such_layer"}]})";
  REQUIRE(openAndWait(window, partial));
  CHECK(window.document().find("districts")->rendered != nullptr);
  CHECK_FALSE(window.document().find("ghost")->error.isEmpty());
  QTreeWidgetItem* ghost = layerItem(window.layerPanel(), "ghost");
  REQUIRE(ghost);
  CHECK(ghost->text(0).contains(QStringLiteral("failed")));
  CHECK(inkShare(window.canvas().lastFrame()) > 0.3);
}

TEST_CASE("a whole session never writes to the catalog's files; its state is the one file beside the catalog",
          "[viewer][robustness]") {
  test::TempDir dir;
  const auto catalog = copyCatalogWithData(dir);
  const auto out = dir.path() / "out";
  std::filesystem::create_directories(out);
  const auto before = treeFingerprints(dir.path());
  {
    MainWindow window("zh");
    window.resize(1300, 850);
    window.show();
    REQUIRE(openAndWait(window, catalog));
    MapCanvas& canvas = window.canvas();
    for (const char* id : {"yellow_line", "districts", "roads"}) {
      QTreeWidgetItem* item = layerItem(window.layerPanel(), QString::fromLatin1(id));
      REQUIRE(item);
      item->setCheckState(0, Qt::Unchecked);
      REQUIRE(waitForFrame(window));
    }
    layerItem(window.layerPanel(), QStringLiteral("districts"))->setCheckState(0, Qt::Checked);
    REQUIRE(waitForFrame(window));

    // Select by box and by polygon, identify, filter.
    AttributeTable& table = window.attributeTable();
    QComboBox* layers = table.findChild<QComboBox*>();
    layers->setCurrentIndex(layers->findData(QStringLiteral("communities")));
    canvas.setTool(CanvasTool::select);
    QTest::mousePress(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&canvas, QPoint(700, 600));
    QTest::mouseRelease(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(700, 600));
    canvas.setTool(CanvasTool::selectPolygon);
    drawPolygon(canvas, {QPoint(200, 150), QPoint(600, 200), QPoint(400, 500)}, false);
    CHECK_FALSE(table.selectedFids().empty());
    canvas.setTool(CanvasTool::identify);
    QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, canvas.rect().center());
    layers->setCurrentIndex(layers->findData(QStringLiteral("districts")));
    REQUIRE(table.applyFilter(QStringLiteral("name LIKE '%街道'")).isEmpty());

    // Export the map and the filtered layer; a choropleth (the statistics read every layer).
    CHECK(table.exportFiltered(QString::fromStdString((out / "streets.geojson").string())).isEmpty());
    CHECK(table.exportFiltered(QString::fromStdString((out / "streets.gpkg").string())).isEmpty());
    // An Excel workbook with the window's (Chinese) headings, read back by GDAL.
    CHECK(table.exportFiltered(QString::fromStdString((out / "streets.xlsx").string())).isEmpty());
    {
      const ScopedGdalConfig headers("OGR_XLSX_HEADERS", "FORCE");  // GDAL 3.6 has no open option for it
      GDALDatasetUniquePtr workbook(GDALDataset::Open((out / "streets.xlsx").string().c_str(), GDAL_OF_VECTOR));
      REQUIRE(workbook);
      OGRLayer& sheet = *workbook->GetLayer(0);
      CHECK(std::string(sheet.GetName()) == "乡镇街道");
      CHECK(sheet.GetFeatureCount() == 5);  // the filtered districts: the five 街道
      CHECK(sheet.GetLayerDefn()->GetFieldIndex("名称") >= 0);
    }
    CHECK(window.exportMap(QString::fromStdString((out / "map.png").string())).isEmpty());
    CHECK(window.exportMap(QString::fromStdString((out / "map.pdf").string())).isEmpty());
    QString error = QStringLiteral("not finished");
    QObject::connect(&window.analysisPanel(), &AnalysisPanel::finished, [&](const QString& e) { error = e; });
    window.analysisPanel().runStats();
    REQUIRE(QTest::qWaitFor([&] { return error != QStringLiteral("not finished"); }, 60000));
    CHECK(error.isEmpty());
    window.close();  // saves the state
  }
  const auto after = treeFingerprints(dir.path());
  for (const auto& [file, print] : before) {
    INFO(file);
    REQUIRE(after.count(file) == 1);
    CHECK(after.at(file) == print);
  }
  std::set<std::string> added;
  for (const auto& [file, print] : after)
    if (!before.count(file)) added.insert(file);
  const std::set<std::string> expected{"layers/daye.viewer.json", "out/map.pdf",      "out/map.png",
                                       "out/streets.geojson",     "out/streets.gpkg", "out/streets.xlsx"};
  CHECK(added == expected);
  CHECK(stateFileFor(catalog) == dir.path() / "layers" / "daye.viewer.json");
}

TEST_CASE("a layer whose file is cut short or removed is marked failed on reload, and the others still draw",
          "[viewer][robustness]") {
  test::TempDir dir;
  const auto catalog = copyCatalogWithData(dir);
  // The yellow-line zones get a file of their own, so that one layer can break alone.
  const auto source = dir.path() / "data" / "yellow_line.geojson";
  {
    ExportRequest request;
    request.layer = "yellow_line";
    const ExportOutcome outcome = exportLayer(loadCatalog(catalog), request, SilentProgress());
    writeTable(outcome.table, source, outcome.inputs);
    std::string text = test::readFile(catalog);
    const std::string from = R"("source": "../data/daye.gpkg", "layer": "yellow_line")";
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), R"("source": "../data/yellow_line.geojson")");
    test::writeFile(catalog, text);
  }
  const std::string whole = test::readFile(source);

  MainWindow window("en");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  const DrawFeature zone = window.document().find("yellow_line")->rendered->features.front();
  window.canvas().zoomTo(MapExtent{zone.minX, zone.minY, zone.maxX, zone.maxY}.grownBy(1.0));
  REQUIRE(waitForFrame(window));
  const size_t yellowBefore = yellowPixels(window.canvas().lastFrame());
  REQUIRE(yellowBefore > 200);

  // Reopened while a frame is being drawn, as a reload does.
  const auto reloadWhileDrawing = [&] {
    bool loaded = false;
    const auto connection = QObject::connect(&window, &MainWindow::catalogLoaded, [&] { loaded = true; });
    window.canvas().refresh();
    REQUIRE(window.openCatalog(catalog, true));
    REQUIRE(QTest::qWaitFor([&] { return loaded; }, 30000));
    QObject::disconnect(connection);
    REQUIRE(waitForFrame(window));
  };
  const std::vector<std::pair<const char*, std::function<void()>>> breakages{
      {"cut short, as by a copy that stopped", [&] { test::writeFile(source, whole.substr(0, whole.size() / 2)); }},
      {"removed", [&] { std::filesystem::remove(source); }},
  };
  for (const auto& [what, breakFile] : breakages) {
    INFO("the file " << what);
    breakFile();
    reloadWhileDrawing();
    const DocumentLayer* yellow = window.document().find("yellow_line");
    REQUIRE(yellow);
    CHECK(yellow->rendered == nullptr);
    CHECK(yellow->error.contains(QStringLiteral("yellow_line")));
    for (const DocumentLayer& layer : window.document().layers())
      if (layer.spec->id != "yellow_line") {
        INFO(layer.spec->id << ": " << layer.error.toStdString());
        CHECK(layer.rendered != nullptr);
      }
    QTreeWidgetItem* item = layerItem(window.layerPanel(), QStringLiteral("yellow_line"));
    REQUIRE(item);
    CHECK(item->text(0).contains(QStringLiteral("failed")));
    CHECK(item->toolTip(0) == yellow->error);
    const QImage frame = window.canvas().lastFrame();
    CHECK(yellowPixels(frame) < yellowBefore / 10);
    CHECK(inkShare(frame) > 0.3);  // districts, communities, roads, points still there

    // The file back, the layer draws again on the next reload.
    test::writeFile(source, whole);
    reloadWhileDrawing();
    CHECK(window.document().find("yellow_line")->rendered != nullptr);
    CHECK(yellowPixels(window.canvas().lastFrame()) > yellowBefore / 2);
  }
}

TEST_CASE("a catalog reloaded while a frame is drawn never shows the old catalog's map again", "[viewer][robustness]") {
  test::TempDir dir;
  const auto catalog = copyCatalog(dir);
  const std::string original = test::readFile(catalog);
  MainWindow window("en");
  window.resize(1200, 800);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  MapCanvas& canvas = window.canvas();
  const DrawFeature zone = window.document().find("yellow_line")->rendered->features.front();
  canvas.zoomTo(MapExtent{zone.minX, zone.minY, zone.maxX, zone.maxY}.grownBy(1.0));
  REQUIRE(waitForFrame(window));
  const size_t yellowBefore = yellowPixels(canvas.lastFrame());
  REQUIRE(yellowBefore > 200);

  // The catalog edited on disk: the yellow-line layer taken out. Any yellow frame shown after
  // the reload is the old catalog's.
  std::string edited = original;
  const size_t first = edited.find(R"({"id": "yellow_line")"), next = edited.find(R"({"id": "cable")");
  REQUIRE((first != std::string::npos && next != std::string::npos && first < next));
  edited.erase(first, next - first);
  test::writeFile(catalog, edited);

  size_t staleYellow = 0;
  const auto watch = [&] { staleYellow = std::max(staleYellow, yellowPixels(canvas.lastFrame())); };
  QObject::connect(&canvas, &MapCanvas::frameRendered, watch);
  bool loaded = false;
  QObject::connect(&window, &MainWindow::catalogLoaded, [&] { loaded = true; });
  canvas.zoomBy(1.2, canvas.rect().center());
  REQUIRE(canvas.isRendering());
  REQUIRE(window.openCatalog(catalog, true));
  watch();
  CHECK(yellowPixels(canvas.grab().toImage()) < yellowBefore / 10);  // the old map is not on screen
  REQUIRE(QTest::qWaitFor(
      [&] {
        watch();
        return loaded;
      },
      30000));
  REQUIRE(waitForFrame(window));
  watch();
  CHECK(window.document().find("yellow_line") == nullptr);
  CHECK(staleYellow < yellowBefore / 10);
  CHECK(inkShare(canvas.lastFrame()) > 0.3);

  // Reloads in quick succession, each while drawing, some before the last finished loading. The
  // waits between them only pace the burst (some reloads land mid-load, some after); what is
  // checked does not depend on them. `loaded` is reset just before the last reload: each reload
  // cancels the ones before it, so a catalogLoaded seen after that is the last reload's own, and
  // it cannot be missed however fast that load ends.
  test::writeFile(catalog, original);
  int loadsSeen = 0;
  QObject::connect(&window, &MainWindow::catalogLoaded, [&] { ++loadsSeen; });
  for (int i = 0; i < 6; ++i) {
    canvas.zoomBy(i % 2 ? 1.3 : 1 / 1.3, canvas.rect().center());
    if (i == 5) loaded = false;
    REQUIRE(window.openCatalog(catalog, true));
    if (i < 5) QTest::qWait(i * 15);
  }
  REQUIRE(QTest::qWaitFor([&] { return loaded; }, 30000));
  // Every load but the last one was cancelled or ended before the next reload: never more
  // catalogLoaded signals than reloads, and the last one's came after the others.
  CHECK(loadsSeen <= 6);
  CHECK(window.document().find("yellow_line") != nullptr);  // the catalog on disk now, not the edited one
  REQUIRE(waitForFrame(window));
  CHECK(window.document().find("yellow_line")->rendered != nullptr);
  CHECK(inkShare(canvas.lastFrame()) > 0.3);
}

TEST_CASE("closing the window during a long analysis returns at once and stops the worker", "[viewer][robustness]") {
  test::TempDir dir;
  // 600,000 points over Daye: the kernel density takes a good second.
  {
    std::ofstream csv(dir.path() / "many.csv");
    csv << "id,lon,lat\n";
    std::mt19937 random(7);
    std::uniform_real_distribution<double> lon(114.85, 115.15), lat(29.95, 30.20);
    for (int i = 0; i < 600000; ++i) csv << i << ',' << lon(random) << ',' << lat(random) << '\n';
  }
  const auto catalog = dir.path() / "many.json";
  test::writeFile(catalog, R"({"name": {"zh": "多点", "en": "Many"}, "crs": "EPSG:4547", "layers": [
    {"id": "many", "title": {"zh": "多点", "en": "Many points"}, "role": "points", "source": "many.csv",
     "x": "lon", "y": "lat", "crs": "CGCS2000", "id_field": "id"}]})");
  auto* window = new MainWindow("en");
  window->resize(1000, 700);
  window->show();
  REQUIRE(openAndWait(*window, catalog));
  AnalysisPanel& panel = window->analysisPanel();
  QString error = QStringLiteral("not finished");
  QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
  QElapsedTimer clock;
  clock.start();
  panel.runHotspots();
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  const qint64 whole = clock.elapsed();
  REQUIRE(error.isEmpty());

  panel.runHotspots();
  REQUIRE(panel.isRunning());
  // Pacing only: close about a fifth of the way in. Nothing checked depends on where the run
  // is when the window closes (closing before or after the worker's end must both be clean).
  QTest::qWait(static_cast<int>(whole / 5));
  clock.restart();
  window->close();
  delete window;
  const qint64 closing = clock.elapsed();
  // Tests assert no wall times (a loaded CI machine would make them flaky): how long closing took
  // is reported, not checked (about 75 ms against 500 ms before the workers stopped being waited
  // for, docs/robustness.md). What is checked: closing mid-run neither crashes nor hangs, and
  // the cancelled worker ends by itself.
  WARN("the whole analysis took " << whole << " ms; closing during it " << closing << " ms");
  // The cancelled worker ends by itself; what it posts to the panel that is gone is dropped.
  CHECK(QThreadPool::globalInstance()->waitForDone(30000));
  QCoreApplication::sendPostedEvents();  // deliver what the worker posted before it ended
  QCoreApplication::processEvents();
}
