#pragma once
// A small monthly bar chart (one per layer in the report): twelve bars, the months under them,
// the largest value and the year's total. Painted with QPainter, so it is vector in the PDF and
// a crisp PNG in the HTML.

#include <QPainter>
#include <QRectF>

#include "report/report_content.h"

namespace urbangis {

// `scale`: device pixels per CSS pixel (1 on a 96 dpi image, dpi / 96 on a PDF page).
void paintMonthlyChart(QPainter& painter, const QRectF& rect, const TrendChart& chart, const ReportContent& content,
                       double scale);

}  // namespace urbangis
