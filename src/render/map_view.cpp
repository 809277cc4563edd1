#include "render/map_view.h"

#include <algorithm>

namespace urbangis {

MapExtent MapExtent::grownBy(double fraction) const {
  const double dx = width() * fraction, dy = height() * fraction;
  return {minX - dx, minY - dy, maxX + dx, maxY + dy};
}

MapView::MapView(const MapExtent& requested, const QRectF& frame, double dpi)
    : extent_(requested), frame_(frame), dpi_(dpi) {
  const double width = std::max(requested.width(), 1e-9), height = std::max(requested.height(), 1e-9);
  unitsPerPixel_ = std::max(width / std::max(frame.width(), 1.0), height / std::max(frame.height(), 1.0));
  const double cx = (requested.minX + requested.maxX) / 2, cy = (requested.minY + requested.maxY) / 2;
  const double halfW = frame.width() * unitsPerPixel_ / 2, halfH = frame.height() * unitsPerPixel_ / 2;
  extent_ = {cx - halfW, cy - halfH, cx + halfW, cy + halfH};
}

}  // namespace urbangis
