#include "render/layer_painter.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <thread>

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

// A marker pre-drawn as premultiplied ARGB32, with each row's span of visible pixels (a circle
// leaves a fifth of its box empty).
struct Sprite {
  QImage image;
  std::vector<std::pair<int, int>> spans;  // per row: first visible column, one past the last

  void measure() {
    spans.assign(static_cast<size_t>(image.height()), {0, 0});
    for (int y = 0; y < image.height(); ++y) {
      const auto* row = reinterpret_cast<const uint32_t*>(image.constScanLine(y));
      int first = image.width(), last = 0;
      for (int x = 0; x < image.width(); ++x)
        if (row[x] != 0) first = std::min(first, x), last = x + 1;
      spans[static_cast<size_t>(y)] = {first, std::max(first, last)};
    }
  }
};

// Source-over of a sprite straight into a premultiplied ARGB32 image, clipped to `clip`: the same
// arithmetic as Qt's raster engine, without its per-call set-up, which dominates when half a
// million 10-pixel markers are stamped.
// `pixels` and `stride` are the target image's bits and bytes per line, taken once: QImage::scanLine
// would check for a detach on every row (a fifth of the frame's time when measured).
void blendSprite(uchar* pixels, qsizetype stride, const Sprite& sprite, int left, int top, const QRect& clip) {
  const int y0 = std::max(top, clip.top()), y1 = std::min(top + sprite.image.height(), clip.bottom() + 1);
  for (int y = y0; y < y1; ++y) {
    const auto [first, last] = sprite.spans[static_cast<size_t>(y - top)];
    const int x0 = std::max(left + first, clip.left()), x1 = std::min(left + last, clip.right() + 1);
    if (x0 >= x1) continue;
    const auto* source = reinterpret_cast<const uint32_t*>(sprite.image.constScanLine(y - top)) + (x0 - left);
    auto* destination = reinterpret_cast<uint32_t*>(pixels + y * stride) + x0;
    for (int x = x0; x < x1; ++x, ++source, ++destination) {
      const uint32_t s = *source;
      const uint32_t alpha = s >> 24;
      if (alpha == 255) {
        *destination = s;
      } else if (s != 0) {
        const uint32_t d = *destination, inverse = 255 - alpha;
        uint32_t rb = (d & 0xFF00FF) * inverse;
        rb = ((rb + ((rb >> 8) & 0xFF00FF) + 0x800080) >> 8) & 0xFF00FF;
        uint32_t ag = ((d >> 8) & 0xFF00FF) * inverse;
        ag = (ag + ((ag >> 8) & 0xFF00FF) + 0x800080) & 0xFF00FF00;
        *destination = s + (ag | rb);
      }
    }
  }
}

// Points: one cell per third of a marker and symbol class; a marker whose cell is already
// covered by an earlier marker of its class lies within a third of a marker of it, adds next to
// nothing visible and is skipped. On raster devices markers are stamped from pre-drawn sprites,
// one per quarter-pixel offset so stamps land where the marker would; on vector devices (PDF)
// they stay vector shapes.
//
// With many points on an image the work runs on two threads and the picture stays exactly the
// sequential one: the upper and lower halves of every class's cell grid are decided apart (a
// cell belongs to one half, so "first in its cell" is the same), the two stamp lists are merged
// back into feature order, and each thread blends every stamp into its own half of the image.
class PointPainter {
 public:
  static constexpr int kPhases = 4;

  PointPainter(const MapView& view, const RenderLayer& layer, const PaintOptions& options)
      : view_(view), layer_(layer), options_(options), frame_(view.frame()), classes_(layer.symbols.size() + 1) {}

