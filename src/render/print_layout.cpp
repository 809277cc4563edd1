#include "render/print_layout.h"

#include <QFontMetricsF>

#include <algorithm>

#include "render/decorations.h"
#include "render/fonts.h"
#include "render/legend.h"

namespace urbangis {

PrintResult paintPrintMap(QPainter& painter, const QRectF& page, double pixelScale, const PrintMap& map) {
  PrintResult result;
  painter.save();
  painter.fillRect(page, Qt::white);
  const double margin = std::min(page.width(), page.height()) * 0.035;
  const QRectF inner = page.adjusted(margin, margin, -margin, -margin);

  // Title band.
  const QFont titleFont = mapFont(std::max(20.0, inner.height() * 0.045), true);
  const QFont subtitleFont = mapFont(std::max(11.0, inner.height() * 0.022));
  const double titleHeight = QFontMetricsF(titleFont).height() * 1.2;
  const double subtitleHeight = map.subtitle.isEmpty() ? 0 : QFontMetricsF(subtitleFont).height() * 1.3;
  painter.setPen(QColor(0x11, 0x11, 0x11));
  painter.setFont(titleFont);
  painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   map.title);
  if (!map.subtitle.isEmpty()) {
    painter.setFont(subtitleFont);
    painter.setPen(QColor(0x44, 0x44, 0x44));
    painter.drawText(QRectF(inner.left(), inner.top() + titleHeight, inner.width(), subtitleHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, map.subtitle);
  }

  // Footer: date, source, CRS.
  const QFont footerFont = mapFont(std::max(9.0, inner.height() * 0.016));
  const double footerHeight = QFontMetricsF(footerFont).height() * 1.6;
  const QRectF footer(inner.left(), inner.bottom() - footerHeight, inner.width(), footerHeight);
  painter.setFont(footerFont);
  painter.setPen(QColor(0x55, 0x55, 0x55));
  const QString separator = QStringLiteral("    ");
  painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, map.dateText + separator + map.sourceNote);
  painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, map.crsText);

  // Map frame and legend panel.
  const double top = inner.top() + titleHeight + subtitleHeight + margin * 0.3;
  const double legendWidth = inner.width() * 0.24;
  const QRectF mapFrame(inner.left(), top, inner.width() - legendWidth - margin * 0.5,
                        footer.top() - top - margin * 0.3);
  const MapView view(map.extent, mapFrame, 96 * pixelScale);
  PaintOptions options;
  options.pixelScale = pixelScale;
  options.language = map.language;
  options.month = map.month;
  result.frame = renderMap(painter, view, map.layers, options);
  result.mapFrame = mapFrame;
  painter.setPen(QPen(QColor(0x33, 0x33, 0x33), 1.2 * pixelScale));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(mapFrame);

  const double arrow = std::min(mapFrame.width(), mapFrame.height()) * 0.08;
  drawNorthArrow(painter, QRectF(mapFrame.right() - arrow * 1.3, mapFrame.top() + arrow * 0.3, arrow * 0.8, arrow),
                 map.language);
  const QRectF scaleBack(mapFrame.left() + margin * 0.3, mapFrame.bottom() - 40 * pixelScale,
                         mapFrame.width() * 0.25 + 30 * pixelScale, 34 * pixelScale);
  painter.fillRect(scaleBack, QColor(255, 255, 255, 200));
  drawScaleBar(painter, view, QPointF(scaleBack.left() + 8 * pixelScale, scaleBack.bottom() - 8 * pixelScale),
               pixelScale, map.language);

  std::vector<const RenderLayer*> legendLayers;  // top of the map first
  for (auto it = map.layers.rbegin(); it != map.layers.rend(); ++it)
    if (it->layer && !it->layer->legend.empty()) legendLayers.push_back(it->layer);
  const QRectF legendBox(mapFrame.right() + margin * 0.5, top, legendWidth, mapFrame.height());
  painter.setFont(mapFont(14 * pixelScale, true));
  painter.setPen(QColor(0x11, 0x11, 0x11));
  const double legendTitle = QFontMetricsF(painter.font()).height() * 1.4;
  painter.drawText(QRectF(legendBox.left(), legendBox.top(), legendBox.width(), legendTitle),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   map.language == "zh" ? QStringLiteral("图例") : QStringLiteral("Legend"));
  drawLegend(painter, legendBox.adjusted(0, legendTitle, 0, 0), legendLayers, map.language, pixelScale);
  painter.restore();
  return result;
}

}  // namespace urbangis
