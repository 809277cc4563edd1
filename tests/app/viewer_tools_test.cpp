// The viewer's map tools as a person uses them: zoom and identify, the attribute table's filter
// and selection, the measure tool, routes and tours, polygon selection.

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

#include "app/attribute_table.h"
#include "app/identify_panel.h"
#include "app/route_panel.h"
#include "app/viewer_support.h"
#include "render/render_layer.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

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
  const MapView view(window.canvas().visibleExtent(), QRectF(0, 0, window.canvas().width(), window.canvas().height()),
                     96);
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
  REQUIRE(waitForFrame(window));  // the zoom to the feature; the highlight is painted by grab()
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
  const QPointF corners[] = {
      {cx - 1000, cy - 500}, {cx + 1000, cy - 500}, {cx + 1000, cy + 500}, {cx - 1000, cy + 500}};
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
  canvas.zoomTo(
      MapExtent{std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()), std::max(a.y(), b.y())}.grownBy(
          0.3));
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
  // The window's own routeFinished slot (connected first) has set the overlay; grab() paints it.
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

TEST_CASE("the polygon selection tool selects the features the drawn polygon touches; Esc cancels", "[viewer]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1300, 850);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  window.findChild<QDockWidget*>(QStringLiteral("table"))->show();
  AttributeTable& table = window.attributeTable();
  MapCanvas& canvas = window.canvas();
  QComboBox* layers = table.findChild<QComboBox*>();
  REQUIRE(layers);
  layers->setCurrentIndex(layers->findData(QStringLiteral("districts")));
  const DocumentLayer* districts = window.document().find("districts");
  REQUIRE(districts);
  const DrawFeature* jinhu = featureLabelled(*districts, "金湖街道");
  REQUIRE(jinhu);
  canvas.zoomTo(MapExtent{jinhu->minX, jinhu->minY, jinhu->maxX, jinhu->maxY});
  REQUIRE(waitForFrame(window));
  canvas.setTool(CanvasTool::selectPolygon);
  canvas.setFocus();
  MapView view = canvasView(canvas);

  // A triangle inside the district that meets no boundary: the district holds it.
  const QPoint label = view.toScreen(jinhu->labelX, jinhu->labelY).toPoint();
  drawPolygon(canvas, {label + QPoint(-12, -10), label + QPoint(12, -10), label + QPoint(0, 12)}, false);
  CHECK(canvas.selectionPolygon().empty());
  CHECK(table.selectedFids() == std::vector<int64_t>{jinhu->fid});

  // Esc drops the polygon being drawn; Enter then closes nothing and the selection stays.
  for (const QPoint& corner : {QPoint(20, 20), QPoint(300, 40), QPoint(200, 300)})
    QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, corner);
  CHECK(canvas.selectionPolygon().size() == 3);
  QTest::keyClick(&canvas, Qt::Key_Escape);
  CHECK(canvas.selectionPolygon().empty());
  QTest::keyClick(&canvas, Qt::Key_Return);
  CHECK(table.selectedFids() == std::vector<int64_t>{jinhu->fid});

  // A square round a corner of the district's outline holds no district whole, but touches it
  // (the box tool, which takes what lies inside, would select nothing here).
  const RenderLayer& drawn = *districts->rendered;
  const uint32_t corner = drawn.partStarts[jinhu->firstPart];
  const QPoint at = view.toScreen(drawn.x[corner], drawn.y[corner]).toPoint();
  drawPolygon(canvas, {at + QPoint(-8, -8), at + QPoint(8, -8), at + QPoint(8, 8), at + QPoint(-8, 8)}, true);
  const std::vector<int64_t> touched = table.selectedFids();
  CHECK(std::find(touched.begin(), touched.end(), jinhu->fid) != touched.end());
  CHECK(touched.size() < 5);

  // Points: exactly those inside a pentagon over the city, as an even-odd test of their
  // coordinates finds them; selected in the table and ringed on the map.
  layers->setCurrentIndex(layers->findData(QStringLiteral("complaints")));
  const DocumentLayer* complaints = window.document().find("complaints");
  REQUIRE(complaints);
  const RenderLayer& points = *complaints->rendered;
  canvas.zoomTo(MapExtent{points.minX, points.minY, points.maxX, points.maxY});
  REQUIRE(waitForFrame(window));
  view = canvasView(canvas);
  std::vector<QPoint> pentagon;
  QPolygonF world;
  const double radius = std::min(canvas.width(), canvas.height()) * 0.4;
  for (int k = 0; k < 5; ++k) {
    const double angle = 0.3 + 2 * M_PI * k / 5;
    pentagon.push_back(canvas.rect().center() +
                       QPoint(static_cast<int>(radius * std::cos(angle)), static_cast<int>(radius * std::sin(angle))));
    world << view.toWorld(QPointF(pentagon.back()));
  }
  std::vector<int64_t> expected;
  for (const DrawFeature& feature : points.features) {
    const uint32_t i = points.partStarts[feature.firstPart];
    if (world.containsPoint(QPointF(points.x[i], points.y[i]), Qt::OddEvenFill)) expected.push_back(feature.fid);
  }
  REQUIRE(expected.size() >= 5);
  QTest::mouseMove(&canvas, pentagon[4]);
  for (size_t i = 0; i < 4; ++i) QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, pentagon[i]);
  QTest::mouseMove(&canvas, pentagon[4]);
  screenshot(window, "viewer-polygon-drawing.png");
  doubleClick(canvas, pentagon[4]);
  CHECK(sorted(table.selectedFids()) == sorted(expected));
  CHECK(cyanPixels(canvas.grab().toImage()) > 20 * expected.size() / 2);
  screenshot(window, "viewer-polygon-select.png");
}