  PaintStats paint(QPainter& painter, LabelEngine& labels, bool showLabels) {
    PaintStats stats;
    const bool vector = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Pdf;
    // Stamping straight into the image is exact only without transform or opacity in between.
    QImage* direct = nullptr;
    if (!vector && painter.device() && painter.device()->devType() == QInternal::Image &&
        painter.worldTransform().isIdentity() && painter.opacity() == 1.0) {
      auto* image = static_cast<QImage*>(painter.device());
      if (image->format() == QImage::Format_ARGB32_Premultiplied) direct = image;
    }
    if (vector) return paintVector(painter, labels, showLabels);
    prepareSprites();
    const bool parallel = direct && !showLabels && layer_.features.size() >= 50000;
    std::vector<Stamp> stamps;
    if (parallel) {
      std::vector<Stamp> upper, lower;
      size_t skippedUpper = 0, skippedLower = 0;
      std::thread worker([&] { decide(Half::lower, lower, skippedLower); });
      decide(Half::upper, upper, skippedUpper);
      worker.join();
      stamps.resize(upper.size() + lower.size());
      std::merge(upper.begin(), upper.end(), lower.begin(), lower.end(), stamps.begin(),
                 [](const Stamp& a, const Stamp& b) { return a.feature < b.feature; });
      stats.pointsSkipped = skippedUpper + skippedLower;
    } else {
      decide(Half::all, stamps, stats.pointsSkipped);
    }
    stats.featuresDrawn = stamps.size();
    if (cancelled(options_)) return stats;
    if (direct) {
      const QRect clip = frame_.toAlignedRect().intersected(direct->rect());
      uchar* pixels = direct->bits();
      const qsizetype stride = direct->bytesPerLine();
      auto blendBand = [&](const QRect& band) {
        for (const Stamp& stamp : stamps) blendSprite(pixels, stride, *stamp.sprite, stamp.left, stamp.top, band);
      };
      if (!parallel || clip.height() < 2) {
        blendBand(clip);
      } else {
        const int middle = clip.top() + clip.height() / 2;
        std::thread lower([&] { blendBand(QRect(QPoint(clip.left(), middle), clip.bottomRight())); });
        blendBand(QRect(clip.topLeft(), QPoint(clip.right(), middle - 1)));
        lower.join();
      }
    } else {
      for (const Stamp& stamp : stamps) painter.drawImage(QPoint(stamp.left, stamp.top), stamp.sprite->image);
    }
    if (showLabels)
      for (const Stamp& stamp : stamps) {
        const DrawFeature& feature = layer_.features[stamp.feature];
        if (!feature.label.empty()) addLabel(labels, layer_, feature, view_, options_, symbolOf(layer_, feature));
      }
    return stats;
  }

 private:
  enum class Half { all, upper, lower };
  struct ClassState {
    double cell = 1;
    int columns = 0, rows = 0, side = 0;
    std::vector<uint8_t> covered;  // bytes, not bits: the two halves write apart
    std::array<Sprite, kPhases * kPhases> sprites;
  };
  struct Stamp {
    size_t feature;
    const Sprite* sprite;
    int left, top;
  };

  const Symbol& symbolFor(size_t classIndex) const {
    return classIndex == 0 ? layer_.style.symbol : layer_.symbols[classIndex - 1];
  }
  static size_t classIndexOf(const RenderLayer& layer, const DrawFeature& feature) {
    return feature.symbolClass >= 0 && static_cast<size_t>(feature.symbolClass) < layer.symbols.size()
               ? static_cast<size_t>(feature.symbolClass) + 1
               : 0;
  }

  void prepareSprites() {
    for (size_t k = 0; k < classes_.size(); ++k) {
      const Symbol& symbol = symbolFor(k);
      ClassState& c = classes_[k];
      c.cell = std::max(1.0, symbol.size * options_.pixelScale / 3);
      c.columns = static_cast<int>(frame_.width() / c.cell) + 1;
      c.rows = static_cast<int>(frame_.height() / c.cell) + 1;
      c.covered.assign(static_cast<size_t>(c.columns) * static_cast<size_t>(c.rows), 0);
      c.side = static_cast<int>(std::ceil(symbol.size * options_.pixelScale + symbol.strokeWidth * options_.pixelScale + 2));
      for (int phaseX = 0; phaseX < kPhases; ++phaseX)
        for (int phaseY = 0; phaseY < kPhases; ++phaseY) {
          Sprite& sprite = c.sprites[static_cast<size_t>(phaseX * kPhases + phaseY)];
          sprite.image = QImage(c.side + 1, c.side + 1, QImage::Format_ARGB32_Premultiplied);
          sprite.image.fill(Qt::transparent);
          QPainter stamp(&sprite.image);
          stamp.setRenderHint(QPainter::Antialiasing, true);
          stamp.setPen(strokePen(symbol, options_.pixelScale));
          stamp.setBrush(fillBrush(symbol));
          drawMarker(stamp, symbol,
                     QPointF(c.side / 2.0 + static_cast<double>(phaseX) / kPhases,
                             c.side / 2.0 + static_cast<double>(phaseY) / kPhases),
                     options_.pixelScale);
          stamp.end();
          sprite.measure();
        }
    }
  }

