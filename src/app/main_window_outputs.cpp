// What the window hands on: the map exported as a print (PNG/PDF/SVG) and the route panel's
// route or tour drawn over the map.

#include "app/main_window.h"

#include <QDate>
#include <QLabel>
#include <QStatusBar>

#include "app/map_canvas.h"
#include "app/month_slider.h"
#include "app/route_panel.h"
#include "io/values/timestamps.h"
#include "render/print_export.h"

#include <ogr_geometry.h>

namespace urbangis::viewer {

QString MainWindow::exportMap(const QString& file) {
  if (!document_.isOpen()) return tr("No catalog is open");
  PrintMap map;
  map.language = language_;
  map.extent = canvas_->visibleExtent();
  for (const DocumentLayer& layer : document_.layers())
    if (layer.visible && layer.rendered) map.layers.push_back({layer.rendered.get(), layer.opacity});
  const bool zh = language_ == "zh";
  const std::string place = document_.catalog().name.in(language_);
  map.title = QString::fromStdString(place + (zh ? "城市管理地图" : " urban management map"));
  map.dateText =
      (zh ? QStringLiteral("制图日期 ") : QStringLiteral("Made ")) + QDate::currentDate().toString(Qt::ISODate);
  map.sourceNote = QString::fromStdString((zh ? "数据来源：" : "Data: ") + place);
  map.crsText = crsLabel_->text();
  map.month = monthSlider_->month();  // the print shows what the map shows
  if (map.month) map.subtitle = QString::fromStdString((zh ? "月份 " : "Month ") + monthKeyText(*map.month));
  std::vector<std::filesystem::path> inputs{catalogFile_};
  for (const DocumentLayer& layer : document_.layers()) inputs.push_back(layer.spec->resolvedSource);
  try {
    exportPrintMap(map, file.toStdString(), QSize(3508, 2480), 300, inputs);
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
  statusBar()->showMessage(tr("Wrote %1").arg(file), 8000);
  return {};
}

// The route or tour on the map: its lines from the output table (working CRS) and the places.
void MainWindow::showRoute() {
  std::vector<std::vector<QPointF>> lines;
  const auto& outcome = routePanel_->outcome();
  if (outcome && outcome->error.isEmpty())
    for (const auto& wkb : outcome->table.wkb) {
      OGRGeometry* geometry = nullptr;
      if (wkb.empty() || OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()) != OGRERR_NONE)
        continue;
      OGRGeometryUniquePtr owned(geometry);
      if (wkbFlatten(geometry->getGeometryType()) != wkbLineString) continue;
      std::vector<QPointF> line;
      for (const auto& point : *geometry->toLineString()) line.emplace_back(point.getX(), point.getY());
      lines.push_back(std::move(line));
    }
  canvas_->setRouteOverlay(std::move(lines), {});
  if (outcome && !outcome->error.isEmpty()) statusBar()->showMessage(outcome->error, 15000);
}

}  // namespace urbangis::viewer
