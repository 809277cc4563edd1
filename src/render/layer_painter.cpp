#include "render/layer_painter.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPolygonF>

#include <cmath>
#include <map>

#include "render/fonts.h"
#include "render/symbol_painter.h"

namespace urbangis {
namespace {

bool cancelled(const PaintOptions& options) { return options.cancel && options.cancel->load(std::memory_order_relaxed); }

QPolygonF screenPart(const RenderLayer& layer, const MapView& view, uint32_t part) {
  QPolygonF polygon;
  const uint32_t first = layer.partStarts[part], last = layer.partStarts[part + 1];
  polygon.reserve(static_cast<qsizetype>(last - first));
  QPointF previous(-1e300, -1e300);
  for (uint32_t i = first; i < last; ++i) {
    const QPointF p = view.toScreen(layer.x[i], layer.y[i]);
    // Vertices closer than a quarter pixel add nothing to the picture.
    if (std::abs(p.x() - previous.x()) + std::abs(p.y() - previous.y()) < 0.25 && i + 1 < last) continue;
    polygon.append(p);
    previous = p;
  }
  return polygon;
}

const Symbol& symbolOf(const RenderLayer& layer, const DrawFeature& feature) {
  return feature.symbolClass >= 0 && static_cast<size_t>(feature.symbolClass) < layer.symbols.size()
             ? layer.symbols[static_cast<size_t>(feature.symbolClass)]
             : layer.style.symbol;
}

void paintRaster(QPainter& painter, const MapView& view, const RenderLayer& layer) {
  const RasterGrid& grid = *layer.raster;
  QImage image(grid.width, grid.height, QImage::Format_ARGB32_Premultiplied);
  for (int row = 0; row < grid.height; ++row) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    for (int column = 0; column < grid.width; ++column) {
      const float value = grid.values[static_cast<size_t>(row) * static_cast<size_t>(grid.width) + static_cast<size_t>(column)];
      if (std::isnan(value)) {
        line[column] = 0;
        continue;
      }
      const Rgba c = rampColour(layer.style.ramp, value);
      line[column] = qPremultiply(qRgba(c.r, c.g, c.b, c.a));
    }
  }
  const QPointF topLeft = view.toScreen(grid.originX, grid.originY);
  const QPointF bottomRight =
      view.toScreen(grid.originX + grid.width * grid.cellWidth, grid.originY - grid.height * grid.cellHeight);
  painter.save();
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  painter.drawImage(QRectF(topLeft, bottomRight), image);
  painter.restore();
}

void addLabel(LabelEngine& labels, const RenderLayer& layer, const DrawFeature& feature, const MapView& view,
              const PaintOptions& options, const Symbol& symbol) {
  const LabelStyle& style = *layer.style.labels;
  LabelCandidate candidate;
  candidate.text = QString::fromStdString(feature.label);
  candidate.anchor = view.toScreen(feature.labelX, feature.labelY);
  candidate.font = mapFont(style.size * options.pixelScale);
  candidate.colour = toQColor(style.colour);
  if (style.halo) candidate.halo = toQColor(*style.halo);
  // Bigger features first: a district's name before a community's.
  const double size = std::hypot(feature.maxX - feature.minX, feature.maxY - feature.minY) / view.unitsPerPixel();
  candidate.priority = options.labelPriority + std::min(size, 1e6) * 1e-6;
  candidate.centred = feature.kind != DrawKind::point;
  candidate.offset = symbol.size * options.pixelScale / 2 + 2;
  labels.add(std::move(candidate));
}

// Points: one cell per third of a marker and symbol class; a marker whose cell is already
// covered by an earlier marker of its class lies within a third of a marker of it, adds next to
// nothing visible and is skipped. On raster devices markers are stamped from pre-drawn sprites,
// one per quarter-pixel offset so stamps land where the marker would; on vector devices (PDF)
// they stay vector shapes.
PaintStats paintPoints(QPainter& painter, const MapView& view, const RenderLayer& layer, LabelEngine& labels,
                       const PaintOptions& options, bool showLabels) {
  PaintStats stats;
  struct ClassState {
    double cell = 1;
    int columns = 0, rows = 0;
    std::vector<bool> covered;
    int side = 0;
    std::map<int, QImage> sprites;  // by sub-pixel phase: phaseX * kPhases + phaseY
  };
  constexpr int kPhases = 4;
  std::map<int32_t, ClassState> classes;
  const bool vector = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Pdf;
  const QRectF frame = view.frame();
  const MapExtent& extent = view.extent();
  size_t seen = 0;
  for (const DrawFeature& feature : layer.features) {
    if ((++seen & 0x3FFF) == 0 && cancelled(options)) break;
    const double x = layer.x[layer.partStarts[feature.firstPart]], y = layer.y[layer.partStarts[feature.firstPart]];
    if (x < extent.minX || x > extent.maxX || y < extent.minY || y > extent.maxY) continue;
    const Symbol& symbol = symbolOf(layer, feature);
    auto [state, fresh] = classes.try_emplace(feature.symbolClass);
    ClassState& c = state->second;
    if (fresh) {
      c.cell = std::max(1.0, symbol.size * options.pixelScale / 3);
      c.columns = static_cast<int>(frame.width() / c.cell) + 1;
      c.rows = static_cast<int>(frame.height() / c.cell) + 1;
      c.covered.assign(static_cast<size_t>(c.columns) * static_cast<size_t>(c.rows), false);
      c.side = static_cast<int>(std::ceil(symbol.size * options.pixelScale + symbol.strokeWidth * options.pixelScale + 2));
    }
    const QPointF at = view.toScreen(x, y);
    const int column = static_cast<int>((at.x() - frame.left()) / c.cell), row = static_cast<int>((at.y() - frame.top()) / c.cell);
    if (column < 0 || row < 0 || column >= c.columns || row >= c.rows) continue;
    const size_t cell = static_cast<size_t>(row) * static_cast<size_t>(c.columns) + static_cast<size_t>(column);
    if (c.covered[cell]) {
      ++stats.pointsSkipped;
      continue;
    }
    c.covered[cell] = true;
    if (vector) {
      painter.setPen(strokePen(symbol, options.pixelScale));
      painter.setBrush(fillBrush(symbol));
      drawMarker(painter, symbol, at, options.pixelScale);
    } else {
      // The sprite's corner on whole pixels, the marker inside it at the nearest quarter pixel.
      const double left = at.x() - c.side / 2.0, top = at.y() - c.side / 2.0;
      double cornerX = std::floor(left), cornerY = std::floor(top);
      int phaseX = static_cast<int>(std::lround((left - cornerX) * kPhases));
      int phaseY = static_cast<int>(std::lround((top - cornerY) * kPhases));
      if (phaseX == kPhases) phaseX = 0, cornerX += 1;
      if (phaseY == kPhases) phaseY = 0, cornerY += 1;
      QImage& sprite = c.sprites[phaseX * kPhases + phaseY];
      if (sprite.isNull()) {
        sprite = QImage(c.side + 1, c.side + 1, QImage::Format_ARGB32_Premultiplied);
        sprite.fill(Qt::transparent);
        QPainter stamp(&sprite);
        stamp.setRenderHint(QPainter::Antialiasing, true);
        stamp.setPen(strokePen(symbol, options.pixelScale));
        stamp.setBrush(fillBrush(symbol));
        drawMarker(stamp, symbol,
                   QPointF(c.side / 2.0 + static_cast<double>(phaseX) / kPhases, c.side / 2.0 + static_cast<double>(phaseY) / kPhases),
                   options.pixelScale);
      }
      painter.drawImage(QPoint(static_cast<int>(cornerX), static_cast<int>(cornerY)), sprite);
    }
    ++stats.featuresDrawn;
    if (showLabels && !feature.label.empty()) addLabel(labels, layer, feature, view, options, symbol);
  }
  return stats;
}

}  // namespace

