#include "render/layer_painter.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <thread>

#include "render/fonts.h"
#include "render/imagery_painter.h"
#include "render/symbol_painter.h"

namespace urbangis {
namespace {

bool cancelled(const PaintOptions& options) {
  return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

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
  const QImage image = rasterImage(layer);
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
// leaves a fifth of its box empty) and its longest run of opaque ones (what hides whatever lies
// under it). Its pixels are read through a pointer taken once: QImage's accessors are calls, and
// they ran for every row of half a million stamps.
struct Sprite {
  struct Row {
    int first = 0, last = 0;              // visible: [first, last)
    int opaqueFirst = 0, opaqueLast = 0;  // opaque: [opaqueFirst, opaqueLast), maybe empty
  };
  QImage image;
  const uint32_t* pixels = nullptr;
  qsizetype stride = 0;  // in pixels
  int height = 0;
  std::vector<Row> rows;

  void measure() {
    pixels = reinterpret_cast<const uint32_t*>(image.constBits());
    stride = image.bytesPerLine() / static_cast<qsizetype>(sizeof(uint32_t));
    height = image.height();
    rows.assign(static_cast<size_t>(height), {});
    for (int y = 0; y < height; ++y) {
      const uint32_t* pixel = pixels + y * stride;
      Row& row = rows[static_cast<size_t>(y)];
      int first = image.width(), last = 0;
      for (int x = 0, run = 0; x < image.width(); ++x) {
        if (pixel[x] != 0) first = std::min(first, x), last = x + 1;
        run = (pixel[x] >> 24) == 255 ? run + 1 : 0;
        if (run > row.opaqueLast - row.opaqueFirst) row.opaqueFirst = x + 1 - run, row.opaqueLast = x + 1;
      }
      row.first = first, row.last = std::max(first, last);
    }
  }
};

// Four premultiplied ARGB32 pixels, and the same bytes as eight 16-bit lanes (GCC/Clang vector
// extensions: SSE2 on x86-64, NEON on arm64, plain code elsewhere).
using Pixels4 = uint32_t __attribute__((vector_size(16)));
using Lanes8 = uint16_t __attribute__((vector_size(16)));

// Source-over: source + destination × (255 − source alpha) / 255, two channels per 32-bit pixel
// at a time (blue and red, then green and alpha, each widened to 16 bits), rounded as Qt's raster
// engine rounds. Alpha 255 gives the source; a transparent source gives the destination exactly.
inline Pixels4 sourceOver(Pixels4 source, Pixels4 destination) {
  const Pixels4 inverse = 255 - (source >> 24);
  const auto factor = std::bit_cast<Lanes8>(inverse | (inverse << 16));
  Lanes8 blueRed = std::bit_cast<Lanes8>(destination & 0xFF00FF) * factor;
  blueRed = (blueRed + (blueRed >> 8) + 0x80) >> 8;
  Lanes8 alphaGreen = std::bit_cast<Lanes8>((destination >> 8) & 0xFF00FF) * factor;
  alphaGreen = (alphaGreen + (alphaGreen >> 8) + 0x80) >> 8;
  return source + (std::bit_cast<Pixels4>(blueRed) | (std::bit_cast<Pixels4>(alphaGreen) << 8));
}

inline uint32_t sourceOver(uint32_t source, uint32_t destination) {
  const uint32_t inverse = 255 - (source >> 24);
  uint32_t blueRed = (destination & 0xFF00FF) * inverse;
  blueRed = ((blueRed + ((blueRed >> 8) & 0xFF00FF) + 0x800080) >> 8) & 0xFF00FF;
  uint32_t alphaGreen = ((destination >> 8) & 0xFF00FF) * inverse;
  alphaGreen = (alphaGreen + ((alphaGreen >> 8) & 0xFF00FF) + 0x800080) & 0xFF00FF00;
  return source + (alphaGreen | blueRed);
}

// Source-over of a sprite straight into a premultiplied ARGB32 image, clipped to `clip`: the same
// arithmetic as Qt's raster engine, without its per-call set-up, which dominates when half a
// million 10-pixel markers are stamped. Four pixels at a time, the rest one by one.
// `pixels` and `stride` are the target image's bits and bytes per line, taken once: QImage::scanLine
// would check for a detach on every row (a fifth of the frame's time when measured).
void blendSprite(uchar* pixels, qsizetype stride, const Sprite& sprite, int left, int top, const QRect& clip) {
  const int y0 = std::max(top, clip.top()), y1 = std::min(top + sprite.height, clip.bottom() + 1);
  for (int y = y0; y < y1; ++y) {
    const Sprite::Row& row = sprite.rows[static_cast<size_t>(y - top)];
    const int x0 = std::max(left + row.first, clip.left()), x1 = std::min(left + row.last, clip.right() + 1);
    if (x0 >= x1) continue;
    const uint32_t* source = sprite.pixels + (y - top) * sprite.stride + (x0 - left);
    auto* destination = reinterpret_cast<uint32_t*>(pixels + y * stride) + x0;
    int x = x0;
    for (; x + 4 <= x1; x += 4, source += 4, destination += 4) {
      Pixels4 s, d;
      std::memcpy(&s, source, sizeof s);
      std::memcpy(&d, destination, sizeof d);
      d = sourceOver(s, d);
      std::memcpy(destination, &d, sizeof d);
    }
    for (; x < x1; ++x, ++source, ++destination) *destination = sourceOver(*source, *destination);
  }
}

// Which pixels of a band of rows are already covered by an opaque marker pixel, as the band's
// stamps are walked from the last to the first: one bit per pixel, so a marker's row is checked
// or marked with a word operation or two.
class BandCover {
 public:
  BandCover(int left, int width, int maxRows)
      : left_(left),
        wordsPerRow_((width + 63) / 64),
        width_(width),
        bits_(static_cast<size_t>(wordsPerRow_) * static_cast<size_t>(maxRows)) {}

  void start(int top, int rows) {
    top_ = top, rows_ = rows;
    std::fill_n(bits_.begin(), static_cast<size_t>(wordsPerRow_) * static_cast<size_t>(rows), 0);
  }

  // Whether every visible pixel the sprite has in the band is covered.
  bool hides(const Sprite& sprite, int left, int top) const {
    const int y0 = std::max(top, top_), y1 = std::min(top + sprite.height, top_ + rows_);
    for (int y = y0; y < y1; ++y) {
      const Sprite::Row& row = sprite.rows[static_cast<size_t>(y - top)];
      if (!allSet(rowOf(y), std::max(left + row.first - left_, 0), std::min(left + row.last - left_, width_)))
        return false;
    }
    return true;
  }

  void add(const Sprite& sprite, int left, int top) {
    const int y0 = std::max(top, top_), y1 = std::min(top + sprite.height, top_ + rows_);
    for (int y = y0; y < y1; ++y) {
      const Sprite::Row& row = sprite.rows[static_cast<size_t>(y - top)];
      set(rowOf(y), std::max(left + row.opaqueFirst - left_, 0), std::min(left + row.opaqueLast - left_, width_));
    }
  }

 private:
  // The bits [from, from + count) of a word, count in 1…64.
  static uint64_t bitsOf(int from, int count) {
    return (count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1) << from;
  }

  static bool allSet(const uint64_t* row, int x0, int x1) {
    while (x0 < x1) {
      const int bit = x0 & 63, count = std::min(64 - bit, x1 - x0);
      const uint64_t wanted = bitsOf(bit, count);
      if ((row[x0 >> 6] & wanted) != wanted) return false;
      x0 += count;
    }
    return true;
  }

  static void set(uint64_t* row, int x0, int x1) {
    while (x0 < x1) {
      const int bit = x0 & 63, count = std::min(64 - bit, x1 - x0);
      row[x0 >> 6] |= bitsOf(bit, count);
      x0 += count;
    }
  }

  uint64_t* rowOf(int y) { return bits_.data() + static_cast<size_t>(y - top_) * static_cast<size_t>(wordsPerRow_); }
  const uint64_t* rowOf(int y) const {
    return bits_.data() + static_cast<size_t>(y - top_) * static_cast<size_t>(wordsPerRow_);
  }

  int left_, wordsPerRow_, width_, top_ = 0, rows_ = 0;
  std::vector<uint64_t> bits_;
};

// Runs `work(0)` here and `work(1)` on a second thread, back when both are done.
template <typename Work>
void onTwoThreads(const Work& work) {
  std::thread second([&] { work(1); });
  work(0);
  second.join();
}

// Points: one cell per third of a marker and symbol class; a marker whose cell is already
// covered by an earlier marker of its class lies within a third of a marker of it, adds next to
// nothing visible and is skipped. On raster devices markers are stamped from pre-drawn sprites,
// one per quarter-pixel offset so stamps land where the marker would; on vector devices (PDF)
// they stay vector shapes.
//
// With many points on an image the work runs on two threads and the picture stays exactly the
// sequential one, in three steps:
//   1. locate: each thread reads half of the features (in feature order) once and turns those in
//      view into stamp candidates, sorted into the upper and lower halves of every class's cell
//      grid;
//   2. keep the first candidate of each cell: a cell belongs to one half, so each thread takes one
//      half — the first thread's candidates of it, then the second's, which is feature order;
//   3. blend: the image is cut into bands of rows that stay in cache; the threads take bands in
//      turn and stamp each band's markers from both halves merged back into feature order, so
//      every pixel sees its markers in the order the sequential painter draws them, leaving out
//      those that later opaque marker pixels cover entirely.
// Each step reads compact candidates, not the features, after the first.
class PointPainter {
 public:
  static constexpr int kPhases = 4;

  PointPainter(const MapView& view, const RenderLayer& layer, const PaintOptions& options)
      : view_(view),
        layer_(layer),
        options_(options),
        frame_(view.frame()),
        classes_(layer.symbols.size() + 1),
        monthOnly_(layer.timed ? options.month : std::nullopt) {}

  PaintStats paint(QPainter& painter, LabelEngine& labels, bool showLabels) {
    const bool vector = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Pdf;
    prepareCells();
    if (vector) return paintVector(painter, labels, showLabels);
    // Stamping straight into the image is exact only without transform or opacity in between.
    QImage* direct = nullptr;
    if (painter.device() && painter.device()->devType() == QInternal::Image && painter.worldTransform().isIdentity() &&
        painter.opacity() == 1.0) {
      auto* image = static_cast<QImage*>(painter.device());
      if (image->format() == QImage::Format_ARGB32_Premultiplied) direct = image;
    }
    prepareSprites();
    const bool parallel =
        direct && !showLabels && options_.pointThreads != 1 && layer_.features.size() >= kParallelFrom;
    if (parallel) return paintOnTwoThreads(*direct);

    PaintStats stats;
    std::vector<Stamp> stamps;
    {
      std::array<std::vector<Stamp>, 2> candidates;  // one list: the halves are not told apart
      locate(0, layer_.features.size(), false, candidates);
      stats.pointsSkipped = keepFirstInCell({&candidates[0]}, stamps);
    }
    stats.featuresDrawn = stamps.size();
    if (cancelled(options_)) return stats;
    if (direct) {
      blendInBands(*direct, {&stamps}, 1);
    } else {
      for (const Stamp& stamp : stamps) painter.drawImage(QPoint(stamp.left, stamp.top), spriteOf(stamp).image);
    }
    if (showLabels)
      for (const Stamp& stamp : stamps) {
        const DrawFeature& feature = layer_.features[stamp.feature];
        if (!feature.label.empty()) addLabel(labels, layer_, feature, view_, options_, symbolOf(layer_, feature));
      }
    return stats;
  }

 private:
  // Below this many points a second thread costs more than it saves.
  static constexpr size_t kParallelFrom = 50000;

  struct ClassState {
    double cell = 1, cellsPerPixel = 1;
    int columns = 0, rows = 0, side = 0;
    size_t firstCell = 0;  // of this class's grid in covered_
    std::array<Sprite, kPhases * kPhases> sprites;
  };
  // A marker to stamp: its feature, its cell (in covered_), its sprite and the sprite's corner.
  struct Stamp {
    uint32_t feature;
    uint32_t cell;
    int32_t left, top;
    uint16_t classIndex;
    uint8_t phase;
  };

  const Symbol& symbolFor(size_t classIndex) const {
    return classIndex == 0 ? layer_.style.symbol : layer_.symbols[classIndex - 1];
  }
  static size_t classIndexOf(const RenderLayer& layer, const DrawFeature& feature) {
    return feature.symbolClass >= 0 && static_cast<size_t>(feature.symbolClass) < layer.symbols.size()
               ? static_cast<size_t>(feature.symbolClass) + 1
               : 0;
  }
  const Sprite& spriteOf(const Stamp& stamp) const { return classes_[stamp.classIndex].sprites[stamp.phase]; }

  void prepareCells() {
    size_t cells = 0;
    for (size_t k = 0; k < classes_.size(); ++k) {
      const Symbol& symbol = symbolFor(k);
      ClassState& c = classes_[k];
      c.cell = std::max(1.0, symbol.size * options_.pixelScale / 3);
      c.cellsPerPixel = 1 / c.cell;
      c.columns = static_cast<int>(frame_.width() / c.cell) + 1;
      c.rows = static_cast<int>(frame_.height() / c.cell) + 1;
      c.firstCell = cells;
      cells += static_cast<size_t>(c.columns) * static_cast<size_t>(c.rows);
      c.side =
          static_cast<int>(std::ceil(symbol.size * options_.pixelScale + symbol.strokeWidth * options_.pixelScale + 2));
    }
    // Stamps keep feature and cell indices in 32 bits.
    if (cells > UINT32_MAX || layer_.features.size() > UINT32_MAX)
      throw std::length_error("layer " + layer_.id + ": too many points or too large a frame to draw");
    covered_.assign(cells, 0);
  }

  void prepareSprites() {
    for (size_t k = 0; k < classes_.size(); ++k) {
      const Symbol& symbol = symbolFor(k);
      ClassState& c = classes_[k];
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

  // Step 1: the features [first, last) in view as stamp candidates, in feature order, into
  // halves[0] (upper half of their class's cell grid) and halves[1] (lower), or all into
  // halves[0] when `split` is false.
  void locate(size_t first, size_t last, bool split, std::array<std::vector<Stamp>, 2>& halves) const {
    const MapExtent& extent = view_.extent();
    // Screen position and cell by multiplication: the divisions were a good part of this loop.
    const double pixelsPerUnit = 1 / view_.unitsPerPixel();
    for (size_t i = first; i < last; ++i) {
      if ((i & 0x3FFF) == 0 && cancelled(options_)) return;
      const DrawFeature& feature = layer_.features[i];
      if (monthOnly_ && feature.month != *monthOnly_) continue;
      const uint32_t at = layer_.partStarts[feature.firstPart];
      const double x = layer_.x[at], y = layer_.y[at];
      if (x < extent.minX || x > extent.maxX || y < extent.minY || y > extent.maxY) continue;
      const size_t k = classIndexOf(layer_, feature);
      const ClassState& c = classes_[k];
      const double offsetX = (x - extent.minX) * pixelsPerUnit, offsetY = (extent.maxY - y) * pixelsPerUnit;
      const int column = static_cast<int>(offsetX * c.cellsPerPixel);
      const int row = static_cast<int>(offsetY * c.cellsPerPixel);
      if (column >= c.columns || row >= c.rows) continue;
      // The sprite's corner on whole pixels, the marker inside it at the nearest quarter pixel
      // (positive values: truncation after adding a half rounds to nearest).
      const double left = frame_.left() + offsetX - c.side / 2.0, top = frame_.top() + offsetY - c.side / 2.0;
      const double cornerX = std::floor(left), cornerY = std::floor(top);
      const int quarterX = static_cast<int>((left - cornerX) * kPhases + 0.5);
      const int quarterY = static_cast<int>((top - cornerY) * kPhases + 0.5);
      const int carryX = quarterX / kPhases, carryY = quarterY / kPhases;  // 1 when rounded up to the next pixel
      const int phaseX = quarterX - carryX * kPhases, phaseY = quarterY - carryY * kPhases;
      const size_t cell =
          c.firstCell + static_cast<size_t>(row) * static_cast<size_t>(c.columns) + static_cast<size_t>(column);
      halves[split && row >= c.rows / 2 ? 1 : 0].push_back(
          {static_cast<uint32_t>(i), static_cast<uint32_t>(cell), static_cast<int32_t>(cornerX) + carryX,
           static_cast<int32_t>(cornerY) + carryY, static_cast<uint16_t>(k),
           static_cast<uint8_t>(phaseX * kPhases + phaseY)});
    }
  }

  // Step 2: of `lists` (read one after the other, together in feature order), the first candidate
  // of each cell; returns how many were skipped.
  size_t keepFirstInCell(std::initializer_list<const std::vector<Stamp>*> lists, std::vector<Stamp>& kept) {
    size_t skipped = 0;
    for (const std::vector<Stamp>* list : lists)
      for (const Stamp& candidate : *list) {
        uint8_t& covered = covered_[candidate.cell];
        if (covered) {
          ++skipped;
          continue;
        }
        covered = 1;
        kept.push_back(candidate);
      }
    return skipped;
  }

  PaintStats paintOnTwoThreads(QImage& image) {
    const size_t count = layer_.features.size(), middleFeature = count / 2;
    std::array<std::array<std::vector<Stamp>, 2>, 2> candidates;  // [range of features][half of cells]
    onTwoThreads([&](int range) {
      const size_t first = range == 0 ? 0 : middleFeature, last = range == 0 ? middleFeature : count;
      for (auto& half : candidates[static_cast<size_t>(range)]) half.reserve(last - first);
      locate(first, last, true, candidates[static_cast<size_t>(range)]);
    });
    PaintStats stats;
    if (cancelled(options_)) return stats;

    std::array<std::vector<Stamp>, 2> kept;  // per half, in feature order
    std::array<size_t, 2> skipped{};
    onTwoThreads([&](int half) {
      const auto h = static_cast<size_t>(half);
      kept[h].reserve(candidates[0][h].size() + candidates[1][h].size());
      skipped[h] = keepFirstInCell({&candidates[0][h], &candidates[1][h]}, kept[h]);
    });
    stats.featuresDrawn = kept[0].size() + kept[1].size();
    stats.pointsSkipped = skipped[0] + skipped[1];
    if (cancelled(options_)) return stats;

    blendInBands(image, {&kept[0], &kept[1]}, 2);
    return stats;
  }

  // Step 3: stamps `lists` (each in feature order, disjoint) into the image band by band, each
  // band's stamps merged back into feature order. Stamps in feature order land all over the
  // image, and a 1080p image does not stay in cache; a band of kBandRows rows does.
  void blendInBands(QImage& image, std::initializer_list<const std::vector<Stamp>*> lists, int threads) const {
    static constexpr int kBandRows = 32;
    const QRect clip = frame_.toAlignedRect().intersected(image.rect());
    if (clip.isEmpty()) return;
    const int bandCount = (clip.height() + kBandRows - 1) / kBandRows;
    auto bandsOf = [&](const Stamp& stamp) {
      const int first = std::max(stamp.top, clip.top()),
                last = std::min(stamp.top + spriteOf(stamp).height, clip.bottom() + 1);
      return first < last ? std::pair{(first - clip.top()) / kBandRows, (last - 1 - clip.top()) / kBandRows + 1}
                          : std::pair{0, 0};
    };
    // Per list, its stamps' indices grouped by band (counting sort: feature order stays).
    struct Buckets {
      std::vector<uint32_t> starts, stamps;
    };
    std::vector<Buckets> buckets(lists.size());
    auto bucket = [&](size_t which) {
      const std::vector<Stamp>& list = *lists.begin()[which];
      Buckets& b = buckets[which];
      b.starts.assign(static_cast<size_t>(bandCount) + 1, 0);
      for (const Stamp& stamp : list) {
        const auto [first, last] = bandsOf(stamp);
        for (int band = first; band < last; ++band) ++b.starts[static_cast<size_t>(band) + 1];
      }
      for (size_t band = 1; band < b.starts.size(); ++band) b.starts[band] += b.starts[band - 1];
      b.stamps.resize(b.starts.back());
      std::vector<uint32_t> fill(b.starts.begin(), b.starts.end() - 1);
      for (size_t i = 0; i < list.size(); ++i) {
        const auto [first, last] = bandsOf(list[i]);
        for (int band = first; band < last; ++band)
          b.stamps[fill[static_cast<size_t>(band)]++] = static_cast<uint32_t>(i);
      }
    };
    if (threads > 1 && lists.size() == 2)
      onTwoThreads([&](int which) { bucket(static_cast<size_t>(which)); });
    else
      for (size_t which = 0; which < lists.size(); ++which) bucket(which);

    uchar* pixels = image.bits();
    const qsizetype stride = image.bytesPerLine();
    std::atomic<int> nextBand{0};
    auto blendBands = [&](int) {
      std::vector<const Stamp*> order;  // this band's stamps in feature order
      std::vector<uint8_t> shown;       // per stamp of `order`: not hidden by later ones
      BandCover cover(clip.left(), clip.width(), kBandRows);
      for (int band; (band = nextBand.fetch_add(1, std::memory_order_relaxed)) < bandCount;) {
        const int top = clip.top() + band * kBandRows;
        const QRect area(QPoint(clip.left(), top), QPoint(clip.right(), std::min(top + kBandRows - 1, clip.bottom())));
        // Merge the lists' stamps of this band by feature.
        order.clear();
        std::array<std::pair<const uint32_t*, const uint32_t*>, 2> ranges{};
        std::array<const std::vector<Stamp>*, 2> sources{};
        size_t used = 0;
        for (size_t which = 0; which < lists.size(); ++which) {
          const Buckets& b = buckets[which];
          const uint32_t* begin = b.stamps.data() + b.starts[static_cast<size_t>(band)];
          const uint32_t* end = b.stamps.data() + b.starts[static_cast<size_t>(band) + 1];
          if (begin != end) ranges[used] = {begin, end}, sources[used++] = lists.begin()[which];
        }
        for (;;) {
          size_t pick = used;
          for (size_t r = 0; r < used; ++r)
            if (ranges[r].first != ranges[r].second &&
                (pick == used ||
                 (*sources[r])[*ranges[r].first].feature < (*sources[pick])[*ranges[pick].first].feature))
              pick = r;
          if (pick == used) break;
          order.push_back(&(*sources[pick])[*ranges[pick].first++]);
        }
        // Last to first: a stamp every visible pixel of which a later one covers opaquely would
        // be painted over exactly (source-over of an opaque pixel ignores what lies under it), so
        // it is left out. Where markers pile up this is most of them.
        shown.assign(order.size(), 0);
        cover.start(area.top(), area.height());
        for (size_t k = order.size(); k-- > 0;) {
          const Stamp& stamp = *order[k];
          const Sprite& sprite = spriteOf(stamp);
          shown[k] = !cover.hides(sprite, stamp.left, stamp.top);
          if (shown[k]) cover.add(sprite, stamp.left, stamp.top);
        }
        for (size_t k = 0; k < order.size(); ++k)
          if (shown[k]) blendSprite(pixels, stride, spriteOf(*order[k]), order[k]->left, order[k]->top, area);
      }
    };
    if (threads > 1)
      onTwoThreads(blendBands);
    else
      blendBands(0);
  }

  PaintStats paintVector(QPainter& painter, LabelEngine& labels, bool showLabels) {
    PaintStats stats;
    std::array<std::vector<Stamp>, 2> candidates;
    locate(0, layer_.features.size(), false, candidates);
    std::vector<Stamp> kept;
    stats.pointsSkipped = keepFirstInCell({&candidates[0]}, kept);
    for (const Stamp& stamp : kept) {
      const DrawFeature& feature = layer_.features[stamp.feature];
      const Symbol& symbol = symbolOf(layer_, feature);
      const uint32_t at = layer_.partStarts[feature.firstPart];
      painter.setPen(strokePen(symbol, options_.pixelScale));
      painter.setBrush(fillBrush(symbol));
      drawMarker(painter, symbol, view_.toScreen(layer_.x[at], layer_.y[at]), options_.pixelScale);
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
  std::optional<int32_t> monthOnly_;  // the month filter, for a timed layer
  std::vector<uint8_t> covered_;      // per cell of every class's grid; bytes, so the halves write apart
};

}  // namespace

QImage rasterImage(const RenderLayer& layer) {
  const RasterGrid& grid = *layer.raster;
  QImage image(grid.width, grid.height, QImage::Format_ARGB32_Premultiplied);
  for (int row = 0; row < grid.height; ++row) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
    for (int column = 0; column < grid.width; ++column) {
      const float value =
          grid.values[static_cast<size_t>(row) * static_cast<size_t>(grid.width) + static_cast<size_t>(column)];
      if (std::isnan(value)) {
        line[column] = 0;
        continue;
      }
      const Rgba c = rampColour(layer.style.ramp, value);
      line[column] = qPremultiply(qRgba(c.r, c.g, c.b, c.a));
    }
  }
  return image;
}

PaintStats paintLayer(QPainter& painter, const MapView& view, const RenderLayer& layer, LabelEngine& labels,
                      const PaintOptions& options) {
  PaintStats stats;
  painter.save();
  painter.setOpacity(options.opacity);
  painter.setClipRect(view.frame());
  if (layer.imagery) {
    paintImagery(painter, view, layer, options, stats);
    painter.restore();
    return stats;
  }
  if (layer.raster) {
    paintRaster(painter, view, layer);
    painter.restore();
    return stats;
  }
  const bool showLabels =
      layer.style.labels && (!layer.style.labels->maxScale || view.scaleDenominator() <= *layer.style.labels->maxScale);
  if (geometryOf(layer.role) == GeometryFamily::point) {
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
