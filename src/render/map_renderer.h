#pragma once
// One frame of a map: the background, every visible layer from the bottom up, then the labels
// placed over all of them. What the viewer's canvas, `urbangis render` and the tests all call,
// onto any QPaintDevice (an image, a PDF page).

#include <QColor>
#include <QPainter>

#include <vector>

#include "render/layer_painter.h"
#include "render/map_view.h"
#include "render/render_layer.h"

namespace urbangis {

struct MapLayer {
  const RenderLayer* layer = nullptr;
  double opacity = 1;
};

struct FrameStats {
  size_t featuresDrawn = 0, pointsSkipped = 0, labelsPlaced = 0, labelCandidates = 0;
  std::vector<QRectF> labelBoxes;     // where the placed labels are, in device pixels
  std::vector<std::string> messages;  // the layers' PaintStats::messages
};

// `layers` bottom first. `options.labelPriority` is ignored: lower layers' labels win.
FrameStats renderMap(QPainter& painter, const MapView& view, const std::vector<MapLayer>& layers, PaintOptions options,
                     const QColor& background = QColor(0xFA, 0xFA, 0xF8));

// The union of the layers' extents; imagery (a basemap of the world) counts only when there is
// nothing else.
MapExtent extentOf(const std::vector<const RenderLayer*>& layers);

}  // namespace urbangis
