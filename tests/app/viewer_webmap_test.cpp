// File → Export web map…: the page holds what the window shows (its layers on and off, its
// choropleth, its month, its view), written in the background; the page itself is tested in a
// browser by tests/webmap.

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidgetItem>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/analysis_panel.h"
#include "app/map_canvas.h"
#include "app/month_slider.h"
#include "app/viewer_support.h"

using namespace urbangis;
using namespace urbangis::viewer;
using namespace viewer_test;

namespace {

// The JSON the page carries in <script id="urbangis-data">.
nlohmann::json pageData(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string html = text.str();
  const std::string open = "<script type=\"application/json\" id=\"urbangis-data\">";
  const size_t begin = html.find(open);
  REQUIRE(begin != std::string::npos);
  const size_t end = html.find("</script>", begin);
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

}  // namespace

TEST_CASE("the web map exported from the viewer shows its layers, choropleth, month and view", "[viewer][webmap]") {
  test::TempDir dir;
  MainWindow window("zh");
  window.resize(1300, 850);
  window.show();
  REQUIRE(openAndWait(window, copyCatalog(dir)));
  QTreeWidgetItem* item = layerItem(window.layerPanel(), "yellow_line");
  REQUIRE(item);
  item->setCheckState(0, Qt::Unchecked);
  AnalysisPanel& panel = window.analysisPanel();
  QString error = QStringLiteral("not finished");
  QObject::connect(&panel, &AnalysisPanel::finished, [&](const QString& e) { error = e; });
  panel.runStats();  // districts
  REQUIRE(QTest::qWaitFor([&] { return !panel.isRunning() && error != QStringLiteral("not finished"); }, 60000));
  REQUIRE(panel.showColumn(QStringLiteral("complaints_count")));
  const std::vector<int32_t> months = window.monthSlider().months();
  REQUIRE(months.size() >= 12);
  // The view: a quarter of the district layer's extent, round its middle.
  const RenderLayer& districts = *window.document().find("districts")->rendered;
  const double cx = (districts.minX + districts.maxX) / 2, cy = (districts.minY + districts.maxY) / 2;
  const double w = (districts.maxX - districts.minX) / 4, h = (districts.maxY - districts.minY) / 4;
  window.canvas().zoomTo(MapExtent{cx - w, cy - h, cx + w, cy + h});
  REQUIRE(waitForFrame(window));

  const auto file = dir.path() / "daye.html";
  QSignalSpy exported(&window, &MainWindow::webMapExported);
  window.exportWebMap(QString::fromStdString(file.string()));
  REQUIRE(exported.wait(120000));
  CHECK(exported.front().front().toString().isEmpty());
  const nlohmann::json data = pageData(file);
  CHECK(data["lang"] == "zh");
  std::map<std::string, bool> visible;
  for (const auto& layer : data["layers"]) visible[layer["id"]] = layer["visible"];
  CHECK(visible.count("districts") == 1);
  CHECK(visible.count("assets") == 1);
  CHECK(visible["yellow_line"] == false);
  CHECK(visible["complaints"] == true);
  REQUIRE(data.contains("choropleth"));
  CHECK(data["choropleth"]["layer"] == "districts");
  CHECK(data["choropleth"]["column"] == "complaints_count");
  CHECK(data["choropleth"]["periods"].size() == months.size() + 1);
  CHECK(data["months"].size() == months.size());
  // The page opens on the window's view (in lon/lat, a little larger than the canvas's box).
  const MapExtent view = window.canvas().visibleExtent();
  const auto& extent = data["extent"];
  REQUIRE(extent.size() == 4);
  CHECK(extent[0].get<double>() < extent[2].get<double>());
  const double lonSpan = extent[2].get<double>() - extent[0].get<double>();
  const double metresSpan = view.maxX - view.minX;
  CHECK(lonSpan * 111320 * std::cos(30.1 * 3.14159265 / 180) == Approx(metresSpan).epsilon(0.05));
  CHECK(extent[1].get<double>() > 29.9);
  CHECK(extent[3].get<double>() < 30.4);
}
