// The viewer's analysis panel: a statistic mapped by zone and hot spots over the map, and both
// coming back when the catalog is opened again.

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QImage>
#include <QSpinBox>
#include <QTest>

#include <cmath>
#include <set>

#include "analysis/stats/stats.h"
#include "app/analysis_panel.h"
#include "app/viewer_state.h"
#include "app/viewer_support.h"
#include "render/render_layer.h"
#include "style/color_brewer.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

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

TEST_CASE("the choropleth and hot-spot overlay chosen in the analysis panel come back on reopen", "[viewer]") {
  test::TempDir dir;
  const auto catalog = copyCatalog(dir);
  {
    MainWindow window("en");
    window.resize(1300, 850);
    window.show();
    REQUIRE(openAndWait(window, catalog));
    AnalysisPanel& panel = window.analysisPanel();
    QString error = QStringLiteral("not finished");
    QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
    panel.runStats();
    REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
    REQUIRE(error.isEmpty());
    auto* classes = panel.findChild<QComboBox*>(QStringLiteral("classMethod"));
    auto* palette = panel.findChild<QComboBox*>(QStringLiteral("palette"));
    auto* count = panel.findChild<QSpinBox*>(QStringLiteral("classCount"));
    auto* column = panel.findChild<QComboBox*>(QStringLiteral("statsColumn"));
    REQUIRE((classes && palette && count && column));
    column->setCurrentText(QStringLiteral("complaints_per_km2"));
    classes->setCurrentIndex(classes->findData(QStringLiteral("quantile")));
    palette->setCurrentText(QStringLiteral("Blues"));
    count->setValue(4);
    CHECK(window.document().find("districts")->rendered->legend.size() == 4);

    auto* points = panel.findChild<QComboBox*>(QStringLiteral("pointsLayer"));
    REQUIRE(points);
    points->setCurrentIndex(points->findData(QStringLiteral("complaints")));
    error = QStringLiteral("not finished");
    panel.runHotspots();
    REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
    REQUIRE(error.isEmpty());
    window.document().setOpacity("analysis_density", 0.5);
    window.close();
  }
  const auto state = loadViewerState(catalog);
  REQUIRE(state);
  REQUIRE(state->choropleth);
  CHECK(state->choropleth->zones == "districts");
  CHECK(state->choropleth->column == "complaints_per_km2");
  CHECK(state->choropleth->method == "quantile");
  CHECK(state->choropleth->classes == 4);
  CHECK(state->choropleth->palette == "Blues");
  REQUIRE(state->hotspots.size() == 1);
  CHECK(state->hotspots.front().layer == "complaints");
  CHECK(state->hotspots.front().method == "kde");

  MainWindow window("en");
  window.resize(1300, 850);
  window.show();
  REQUIRE(openAndWait(window, catalog));
  MapDocument& document = window.document();
  // Computed again in the background: the statistics first, then the density surface.
  REQUIRE(QTest::qWaitFor(
      [&] {
        const DocumentLayer* districts = document.find("districts");
        const DocumentLayer* density = document.find("analysis_density");
        return districts && districts->rendered && districts->rendered->legend.size() == 4 && density &&
               density->rendered && !window.analysisPanel().isRunning();
      },
      60000));
  const RenderLayer& districts = *document.find("districts")->rendered;
  CHECK(districts.style.renderer == StyleRenderer::graduated);
  const auto blues = colorBrewer("Blues", 4);
  REQUIRE(blues);
  for (size_t c = 0; c < 4; ++c) CHECK(districts.legend[c].symbol.fill == (*blues)[c]);
  CHECK(document.find("analysis_density")->opacity == Approx(0.5));
  CHECK(document.find("analysis_density")->rendered->raster.has_value());
  CHECK(window.analysisPanel().choropleth()->column == "complaints_per_km2");

  // On the map, with the density surface hidden: the districts in the four blues.
  document.setVisible("analysis_density", false);
  REQUIRE(waitForFrame(window));
  const QImage frame = window.canvas().lastFrame().convertToFormat(QImage::Format_RGB32);
  std::set<size_t> classesSeen;
  for (int y = 0; y < frame.height(); y += 2)
    for (int x = 0; x < frame.width(); x += 2) {
      const QColor c(frame.pixel(x, y));
      for (size_t k = 0; k < 4; ++k) {
        const Rgba& blue = (*blues)[k];
        if (std::abs(c.red() - blue.r) + std::abs(c.green() - blue.g) + std::abs(c.blue() - blue.b) < 12)
          classesSeen.insert(k);
      }
    }
  CHECK(classesSeen.size() >= 3);
}