  // The stamps of one half of every class's cell grid, in feature order.
  void decide(Half half, std::vector<Stamp>& stamps, size_t& skipped) {
    const MapExtent& extent = view_.extent();
    for (size_t i = 0; i < layer_.features.size(); ++i) {
      if ((i & 0x3FFF) == 0 && cancelled(options_)) return;
      const DrawFeature& feature = layer_.features[i];
      const double x = layer_.x[layer_.partStarts[feature.firstPart]], y = layer_.y[layer_.partStarts[feature.firstPart]];
      if (x < extent.minX || x > extent.maxX || y < extent.minY || y > extent.maxY) continue;
      ClassState& c = classes_[classIndexOf(layer_, feature)];
      const QPointF at = view_.toScreen(x, y);
      const int column = static_cast<int>((at.x() - frame_.left()) / c.cell);
      const int row = static_cast<int>((at.y() - frame_.top()) / c.cell);
      if (column < 0 || row < 0 || column >= c.columns || row >= c.rows) continue;
      if ((half == Half::upper && row >= c.rows / 2) || (half == Half::lower && row < c.rows / 2)) continue;
      uint8_t& covered = c.covered[static_cast<size_t>(row) * static_cast<size_t>(c.columns) + static_cast<size_t>(column)];
      if (covered) {
        ++skipped;
        continue;
      }
      covered = 1;
      // The sprite's corner on whole pixels, the marker inside it at the nearest quarter pixel.
      const double left = at.x() - c.side / 2.0, top = at.y() - c.side / 2.0;
      double cornerX = std::floor(left), cornerY = std::floor(top);
      int phaseX = static_cast<int>(std::lround((left - cornerX) * kPhases));
      int phaseY = static_cast<int>(std::lround((top - cornerY) * kPhases));
      if (phaseX == kPhases) phaseX = 0, cornerX += 1;
      if (phaseY == kPhases) phaseY = 0, cornerY += 1;
      stamps.push_back({i, &c.sprites[static_cast<size_t>(phaseX * kPhases + phaseY)], static_cast<int>(cornerX),
                        static_cast<int>(cornerY)});
    }
  }

  PaintStats paintVector(QPainter& painter, LabelEngine& labels, bool showLabels) {
    PaintStats stats;
    for (ClassState& c : classes_) {
      const size_t k = static_cast<size_t>(&c - classes_.data());
      c.cell = std::max(1.0, symbolFor(k).size * options_.pixelScale / 3);
      c.columns = static_cast<int>(frame_.width() / c.cell) + 1;
      c.rows = static_cast<int>(frame_.height() / c.cell) + 1;
      c.covered.assign(static_cast<size_t>(c.columns) * static_cast<size_t>(c.rows), 0);
    }
    std::vector<Stamp> kept;
    decide(Half::all, kept, stats.pointsSkipped);
    for (const Stamp& stamp : kept) {
      const DrawFeature& feature = layer_.features[stamp.feature];
      const Symbol& symbol = symbolOf(layer_, feature);
      const QPointF at = view_.toScreen(layer_.x[layer_.partStarts[feature.firstPart]], layer_.y[layer_.partStarts[feature.firstPart]]);
      painter.setPen(strokePen(symbol, options_.pixelScale));
      painter.setBrush(fillBrush(symbol));
      drawMarker(painter, symbol, at, options_.pixelScale);
      if (showLabels && !feature.label.empty()) addLabel(labels, layer_, feature, view_, options_, symbol);
    }
    stats.featuresDrawn = kept.size();
    return stats;
  }

  const MapView& view_;
  const RenderLayer& layer_;
  const PaintOptions& options_;
  QRectF frame_;
  std::vector<ClassState> classes_;
};

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
    stats = PointPainter(view, layer, options).paint(painter, labels, showLabels);
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
