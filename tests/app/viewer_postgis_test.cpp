// The viewer on the PostGIS copy of Daye (hidden [postgis] tests): big layers read by view window.

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>

#include "analysis/stats/stats.h"
#include "app/add_layers_dialog.h"
#include "app/postgis_dialog.h"
#include "app/viewer_support.h"
#include "postgis/postgis_support.h"
#include "render/render_layer.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

namespace {

// The points of `layer` (read whole) whose position lies in the box.
std::vector<int64_t> fidsInBox(const RenderLayer& layer, double minX, double minY, double maxX, double maxY) {
  std::vector<int64_t> fids;
  for (const DrawFeature& feature : layer.features) {
    const uint32_t i = layer.partStarts[feature.firstPart];
    if (layer.x[i] >= minX && layer.x[i] <= maxX && layer.y[i] >= minY && layer.y[i] <= maxY)
      fids.push_back(feature.fid);
  }
  return fids;
}

}  // namespace

// Run by CTest as viewer.postgis_window with the PostGIS test cluster (hidden otherwise).
TEST_CASE("a big PostGIS layer is read by view window: what is in view is all there, panning reads again",
          "[.][postgis]") {
  test::TempDir dir;
  std::filesystem::copy_file(test::dayePgCatalog(), dir.path() / "daye_pg.json");
  MainWindow window("zh");
  // Every PostGIS points, lines and areas layer counts as big here; 200 features per window.
  window.document().setWindowing(0, 200);
  window.resize(1300, 850);
  window.show();
  REQUIRE(openAndWait(window, dir.path() / "daye_pg.json"));
  for (const DocumentLayer& layer : window.document().layers())
    window.document().setVisible(QString::fromStdString(layer.spec->id), layer.spec->id == "street_order");
  const DocumentLayer* streetOrder = window.document().find("street_order");
  REQUIRE(streetOrder);
  CHECK(streetOrder->windowed);
  CHECK_FALSE(window.document().find("districts")->windowed);  // zones are read whole
  const RenderLayer whole =
      loadRenderLayer(*streetOrder->spec, window.document().workingCrs(), "zh", std::nullopt, SilentProgress());
  REQUIRE(whole.features.size() == 840);

  // The whole city in view: more than 200 in the window, so the first 200 are drawn and said.
  REQUIRE(QTest::qWaitFor(
      [&] { return streetOrder->rendered->window && streetOrder->rendered->window->maxFeatures > 0; }, 20000));
  CHECK(streetOrder->rendered->truncated);
  CHECK(streetOrder->rendered->features.size() == 200);
  // The layer's extent is the whole table's (PostGIS may estimate it a little larger), not the window's.
  const RenderLayer& first = *streetOrder->rendered;
  CHECK(first.minX <= whole.minX + 1);
  CHECK(first.minY <= whole.minY + 1);
  CHECK(first.maxX >= whole.maxX - 1);
  CHECK(first.maxY >= whole.maxY - 1);
  CHECK(first.maxX - first.minX < 1.2 * (whole.maxX - whole.minX));

  // Zoomed to two districts in turn, with room for 1,000 features per window: each time the
  // window is read again, and every point in view is drawn (the frame's count equals the whole
  // layer's points in view).
  window.document().setWindowing(0, 1000);
  const DocumentLayer* districts = window.document().find("districts");
  REQUIRE(districts);
  // 金湖街道, then the district farthest from it (out of the first window).
  const DrawFeature* jinhu = nullptr;
  for (const DrawFeature& feature : districts->rendered->features)
    if (feature.label == "金湖街道") jinhu = &feature;
  REQUIRE(jinhu);
  const DrawFeature* farthest = jinhu;
  for (const DrawFeature& feature : districts->rendered->features)
    if (std::hypot(feature.labelX - jinhu->labelX, feature.labelY - jinhu->labelY) >
        std::hypot(farthest->labelX - jinhu->labelX, farthest->labelY - jinhu->labelY))
      farthest = &feature;
  std::vector<int64_t> seenBefore;
  for (const DrawFeature* district : {jinhu, farthest}) {
    INFO(district->label);
    const std::shared_ptr<const RenderLayer> before = streetOrder->rendered;
    window.canvas().zoomTo(MapExtent{district->minX, district->minY, district->maxX, district->maxY});
    REQUIRE(QTest::qWaitFor([&] { return streetOrder->rendered != before; }, 20000));
    const RenderLayer& read = *streetOrder->rendered;
    CHECK_FALSE(read.truncated);
    const MapExtent view = window.canvas().visibleExtent();
    REQUIRE(read.window);
    CHECK(read.window->holds(ReadWindow{view.minX, view.minY, view.maxX, view.maxY, 0}));
    // What was read is what lies in the window: all of it, and beyond it only what the box in
    // the table's lon/lat adds at the corners (a few percent of its size).
    std::vector<int64_t> loaded;
    for (const DrawFeature& feature : read.features) loaded.push_back(feature.fid);
    const double margin = 0.05 * (read.window->maxX - read.window->minX);
    const auto inner = fidsInBox(whole, read.window->minX, read.window->minY, read.window->maxX, read.window->maxY);
    const auto outer = fidsInBox(whole, read.window->minX - margin, read.window->minY - margin,
                                 read.window->maxX + margin, read.window->maxY + margin);
    for (int64_t fid : inner) CHECK(std::find(loaded.begin(), loaded.end(), fid) != loaded.end());
    for (int64_t fid : loaded) CHECK(std::find(outer.begin(), outer.end(), fid) != outer.end());
    CHECK(loaded.size() < 840);
    CHECK(loaded != seenBefore);
    seenBefore = loaded;
    // The map: every point of the whole layer inside the view is drawn.
    REQUIRE(waitForFrame(window));
    const FrameStats stats = window.canvas().lastFrameStats();
    const size_t inView = fidsInBox(whole, view.minX, view.minY, view.maxX, view.maxY).size();
    CHECK(stats.featuresDrawn + stats.pointsSkipped == inView);
    if (inView > 0) CHECK(markerPixels(window.canvas().lastFrame()) > 0);
  }
}