PaintStats paintLayer(QPainter& painter, const MapView& view, const RenderLayer& layer, LabelEngine& labels,
                      const PaintOptions& options) {
  PaintStats stats;
  painter.save();
  painter.setOpacity(options.opacity);
  painter.setClipRect(view.frame());
  if (layer.raster) {
    paintRaster(painter, view, layer);
    painter.restore();
    return stats;
  }
  const bool showLabels = layer.style.labels && (!layer.style.labels->maxScale ||
                                                 view.scaleDenominator() <= *layer.style.labels->maxScale);
  if (layer.role == LayerRole::points) {
    stats = paintPoints(painter, view, layer, labels, options, showLabels);
    painter.restore();
    return stats;
  }
  const MapExtent& extent = view.extent();
  int32_t lastClass = INT32_MIN;
  const Symbol* symbol = &layer.style.symbol;
  size_t seen = 0;
  for (const DrawFeature& feature : layer.features) {
    if ((++seen & 0x3FFF) == 0 && cancelled(options)) break;
    if (!extent.intersects(feature.minX, feature.minY, feature.maxX, feature.maxY)) continue;
    if (feature.symbolClass != lastClass) {
      lastClass = feature.symbolClass;
      symbol = &symbolOf(layer, feature);
      painter.setPen(strokePen(*symbol, options.pixelScale));
      painter.setBrush(feature.kind == DrawKind::line ? QBrush(Qt::NoBrush) : fillBrush(*symbol));
    }
    if (feature.kind == DrawKind::polygon) {
      QPainterPath path;
      path.setFillRule(Qt::OddEvenFill);
      for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part) {
        const QPolygonF ring = screenPart(layer, view, part);
        if (ring.size() >= 3) {
          path.addPolygon(ring);
          path.closeSubpath();
        }
      }
      painter.drawPath(path);
    } else {
      for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part)
        painter.drawPolyline(screenPart(layer, view, part));
    }
    ++stats.featuresDrawn;
    if (showLabels && !feature.label.empty()) addLabel(labels, layer, feature, view, options, *symbol);
  }
  painter.restore();
  return stats;
}

}  // namespace urbangis
