// The month slider: the map, the choropleth, identify, selection and the hot-spot overlays show
// the chosen month, checked against the stats command on the same month.

#include <catch2/catch.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QSlider>
#include <QTest>
#include <QTreeWidgetItemIterator>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/export/export_layer.h"
#include "analysis/stats/stats.h"
#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/identify_panel.h"
#include "app/month_slider.h"
#include "app/trend_chart.h"
#include "app/viewer_support.h"
#include "io/catalog/catalog_loader.h"
#include "io/values/timestamps.h"
#include "render/render_layer.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

namespace {

// Straight from the GeoPackage with OGR, not through the viewer: street_order's features per
// month ("2023-05"), and per month those inside district `districtFid` (by GEOS, in the data's CRS).
struct StreetOrderMonths {
  std::map<std::string, size_t> all, inDistrict;
};

StreetOrderMonths countStreetOrder(int64_t districtFid) {
  GDALAllRegister();
  GDALDatasetUniquePtr data(
      GDALDataset::Open((test::dataDir() / "daye.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  REQUIRE(data);
  StreetOrderMonths counts;
  for (auto& feature : *data->GetLayerByName("street_order")) {
    std::string month = std::string(feature->GetFieldAsString("date")).substr(0, 7);  // OGR writes dates "2023/01/05"
    std::replace(month.begin(), month.end(), '/', '-');
    ++counts.all[month];
  }
  const std::string sql =
      "SELECT substr(s.date, 1, 7) FROM street_order s, districts d WHERE d.fid = " + std::to_string(districtFid) +
      " AND ST_Contains(d.geom, s.geom)";
  OGRLayer* inside = data->ExecuteSQL(sql.c_str(), nullptr, "SQLITE");
  REQUIRE(inside);
  for (auto& feature : *inside) ++counts.inDistrict[feature->GetFieldAsString(0)];
  data->ReleaseResultSet(inside);
  return counts;
}

// Pixels of strong colour (the markers, legend swatches), not greys, white or text.
size_t saturatedPixels(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t count = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) {
      const QColor c(rgb.pixel(x, y));
      count += std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) > 100 ? 1 : 0;
    }
  return count;
}

void requireSameTable(const OutputTable& shown, const OutputTable& expected) {
  REQUIRE(shown.columns.size() == expected.columns.size());
  REQUIRE(shown.rows.size() == expected.rows.size());
  for (size_t r = 0; r < expected.rows.size(); ++r)
    for (size_t c = 0; c < expected.columns.size(); ++c) {
      INFO(expected.columns[c].name << " row " << r);
      const CellValue &a = shown.rows[r][c], &b = expected.rows[r][c];
      if (const auto* x = std::get_if<double>(&b)) {
        REQUIRE(std::holds_alternative<double>(a));
        CHECK(std::get<double>(a) == Approx(*x).margin(1e-9));
      } else {
        CHECK(a == b);
      }
    }
}

StatsResult statsForMonth(const std::filesystem::path& catalogFile, const std::string& month) {
  const Catalog catalog = loadCatalog(catalogFile);
  StatsRequest request;
  request.zonesLayer = "districts";
  const int32_t key = *parseMonthKey(month);
  request.window.since = monthStartSeconds(key);
  request.window.until = monthStartSeconds(key + 1);
  return computeStats(catalog, request, SilentProgress());
}

}  // namespace

TEST_CASE(
    "the month slider filters the points drawn and the choropleth; the trend chart counts a zone's months; "
    "the month comes back on reopen",
    "[viewer][time]") {
  test::TempDir dir;
  const auto catalogFile = copyCatalog(dir);
  {
    MainWindow window("zh");
    window.resize(1400, 900);
    window.show();
    REQUIRE(openAndWait(window, catalogFile));
    MonthSlider& months = window.monthSlider();
    auto* slider = months.findChild<QSlider*>(QStringLiteral("monthSlider"));
    REQUIRE(slider);
    REQUIRE(months.months().size() == 12);  // every layer's dates fall in 2023
    CHECK(monthKeyText(months.months().front()) == "2023-01");
    CHECK(!months.month());

    // Only street_order on the map: what is drawn is its points.
    for (const DocumentLayer& layer : window.document().layers())
      window.document().setVisible(QString::fromStdString(layer.spec->id), layer.spec->id == "street_order");
    REQUIRE(waitForFrame(window));
    const StreetOrderMonths expected = countStreetOrder(1);
    const FrameStats all = window.canvas().lastFrameStats();
    CHECK(all.featuresDrawn + all.pointsSkipped == 840);
    const size_t allInk = markerPixels(window.canvas().lastFrame());

    // The keyboard: Right steps from "All" to the first month.
    AnalysisPanel& panel = window.analysisPanel();
    QString error = QStringLiteral("not finished");
    QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
    panel.runStats();  // districts, counted over every month
    REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
    REQUIRE(error.isEmpty());
    REQUIRE(panel.showColumn(QStringLiteral("street_order_count")));
    const OutputTable allMonths = panel.statsTable();

    slider->setFocus();
    error = QStringLiteral("not finished");
    QTest::keyClick(slider, Qt::Key_Right);
    REQUIRE(months.month());
    CHECK(monthKeyText(*months.month()) == "2023-01");
    CHECK(window.canvas().month() == months.month());
    REQUIRE(waitForFrame(window));
    const FrameStats january = window.canvas().lastFrameStats();
    CHECK(january.featuresDrawn + january.pointsSkipped == expected.all.at("2023-01"));  // 43, not 840
    const size_t januaryInk = markerPixels(window.canvas().lastFrame());
    CHECK(januaryInk < allInk / 3);
    CHECK(januaryInk > 0);

    // Six more steps while the statistics run: the run for a month left behind is stopped, and
    // the choropleth ends counting July, with the column chosen before. Armed again first:
    // January's run may have finished (and said so) while its frame was awaited.
    error = QStringLiteral("not finished");
    for (int step = 0; step < 6; ++step) QTest::keyClick(slider, Qt::Key_Right);
    CHECK(monthKeyText(*months.month()) == "2023-07");
    REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
    REQUIRE(error.isEmpty());
    const StatsResult july = statsForMonth(catalogFile, "2023-07");
    requireSameTable(panel.statsTable(), july.table);
    CHECK(panel.choropleth()->column == "street_order_count");
    CHECK(panel.statsTable().rows != allMonths.rows);  // July is not the whole year
    REQUIRE(waitForFrame(window));
    const FrameStats julyFrame = window.canvas().lastFrameStats();
    CHECK(julyFrame.featuresDrawn + julyFrame.pointsSkipped == expected.all.at("2023-07"));

    // The trend chart of the district selected in the table: its street_order points per month.
    window.document().setVisible(QStringLiteral("districts"), true);
    emit window.attributeTable().selectionChanged(QStringLiteral("districts"), {1});
    const auto& series = window.trendChart().series();
    REQUIRE(series.size() == 12);
    size_t total = 0;
    for (const auto& [month, count] : series) {
      const std::string text = monthKeyText(month);
      INFO(text);
      CHECK(count == (expected.inDistrict.count(text) ? expected.inDistrict.at(text) : 0));
      total += count;
    }
    size_t inDistrict = 0;  // straight from OGR and GEOS, not through the viewer
    for (const auto& [month, count] : expected.inDistrict) inDistrict += count;
    CHECK(total == inDistrict);
    CHECK(total > 0);
    // Another points layer chosen in the analysis panel: the chart counts it instead.
    auto* pointsChoice = window.analysisPanel().findChild<QComboBox*>(QStringLiteral("pointsLayer"));
    REQUIRE(pointsChoice);
    const int billboards = pointsChoice->findData(QStringLiteral("billboards"));
    REQUIRE(billboards >= 0);
    pointsChoice->setCurrentIndex(billboards);
    CHECK(window.trendChart().title().contains(QStringLiteral("户外广告拆除")));
    pointsChoice->setCurrentIndex(pointsChoice->findData(QStringLiteral("street_order")));
    CHECK(window.trendChart().title().contains(QStringLiteral("市容秩序案件")));
    window.setLanguage("zh");
    REQUIRE(waitForFrame(window));
    screenshot(window, "viewer-time.png");

    // The exported print map shows the month too: fewer coloured marker pixels than all months'
    // (both prints of the same view and legend).
    const QString julyFile = QString::fromStdString((dir.path() / "july.png").string());
    const QString allFile = QString::fromStdString((dir.path() / "all.png").string());
    window.document().setVisible(QStringLiteral("districts"), false);  // street_order's markers only
    REQUIRE(window.exportMap(julyFile).isEmpty());
    slider->setValue(0);
    REQUIRE(!months.month());
    REQUIRE(window.exportMap(allFile).isEmpty());
    const size_t julyPrint = saturatedPixels(QImage(julyFile)), allPrint = saturatedPixels(QImage(allFile));
    CHECK(julyPrint > 0);
    CHECK(julyPrint < allPrint * 6 / 10);
    error = QStringLiteral("not finished");
    slider->setValue(7);  // back to July for the saved state
    REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
    window.close();  // saves the state beside the catalog
  }

  MainWindow again("zh");
  again.resize(1400, 900);
  again.show();
  AnalysisPanel& panel = again.analysisPanel();
  QString error = QStringLiteral("not finished");
  QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
  REQUIRE(openAndWait(again, catalogFile));
  REQUIRE(again.monthSlider().month());
  CHECK(monthKeyText(*again.monthSlider().month()) == "2023-07");
  CHECK(again.canvas().month() == again.monthSlider().month());
  // The choropleth comes back counting July.
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  REQUIRE(error.isEmpty());
  requireSameTable(panel.statsTable(), statsForMonth(catalogFile, "2023-07").table);
}

namespace {

// What a KDE overlay integrates to: its density (per km²) times the cell area.
double densityIntegral(const RasterGrid& raster) {
  double sum = 0;
  for (float value : raster.values)
    if (value > 0) sum += value;
  return sum * raster.cellWidth * raster.cellHeight / 1e6;
}

}  // namespace

TEST_CASE("identify, selection and hot-spot overlays follow the month slider", "[viewer][time]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1300, 850);
  window.show();
  const auto catalogFile = copyCatalog(dir);
  REQUIRE(openAndWait(window, catalogFile));
  for (const DocumentLayer& layer : window.document().layers())
    window.document().setVisible(QString::fromStdString(layer.spec->id), layer.spec->id == "street_order");
  window.findChild<QDockWidget*>(QStringLiteral("table"))->show();
  AttributeTable& table = window.attributeTable();
  QComboBox* layers = table.findChild<QComboBox*>();
  REQUIRE(layers);
  layers->setCurrentIndex(layers->findData(QStringLiteral("street_order")));
  MapCanvas& canvas = window.canvas();
  const DocumentLayer* streetOrder = window.document().find("street_order");
  REQUIRE(streetOrder);
  const RenderLayer& points = *streetOrder->rendered;
  REQUIRE(points.timed);
  canvas.zoomTo(MapExtent{points.minX, points.minY, points.maxX, points.maxY});
  REQUIRE(waitForFrame(window));
  auto* slider = window.monthSlider().findChild<QSlider*>(QStringLiteral("monthSlider"));
  REQUIRE(slider);
  const int32_t july = *parseMonthKey("2023-07");
  const auto inMonth = [&](const DrawFeature& feature, std::optional<int32_t> month) {
    return !month || feature.month == *month;
  };

  // Box selection: the features inside the box that are on the map, all months then July.
  const auto boxSelect = [&](std::optional<int32_t> month) {
    const MapView view = canvasView(canvas);
    const QPoint from(20, 20), to(canvas.width() - 20, canvas.height() - 20);
    const QPointF a = view.toWorld(QPointF(from)), b = view.toWorld(QPointF(to));
    std::vector<int64_t> expected;
    for (const DrawFeature& feature : points.features) {
      const uint32_t i = points.partStarts[feature.firstPart];
      if (inMonth(feature, month) && points.x[i] >= std::min(a.x(), b.x()) && points.x[i] <= std::max(a.x(), b.x()) &&
          points.y[i] >= std::min(a.y(), b.y()) && points.y[i] <= std::max(a.y(), b.y()))
        expected.push_back(feature.fid);
    }
    canvas.setTool(CanvasTool::select);
    QTest::mousePress(&canvas, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(&canvas, to);
    QTest::mouseRelease(&canvas, Qt::LeftButton, Qt::NoModifier, to);
    CHECK(sorted(table.selectedFids()) == sorted(expected));
    return expected.size();
  };
  const size_t allSelected = boxSelect(std::nullopt);
  slider->setValue(7);
  REQUIRE(canvas.month() == july);
  const size_t julySelected = boxSelect(july);
  CHECK(julySelected > 0);
  CHECK(julySelected < allSelected / 4);

  // Identify on a point of another month with no July point near it: nothing while July is
  // chosen (the point is not drawn), the point itself with all months.
  const DrawFeature* lonely = nullptr;
  for (const DrawFeature& candidate : points.features) {
    if (candidate.month == july) continue;
    const uint32_t c = points.partStarts[candidate.firstPart];
    bool julyNear = false;
    for (const DrawFeature& other : points.features) {
      const uint32_t o = points.partStarts[other.firstPart];
      julyNear =
          julyNear || (other.month == july && std::hypot(points.x[o] - points.x[c], points.y[o] - points.y[c]) < 200);
    }
    if (!julyNear) {
      lonely = &candidate;
      break;
    }
  }
  REQUIRE(lonely);
  const uint32_t at = points.partStarts[lonely->firstPart];
  canvas.zoomTo(MapExtent{points.x[at] - 100, points.y[at] - 100, points.x[at] + 100, points.y[at] + 100});
  REQUIRE(waitForFrame(window));
  canvas.setTool(CanvasTool::identify);
  const QPoint spot = canvasView(canvas).toScreen(points.x[at], points.y[at]).toPoint();
  QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, spot);  // identify answers at once
  CHECK(window.identifyPanel().topLevelItemCount() == 0);
  slider->setValue(0);
  REQUIRE(!canvas.month());
  QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, spot);
  REQUIRE(QTest::qWaitFor([&] { return window.identifyPanel().topLevelItemCount() > 0; }, 5000));
  bool sawIt = false;
  for (QTreeWidgetItemIterator it(&window.identifyPanel()); *it; ++it)
    sawIt = sawIt || (*it)->text(0) == QObject::tr("feature %1").arg(lonely->fid) ||
            (*it)->text(0).endsWith(QString::number(lonely->fid));
  CHECK(sawIt);

