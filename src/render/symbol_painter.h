#pragma once
// Style symbols in Qt terms: pens, brushes, point markers, and the legend swatch of a symbol.
// Sizes in a style are screen pixels at 96 dpi; `pixelScale` turns them into device pixels
// (3.125 on a 300 dpi page).

#include <QBrush>
#include <QColor>
#include <QPainter>
#include <QPen>

#include "render/render_layer.h"
#include "style/layer_style.h"

namespace urbangis {

QColor toQColor(const Rgba& colour);
QPen strokePen(const Symbol& symbol, double pixelScale);
QBrush fillBrush(const Symbol& symbol);
// Draws the symbol's marker centred on `at`.
void drawMarker(QPainter& painter, const Symbol& symbol, QPointF at, double pixelScale);
// A legend swatch of `kind` (a filled box, a line, a marker) inside `box`.
void drawSwatch(QPainter& painter, const Symbol& symbol, DrawKind kind, const QRectF& box, double pixelScale);

}  // namespace urbangis
