#pragma once
// Where the map is looked at: an extent of the working CRS fitted into an output rectangle of
// a given size and resolution, keeping the aspect (the extent grows to fill the frame), with the
// world ↔ screen transform and the scale that follows.

#include <QPointF>
#include <QRectF>
#include <QTransform>

namespace urbangis {

struct MapExtent {
  double minX = 0, minY = 0, maxX = 1, maxY = 1;
  double width() const { return maxX - minX; }
  double height() const { return maxY - minY; }
  bool intersects(double x0, double y0, double x1, double y1) const {
    return x0 <= maxX && x1 >= minX && y0 <= maxY && y1 >= minY;
  }
  MapExtent grownBy(double fraction) const;
};

class MapView {
 public:
  // `frame` is in device pixels; `dpi` converts pixels to paper for the scale.
  MapView(const MapExtent& requested, const QRectF& frame, double dpi);

  QPointF toScreen(double x, double y) const {
    return {frame_.left() + (x - extent_.minX) / unitsPerPixel_, frame_.top() + (extent_.maxY - y) / unitsPerPixel_};
  }
  QPointF toWorld(const QPointF& screen) const {
    return {extent_.minX + (screen.x() - frame_.left()) * unitsPerPixel_,
            extent_.maxY - (screen.y() - frame_.top()) * unitsPerPixel_};
  }
  const MapExtent& extent() const { return extent_; }
  const QRectF& frame() const { return frame_; }
  double unitsPerPixel() const { return unitsPerPixel_; }
  double dpi() const { return dpi_; }
  // Map scale 1:n for a CRS in metres.
  double scaleDenominator() const { return unitsPerPixel_ / (0.0254 / dpi_); }

 private:
  MapExtent extent_;
  QRectF frame_;
  double dpi_;
  double unitsPerPixel_ = 1;
};

}  // namespace urbangis
