#pragma once
// Map furniture: a scale bar with a round length, and a north arrow. The working CRS is a
// projected grid; its north differs from true north by the grid convergence (under 1.5° across
// a Gauss–Krüger zone), which a county map may ignore.

#include <QPainter>

#include <string>

#include "render/map_view.h"

namespace urbangis {

// A round length (1, 2 or 5 × 10^n metres) about a fifth of the frame wide, drawn with its
// lower-left corner at `at`.
void drawScaleBar(QPainter& painter, const MapView& view, QPointF at, double pixelScale, const std::string& language);
// An arrow with "N"/"北" filling `box`.
void drawNorthArrow(QPainter& painter, const QRectF& box, const std::string& language);
// The scale bar's length in metres for a view (for tests and the status bar).
double scaleBarMetres(const MapView& view);

}  // namespace urbangis
