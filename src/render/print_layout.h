#pragma once
// A print map on one page: title, the map in a frame, legend, scale bar, north arrow, and a
// footer with the date, the data source and the CRS. Laid out in proportion to the page, so the
// same code fills an A4 PDF at 300 dpi and a 1600 px PNG.

#include <QPainter>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "render/map_renderer.h"

namespace urbangis {

struct PrintMap {
  QString title;
  QString subtitle;    // e.g. the statistic mapped
  QString sourceNote;  // data source
  QString crsText;
  QString dateText;
  std::string language = "zh";
  MapExtent extent;
  std::vector<MapLayer> layers;  // bottom first
  std::optional<int32_t> month;  // timed points layers show this month only (PaintOptions::month)
};

struct PrintResult {
  QRectF mapFrame;  // where the map went, in device pixels
  FrameStats frame;
};

// Paints the page into `page` (device pixels). `pixelScale` is device pixels per style pixel
// (dpi / 96).
PrintResult paintPrintMap(QPainter& painter, const QRectF& page, double pixelScale, const PrintMap& map);

}  // namespace urbangis
