#include "render/legend.h"

#include <QFontMetricsF>
#include <QLinearGradient>

#include <algorithm>
#include <cmath>
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
  // As many columns as it takes (up to three) for every entry to fit; beyond, the rest is "…".
  double needed = 0;
  for (const RenderLayer* layer : layers) needed += line * (1.4 + static_cast<double>(layer->legend.size()));
  const int columns = std::clamp(static_cast<int>(std::ceil(needed / std::max(box.height(), line))), 1, 3);
  const double width = box.width() / columns;
  int column = 0;
  double x = box.left(), y = box.top(), lowest = box.top();
  // Moves to the next column when `rows` more lines do not fit; false when there is none.
  auto room = [&](double rows) {
    if (y + rows * line <= box.bottom()) return true;
    if (++column >= columns) return false;
    x = box.left() + column * width, y = box.top();
    return true;
  };
  painter.save();
  bool truncated = false;
  for (const RenderLayer* layer : layers) {
    if (truncated || !room(2)) {
      truncated = true;
      break;
    }
    painter.setFont(heading);
    painter.setPen(QColor(0x22, 0x22, 0x22));
    const QString title =
        QFontMetricsF(heading).elidedText(QString::fromStdString(layer->title.in(language)), Qt::ElideRight, width);
    painter.drawText(QRectF(x, y, width, line), Qt::AlignLeft | Qt::AlignVCenter, title);
    y += line;
    painter.setFont(entry);
    for (const LegendEntry& item : layer->legend) {
      if (!room(1)) {
        truncated = true;
        break;
      }
      const QRectF swatchBox(x + 4 * pixelScale, y + (line - swatch * 0.7) / 2, swatch, swatch * 0.7);
      if (!item.ramp.empty()) {
        QLinearGradient gradient(swatchBox.left(), 0, x + width * 0.6, 0);
        const double low = item.ramp.front().value, high = item.ramp.back().value;
        for (const RampStop& stop : item.ramp)
          gradient.setColorAt(high > low ? (stop.value - low) / (high - low) : 0, toQColor(stop.colour));
        painter.fillRect(QRectF(swatchBox.left(), swatchBox.top(), width * 0.6 - 4 * pixelScale, swatchBox.height()),
                         gradient);
        painter.setPen(QColor(0x33, 0x33, 0x33));
        painter.drawText(QRectF(x + width * 0.62, y, width * 0.38, line), Qt::AlignLeft | Qt::AlignVCenter,
                         number(low) + QStringLiteral("–") + number(high));
      } else {
        drawSwatch(painter, item.symbol, item.kind, swatchBox, pixelScale);
        painter.setPen(QColor(0x33, 0x33, 0x33));
        const QRectF text(swatchBox.right() + 6 * pixelScale, y, x + width - swatchBox.right() - 6 * pixelScale, line);
        painter.drawText(
            text, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(entry).elidedText(QString::fromStdString(item.label), Qt::ElideRight, text.width()));
      }
      y += line;
      lowest = std::max(lowest, y);
    }
    y += line * 0.4;
    lowest = std::max(lowest, y);
  }
  if (truncated) {
    painter.setFont(entry);
    painter.setPen(QColor(0x55, 0x55, 0x55));
    painter.drawText(QPointF(x, std::min(y, box.bottom() - line * 0.2) + line * 0.8), QStringLiteral("…"));
  }
  painter.restore();
  return lowest - box.top();
}

}  // namespace urbangis
