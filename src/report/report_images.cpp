#include "report/report_images.h"

#include <QPainter>

#include "render/print_layout.h"
#include "report/report_charts.h"

namespace urbangis {

QImage reportChartImage(const TrendChart& chart, const ReportContent& content, double scale) {
  QImage image(static_cast<int>(440 * scale), static_cast<int>(210 * scale), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  paintMonthlyChart(painter, QRectF(6 * scale, 4 * scale, 428 * scale, 200 * scale), chart, content, scale);
  return image;
}

QImage reportMapImage(const ReportMap& map, int width) {
  // Laid out as on a 1000-unit-wide page, so labels keep their size relative to the map.
  const double scale = width / 1000.0;
  QImage image(width, width * 1060 / 1500, QImage::Format_ARGB32_Premultiplied);
  image.setDotsPerMeterX(static_cast<int>(96 * scale / 0.0254));
  image.setDotsPerMeterY(static_cast<int>(96 * scale / 0.0254));
  image.fill(Qt::white);
  QPainter painter(&image);
  paintPrintMap(painter, QRectF(0, 0, image.width(), image.height()), scale, map.map);
  return image;
}

}  // namespace urbangis
