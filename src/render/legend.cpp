#include "render/legend.h"

#include <QFontMetricsF>
#include <QLinearGradient>

#include <cstdio>

#include "render/fonts.h"
#include "render/symbol_painter.h"

namespace urbangis {
namespace {

QString number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return QString::fromLatin1(text);
}

}  // namespace

double drawLegend(QPainter& painter, const QRectF& box, const std::vector<const RenderLayer*>& layers,
                  const std::string& language, double pixelScale) {
  const QFont heading = mapFont(13 * pixelScale, true), entry = mapFont(11 * pixelScale);
  const double line = QFontMetricsF(entry).height() * 1.35, swatch = 22 * pixelScale;
  double y = box.top();
  painter.save();
  for (const RenderLayer* layer : layers) {
    if (y + 2 * line > box.bottom()) {
      painter.setFont(entry);
      painter.setPen(QColor(0x55, 0x55, 0x55));
      painter.drawText(QPointF(box.left(), y + line * 0.8), QStringLiteral("…"));
      y += line;
      break;
    }
    painter.setFont(heading);
    painter.setPen(QColor(0x22, 0x22, 0x22));
    painter.drawText(QRectF(box.left(), y, box.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::fromStdString(layer->title.in(language)));
    y += line;
    painter.setFont(entry);
    for (const LegendEntry& item : layer->legend) {
      if (y + line > box.bottom()) break;
      const QRectF swatchBox(box.left() + 4 * pixelScale, y + (line - swatch * 0.7) / 2, swatch, swatch * 0.7);
      if (!item.ramp.empty()) {
        QLinearGradient gradient(swatchBox.left(), 0, box.left() + box.width() * 0.6, 0);
        const double low = item.ramp.front().value, high = item.ramp.back().value;
        for (const RampStop& stop : item.ramp)
          gradient.setColorAt(high > low ? (stop.value - low) / (high - low) : 0, toQColor(stop.colour));
        painter.fillRect(QRectF(swatchBox.left(), swatchBox.top(), box.width() * 0.6 - 4 * pixelScale, swatchBox.height()),
                         gradient);
        painter.setPen(QColor(0x33, 0x33, 0x33));
        painter.drawText(QRectF(box.left() + box.width() * 0.62, y, box.width() * 0.38, line), Qt::AlignLeft | Qt::AlignVCenter,
                         number(low) + QStringLiteral("–") + number(high));
      } else {
        drawSwatch(painter, item.symbol, item.kind, swatchBox, pixelScale);
        painter.setPen(QColor(0x33, 0x33, 0x33));
        painter.drawText(QRectF(swatchBox.right() + 6 * pixelScale, y, box.right() - swatchBox.right(), line),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(item.label));
      }
      y += line;
    }
    y += line * 0.4;
  }
  painter.restore();
  return y - box.top();
}

}  // namespace urbangis
