#pragma once
// Draws one RenderLayer into a map frame: polygons, lines and point markers with their class
// symbols, rasters through their colour ramp, and label candidates for the label engine.
// Points are drawn with level of detail: where a marker of one class would lie within a third of
// a marker of an earlier one, the later is skipped, so a million points draw like the few
// hundred thousand a screen can show.

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include <QPainter>

#include "render/label_engine.h"
#include "render/map_view.h"
#include "render/render_layer.h"

namespace urbangis {

struct PaintOptions {
  double pixelScale = 1;  // style pixels → device pixels
  double opacity = 1;
  std::string language = "zh";
  double labelPriority = 0;                   // of this layer's labels
  const std::atomic<bool>* cancel = nullptr;  // stop early when set
  int pointThreads = 2;  // threads stamping a large points layer; 1 draws it on the caller's thread
  // Draw only the features of timed points layers (RenderLayer::timed) in this month (a
  // monthKeyOf); untimed layers draw whole.
  std::optional<int32_t> month;
};

struct PaintStats {
  size_t featuresDrawn = 0, pointsSkipped = 0;
  std::vector<std::string> messages;  // what could not be drawn (imagery out of reach: drawn grey)
};

PaintStats paintLayer(QPainter& painter, const MapView& view, const RenderLayer& layer, LabelEngine& labels,
                      const PaintOptions& options);

// A raster layer's grid coloured along its style's ramp, one pixel a cell, transparent where
// there is no data.
QImage rasterImage(const RenderLayer& layer);

}  // namespace urbangis
