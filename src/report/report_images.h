#pragma once
// The report's monthly charts and maps as pictures, for the documents that hold pictures rather
// than drawings: report.html (embedded PNG) and report.odt.

#include <QImage>

#include "report/report_content.h"
#include "report/report_maps.h"

namespace urbangis {

// A monthly chart of 440 × 210 units, drawn at `scale` pixels per unit.
QImage reportChartImage(const TrendChart& chart, const ReportContent& content, double scale);

// A map `width` pixels wide (and 1060/1500 of that high), its text sized for that width.
QImage reportMapImage(const ReportMap& map, int width);

}  // namespace urbangis
