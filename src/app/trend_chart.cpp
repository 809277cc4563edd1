#include "app/trend_chart.h"

#include <QPainter>

#include <algorithm>

#include "io/values/timestamps.h"

namespace urbangis::viewer {

TrendChart::TrendChart(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trendChart"));
  setMinimumSize(240, 130);
}

void TrendChart::setSeries(const QString& title, std::vector<std::pair<int32_t, size_t>> series) {
  title_ = title;
  series_ = std::move(series);
  update();
}

void TrendChart::clear() { setSeries({}, {}); }

void TrendChart::setHighlight(std::optional<int32_t> month) {
  highlight_ = month;
  update();
}

void TrendChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().base());
  painter.setPen(palette().text().color());
  const QFontMetrics metrics = painter.fontMetrics();
  const int line = metrics.height();
  if (series_.empty()) {
    painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Select a zone on the map or in the table to see its monthly trend"));
    return;
  }
  painter.drawText(QRect(6, 2, width() - 12, line), Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(title_, Qt::ElideRight, width() - 12));
  size_t most = 1;
  for (const auto& [month, count] : series_) most = std::max(most, count);
  const int left = metrics.horizontalAdvance(QString::number(most)) + 10, right = width() - 6;
  const int top = line + 8 + line, bottom = height() - line - 6;  // room for the counts over the bars
  if (right <= left || bottom <= top) return;
  painter.setPen(palette().mid().color());
  painter.drawLine(left, bottom, right, bottom);
  painter.setPen(palette().text().color());
  painter.drawText(QRect(0, top - line / 2, left - 4, line), Qt::AlignRight | Qt::AlignVCenter, QString::number(most));
  painter.drawText(QRect(0, bottom - line / 2, left - 4, line), Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
  const double slot = static_cast<double>(right - left) / static_cast<double>(series_.size());
  // Month labels as "01".."12"; every second one when they would touch.
  const int labelEvery = slot < metrics.horizontalAdvance(QStringLiteral("00 ")) ? 2 : 1;
  for (size_t i = 0; i < series_.size(); ++i) {
    const auto& [month, count] = series_[i];
    const bool chosen = highlight_ && *highlight_ == month;
    const double x = left + slot * static_cast<double>(i);
    const double barHeight = static_cast<double>(bottom - top) * static_cast<double>(count) / static_cast<double>(most);
    const QRectF bar(x + slot * 0.15, bottom - barHeight, slot * 0.7, barHeight);
    painter.fillRect(bar, chosen ? QColor(0xE6, 0x55, 0x0D) : QColor(0x6B, 0xAE, 0xD6));
    if (chosen || slot >= metrics.horizontalAdvance(QString::number(count)) + 2)
      painter.drawText(QRectF(x, bar.top() - line, slot, line), Qt::AlignHCenter | Qt::AlignBottom,
                       QString::number(count));
    const QString text = QString::fromStdString(monthKeyText(month)).mid(5);
    if (chosen || i % static_cast<size_t>(labelEvery) == 0) {
      painter.save();  // bold for the chosen month only
      QFont font = painter.font();
      font.setBold(chosen);
      painter.setFont(font);
      painter.drawText(QRectF(x - slot, bottom + 2, slot * 3, line), Qt::AlignHCenter | Qt::AlignTop, text);
      painter.restore();
    }
  }
}

}  // namespace urbangis::viewer
