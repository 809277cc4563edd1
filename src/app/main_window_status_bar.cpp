// What the status bar reads out: the cursor's place (projected, lon/lat, GCJ-02), the scale and
// the measure tool's ellipsoidal length and area.

#include "app/main_window.h"

#include <QAction>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>

#include <cmath>

#include "analysis/routing/graph_measure.h"
#include "app/map_canvas.h"
#include "core/geos_context.h"

namespace urbangis::viewer {

void MainWindow::showCursor(double x, double y) {
  projectedLabel_->setText(QStringLiteral("X %1  Y %2").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1));
  if (!cursor_) return;
  double lon = x, lat = y;
  if (cursor_->toLonLat.applyLenient(&lon, &lat, 1) != 0) return;
  QString text = QStringLiteral("%1°E %2°N").arg(lon, 0, 'f', 6).arg(lat, 0, 'f', 6);
  if (gcjAction_->isChecked()) {
    double gx = x, gy = y;
    if (cursor_->toGcj.applyLenient(&gx, &gy, 1) == 0)
      text += QStringLiteral("  GCJ-02 %1, %2").arg(gx, 0, 'f', 6).arg(gy, 0, 'f', 6);
  }
  lonLatLabel_->setText(text);
}

void MainWindow::updateScale() {
  const double scale = canvas_ ? canvas_->scaleDenominator() : 0;
  scaleLabel_->setText(scale > 0 ? tr("Scale 1:%1").arg(QLocale().toString(static_cast<qlonglong>(std::llround(scale))))
                                 : QString());
}

void MainWindow::measure(const std::vector<QPointF>& points, bool finished) {
  if (!document_.isOpen() || points.empty()) return;
  ProjContext proj;
  const MeasureFrame frame(proj, document_.workingCrs());
  std::vector<Point2> line;
  for (const QPointF& p : points) line.push_back({p.x(), p.y()});
  measuredLength_ = polylineLength(line, proj, frame);
  measuredArea_ = 0;
  if (points.size() >= 3) {
    GeosContext geos;
    std::string wkt = "POLYGON((";
    for (const QPointF& p : points) wkt += QString::asprintf("%.3f %.3f,", p.x(), p.y()).toStdString();
    wkt += QString::asprintf("%.3f %.3f))", points.front().x(), points.front().y()).toStdString();
    try {
      GeomPtr polygon = geos.fromWkt(wkt);
      GeomPtr valid = repaired(geos, std::move(polygon), 2);
      if (valid) measuredArea_ = frame.area(geos, valid.get());
    } catch (const std::exception&) {
      measuredArea_ = 0;
    }
  }
  QString text = tr("Length %1 m").arg(QLocale().toString(measuredLength_, 'f', 1));
  if (points.size() >= 3) text += tr(", area %1 m² (closed)").arg(QLocale().toString(measuredArea_, 'f', 0));
  text += finished ? tr(" — ellipsoidal") : tr(" — double-click to finish");
  statusBar()->showMessage(text);
}

}  // namespace urbangis::viewer