  // The density overlay of street_order counts July's points, then August's when the slider moves.
  AnalysisPanel& panel = window.analysisPanel();
  QString error = QStringLiteral("not finished");
  QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
  auto* pointsChoice = panel.findChild<QComboBox*>(QStringLiteral("pointsLayer"));
  REQUIRE(pointsChoice);
  pointsChoice->setCurrentIndex(pointsChoice->findData(QStringLiteral("street_order")));
  slider->setValue(7);
  panel.runHotspots();
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  REQUIRE(error.isEmpty());
  const auto monthCount = [&](int32_t month) {
    return std::count_if(points.features.begin(), points.features.end(),
                         [&](const DrawFeature& feature) { return feature.month == month; });
  };
  const DocumentLayer* density = window.document().find("analysis_density");
  REQUIRE(density);
  REQUIRE(density->rendered);
  CHECK(density->spec->title.zh.find("2023-07") != std::string::npos);
  CHECK(densityIntegral(*density->rendered->raster) == Approx(monthCount(july)).epsilon(0.01));

  error = QStringLiteral("not finished");
  slider->setValue(8);
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  REQUIRE(error.isEmpty());
  density = window.document().find("analysis_density");
  REQUIRE(density);
  REQUIRE(density->rendered);
  CHECK(density->spec->title.zh.find("2023-08") != std::string::npos);
  CHECK(densityIntegral(*density->rendered->raster) == Approx(monthCount(july + 1)).epsilon(0.01));
  CHECK(monthCount(july + 1) != monthCount(july));
  CHECK(panel.hotspots().size() == 1);  // the overlay computed again, not a second one
  CHECK(pointsChoice->currentData().toString() == QStringLiteral("street_order"));

  // Statistics asked for, then the month moved before they are done (no map of them yet): they
  // are counted again for the new month, not dropped.
  error = QStringLiteral("not finished");
  panel.runStats();
  slider->setValue(9);
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  REQUIRE(error.isEmpty());
  requireSameTable(panel.statsTable(), statsForMonth(catalogFile, "2023-09").table);
}