// Run by CTest as viewer.postgis_window with the PostGIS test cluster (hidden otherwise).
TEST_CASE("PostGIS tables added through the dialog: chosen in the list, no password in the saved catalog",
          "[.][postgis]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1200, 800);
  window.show();
  PostgisDialog* connection = window.showPostgisDialog();
  REQUIRE(connection);
  connection->setConnection(test::pgSource() + " schemas=daye");
  CHECK(connection->connection().find("dbname=") != std::string::npos);
  CHECK(connection->connection().find("password") == std::string::npos);
  QSignalSpy loaded(&window, &MainWindow::catalogLoaded);
  QSignalSpy windowRead(&window.document(), &MapDocument::windowRead);  // PostGIS points: read for the view
  connection->accept();
  auto* list = window.findChild<AddLayersDialog*>();
  REQUIRE(list);  // the schema's tables, to choose from
  REQUIRE(list->chooseOnly({QStringLiteral("street_order"), QStringLiteral("districts")}) == 2);
  list->accept();
  REQUIRE((loaded.count() > 0 || loaded.wait(60000)));
  REQUIRE(window.document().layers().size() == 2);
  REQUIRE((windowRead.count() > 0 || windowRead.wait(30000)));
  for (const DocumentLayer& layer : window.document().layers()) {
    INFO(layer.spec->id << ": " << layer.error.toStdString());
    CHECK(layer.rendered);
    CHECK(layer.spec->resolvedSource.rfind("PG:", 0) == 0);
    if (layer.spec->id.find("street_order") != std::string::npos) {
      CHECK(layer.spec->role == LayerRole::points);
      REQUIRE(layer.rendered);
      CHECK(layer.rendered->features.size() == 840);
    } else {
      CHECK(layer.spec->role == LayerRole::zones);
    }
  }
  REQUIRE(window.saveCatalogAs(dir.path() / "pg.json"));
  const std::string saved = test::readFile(dir.path() / "pg.json");
  CHECK(saved.find("PG:host=") != std::string::npos);
  CHECK(saved.find("password") == std::string::npos);
}
