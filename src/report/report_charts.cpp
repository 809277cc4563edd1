#include "report/report_charts.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

#include "render/fonts.h"

namespace urbangis {
namespace {

// A round step for the value axis: 1, 2 or 5 times a power of ten giving 2–5 gridlines.
double niceStep(double largest) {
  if (largest <= 0) return 1;
  const double raw = largest / 4;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0})
    if (factor * power >= raw) return std::max(1.0, factor * power);
  return std::max(1.0, 10 * power);
}

}  // namespace

void paintMonthlyChart(QPainter& painter, const QRectF& rect, const TrendChart& chart, const ReportContent& content,
                       double scale) {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.fillRect(rect, Qt::white);
  const bool zh = content.language == "zh";
  int64_t total = 0, largest = 0;
  int peak = 0;
  for (int m = 0; m < 12; ++m) {
    total += chart.monthly[static_cast<size_t>(m)];
    if (chart.monthly[static_cast<size_t>(m)] > largest) largest = chart.monthly[static_cast<size_t>(m)], peak = m + 1;
  }

  const QFont titleFont = mapFont(12 * scale, true);
  const QFont smallFont = mapFont(9.5 * scale);
  const double titleHeight = QFontMetricsF(titleFont).height() * 1.25;
  const double smallHeight = QFontMetricsF(smallFont).height();
  painter.setFont(titleFont);
  painter.setPen(QColor(0x22, 0x22, 0x22));
  const QString title = QString::fromStdString(chart.title);
  painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter, title);
  painter.setFont(smallFont);
  painter.setPen(QColor(0x55, 0x55, 0x55));
  const QString summary = zh ? QStringLiteral("全年 %1 · 最多 %2 月（%3）")
                                   .arg(QString::fromStdString(groupedNumber(static_cast<double>(total))))
                                   .arg(peak)
                                   .arg(QString::fromStdString(groupedNumber(static_cast<double>(largest))))
                             : QStringLiteral("year %1 · peak %2 (%3)")
                                   .arg(QString::fromStdString(groupedNumber(static_cast<double>(total))))
                                   .arg(QString::fromStdString(peak > 0 ? content.monthLabel(peak) : "–"))
                                   .arg(QString::fromStdString(groupedNumber(static_cast<double>(largest))));
  painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), titleHeight), Qt::AlignRight | Qt::AlignVCenter,
                   summary);

  // Plot area: value labels on the left, month labels below.
  const double step = niceStep(static_cast<double>(largest));
  const double top = std::max(step, std::ceil(static_cast<double>(largest) / step) * step);
  const QString topLabel = QString::fromStdString(groupedNumber(top));
  const double axisWidth = QFontMetricsF(smallFont).horizontalAdvance(topLabel) + 6 * scale;
  const QRectF plot(rect.left() + axisWidth, rect.top() + titleHeight + smallHeight * 0.5, rect.width() - axisWidth,
                    rect.height() - titleHeight - smallHeight * 2.0);
  painter.setPen(QPen(QColor(0xE0, 0xE0, 0xE0), 0.8 * scale));
  for (double value = 0; value <= top + 1e-9; value += step) {
    const double y = plot.bottom() - plot.height() * value / top;
    painter.setPen(QPen(QColor(0xE3, 0xE3, 0xE3), 0.8 * scale));
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    painter.setPen(QColor(0x66, 0x66, 0x66));
    painter.drawText(QRectF(rect.left(), y - smallHeight / 2, axisWidth - 4 * scale, smallHeight),
                     Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(groupedNumber(value)));
  }
  const double slot = plot.width() / 12;
  for (int m = 0; m < 12; ++m) {
    const double value = static_cast<double>(chart.monthly[static_cast<size_t>(m)]);
    const double height = plot.height() * value / top;
    const QRectF bar(plot.left() + slot * m + slot * 0.15, plot.bottom() - height, slot * 0.7, height);
    painter.fillRect(bar, m + 1 == peak ? QColor(0xC9, 0x2A, 0x2A) : QColor(0x1C, 0x7E, 0xD6));
    painter.setPen(QColor(0x55, 0x55, 0x55));
    painter.drawText(QRectF(plot.left() + slot * m, plot.bottom() + smallHeight * 0.2, slot, smallHeight),
                     Qt::AlignHCenter | Qt::AlignTop, QString::fromStdString(content.monthLabel(m + 1)));
  }
  painter.setPen(QPen(QColor(0x88, 0x88, 0x88), 1.0 * scale));
  painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()));
  painter.restore();
}

}  // namespace urbangis
