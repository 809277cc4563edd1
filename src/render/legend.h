#pragma once
// The legend: each layer's title and its entries (categories, classes, one symbol, or a
// raster's colour ramp) with swatches drawn by the same symbol code as the map, so the legend
// always matches what is drawn.

#include <QPainter>

#include <string>
#include <vector>

#include "render/render_layer.h"

namespace urbangis {

// Draws the legend of `layers` (top of the list first) into `box`; returns the height used.
// Entries that do not fit are summarised as "…".
double drawLegend(QPainter& painter, const QRectF& box, const std::vector<const RenderLayer*>& layers,
                  const std::string& language, double pixelScale);

}  // namespace urbangis
