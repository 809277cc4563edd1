#include "render/decorations.h"

#include <QFontMetricsF>
#include <QPolygonF>

#include <cmath>

#include "render/fonts.h"

namespace urbangis {

double scaleBarMetres(const MapView& view) {
  const double target = view.frame().width() * view.unitsPerPixel() / 5;
  const double power = std::pow(10.0, std::floor(std::log10(target)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * power <= target) return step * power;
  return power;
}

void drawScaleBar(QPainter& painter, const MapView& view, QPointF at, double pixelScale, const std::string& language) {
  const double metres = scaleBarMetres(view);
  const double width = metres / view.unitsPerPixel(), height = 6 * pixelScale;
  painter.save();
  painter.setPen(QPen(QColor(0x22, 0x22, 0x22), 1 * pixelScale));
  // Two halves, black and white, as on survey maps.
  painter.setBrush(QColor(0x22, 0x22, 0x22));
  painter.drawRect(QRectF(at.x(), at.y() - height, width / 2, height));
  painter.setBrush(Qt::white);
  painter.drawRect(QRectF(at.x() + width / 2, at.y() - height, width / 2, height));
  const QFont font = mapFont(11 * pixelScale);
  painter.setFont(font);
  const QString text =
      metres >= 1000
          ? QString::number(metres / 1000) + (language == "zh" ? QStringLiteral(" 公里") : QStringLiteral(" km"))
          : QString::number(metres) + (language == "zh" ? QStringLiteral(" 米") : QStringLiteral(" m"));
  painter.drawText(QPointF(at.x(), at.y() - height - 4 * pixelScale), QStringLiteral("0"));
  const double textWidth = QFontMetricsF(font).horizontalAdvance(text);
  painter.drawText(QPointF(at.x() + width - textWidth / 2, at.y() - height - 4 * pixelScale), text);
  painter.restore();
}

void drawNorthArrow(QPainter& painter, const QRectF& box, const std::string& language) {
  painter.save();
  const double w = box.width(), h = box.height();
  const QPointF tip(box.center().x(), box.top() + h * 0.3), base(box.center().x(), box.bottom());
  painter.setPen(QPen(QColor(0x22, 0x22, 0x22), std::max(1.0, w * 0.04)));
  painter.setBrush(QColor(0x22, 0x22, 0x22));
  painter.drawPolygon(QPolygonF({tip, QPointF(box.center().x() + w * 0.3, box.bottom()), base}));
  painter.setBrush(Qt::white);
  painter.drawPolygon(QPolygonF({tip, QPointF(box.center().x() - w * 0.3, box.bottom()), base}));
  painter.setFont(mapFont(h * 0.25, true));
  painter.drawText(QRectF(box.left(), box.top(), w, h * 0.3), Qt::AlignCenter,
                   language == "zh" ? QStringLiteral("北") : QStringLiteral("N"));
  painter.restore();
}

}  // namespace urbangis
