#include "render/imagery_painter.h"

#include <QImage>

#include <cmath>

#include "core/error.h"
#include "io/imagery/imagery_view.h"

namespace urbangis {

void paintImagery(QPainter& painter, const MapView& view, const RenderLayer& layer, const PaintOptions& options,
                  PaintStats& stats) {
  const ImageryLayer& imagery = *layer.imagery;
  const QRectF frame = view.frame();
  ImageryRequest request;
  request.source = imagery.source;
  request.layerCrs = imagery.crs;
  request.maxZoom = imagery.maxZoom;
  request.mapCrs = imagery.mapCrs;
  request.minX = view.extent().minX, request.minY = view.extent().minY;
  request.maxX = view.extent().maxX, request.maxY = view.extent().maxY;
  request.width = static_cast<int>(std::lround(frame.width()));
  request.height = static_cast<int>(std::lround(frame.height()));
  try {
    const ImageryPixels pixels = readImagery(request, options.cancel);
    if (pixels.empty) return;
    const QImage image(pixels.rgba.data(), pixels.width, pixels.height, pixels.width * 4, QImage::Format_RGBA8888);
    painter.drawImage(frame, image);
  } catch (const Cancelled&) {
    return;  // a newer frame is on its way
  } catch (const std::exception& error) {
    painter.fillRect(frame, QColor(0xDE, 0xDE, 0xDE));  // the basemap's place, without pretending
    stats.messages.push_back(layer.id + ": " + error.what());
  }
}

}  // namespace urbangis
