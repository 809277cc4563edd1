#pragma once
// Draws an imagery layer (RenderLayer::imagery: a basemap, an orthophoto, map tiles) into a
// frame: its pixels read for the view's extent and size, so a zoomed-out view reads an overview
// and a zoomed-in one only the tiles it shows. A source out of reach (no network, a server
// down) draws grey and says why, instead of failing the frame.

#include <QPainter>

#include "render/layer_painter.h"
#include "render/map_view.h"
#include "render/render_layer.h"

namespace urbangis {

// Adds to `stats.messages` what could not be read. Returns at once when `options.cancel` is set.
void paintImagery(QPainter& painter, const MapView& view, const RenderLayer& layer, const PaintOptions& options,
                  PaintStats& stats);

}  // namespace urbangis
