#include "render/map_renderer.h"

#include <algorithm>

namespace urbangis {

FrameStats renderMap(QPainter& painter, const MapView& view, const std::vector<MapLayer>& layers, PaintOptions options,
                     const QColor& background) {
  FrameStats stats;
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  painter.fillRect(view.frame(), background);
  LabelEngine labels(view.frame());
  for (size_t i = 0; i < layers.size(); ++i) {
    if (!layers[i].layer) continue;
    if (options.cancel && options.cancel->load()) break;
    PaintOptions layerOptions = options;
    layerOptions.opacity = layers[i].opacity;
    layerOptions.labelPriority = static_cast<double>(layers.size() - i);
    const PaintStats painted = paintLayer(painter, view, *layers[i].layer, labels, layerOptions);
    stats.featuresDrawn += painted.featuresDrawn;
    stats.pointsSkipped += painted.pointsSkipped;
    stats.messages.insert(stats.messages.end(), painted.messages.begin(), painted.messages.end());
  }
  stats.labelCandidates = labels.candidateCount();
  painter.setClipRect(view.frame());
  stats.labelsPlaced = labels.draw(painter);
  stats.labelBoxes = labels.placedBoxes();
  painter.restore();
  return stats;
}

MapExtent extentOf(const std::vector<const RenderLayer*>& layers) {
  MapExtent extent;
  bool any = false;
  const bool onlyImagery = std::all_of(layers.begin(), layers.end(), [](const RenderLayer* layer) {
    return !layer || layer->imagery || (layer->features.empty() && !layer->raster);
  });
  for (const RenderLayer* layer : layers) {
    if (!layer || (layer->features.empty() && !layer->raster && !(onlyImagery && layer->imagery))) continue;
    if (layer->imagery && !onlyImagery) continue;
    if (!any) extent = {layer->minX, layer->minY, layer->maxX, layer->maxY};
    extent.minX = std::min(extent.minX, layer->minX), extent.minY = std::min(extent.minY, layer->minY);
    extent.maxX = std::max(extent.maxX, layer->maxX), extent.maxY = std::max(extent.maxY, layer->maxY);
    any = true;
  }
  return extent;
}

}  // namespace urbangis
