// Point level of detail: of 200,000 points most are skipped, every point in view is either drawn
// or skipped, and the picture is the one every marker drawn would give.

#include <catch2/catch.hpp>

#include <QImage>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cstring>
#include <random>

#include "render/layer_painter.h"
#include "render/render_support.h"
#include "render/symbol_painter.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

// `count` points in clusters of different spread, some outside the view, all of one class.
RenderLayer randomPoints(size_t count, const Symbol& symbol) {
  RenderLayer layer;
  layer.id = "random";
  layer.role = LayerRole::points;
  layer.style.symbol = symbol;
  std::mt19937_64 random(20231);
  std::uniform_real_distribution<double> uniform(-100, 1100);
  std::normal_distribution<double> normal(0, 1);
  const struct { double x, y, spread; } clusters[] = {{300, 300, 60}, {700, 450, 120}, {500, 150, 30}, {150, 600, 90}};
  layer.partStarts.push_back(0);
  for (size_t i = 0; i < count; ++i) {
    double x, y;
    if (i % 10 == 0) {  // a sparse scatter over and beyond the view
      x = uniform(random), y = uniform(random);
    } else {
      const auto& cluster = clusters[i % 4];
      x = cluster.x + normal(random) * cluster.spread, y = cluster.y + normal(random) * cluster.spread;
    }
    layer.x.push_back(x), layer.y.push_back(y);
    layer.partStarts.push_back(static_cast<uint32_t>(layer.x.size()));
    DrawFeature feature;
    feature.kind = DrawKind::point;
    feature.firstPart = static_cast<uint32_t>(i);
    feature.partCount = 1;
    feature.fid = static_cast<int64_t>(i);
    feature.minX = feature.maxX = x, feature.minY = feature.maxY = y;
    layer.features.push_back(feature);
  }
  layer.minX = layer.minY = -100, layer.maxX = layer.maxY = 1100;
  return layer;
}

// Black where anything is drawn, white where the background shows.
QImage covered(const QImage& image) {
  QImage mask(image.size(), QImage::Format_ARGB32);
  const QColor background(0xFA, 0xFA, 0xF8);
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      mask.setPixelColor(x, y, colourDistance(image.pixelColor(x, y), background) <= 8 ? Qt::white : Qt::black);
  return mask;
}

QImage blank(const MapView& view) {
  QImage image(view.frame().size().toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(QColor(0xFA, 0xFA, 0xF8));
  return image;
}

}  // namespace

TEST_CASE("point level of detail skips hidden markers and draws the same picture", "[render]") {
  Symbol symbol;
  symbol.fill = Rgba{0xC9, 0x2A, 0x2A, 255};
  symbol.stroke = Rgba{0x7A, 0x10, 0x10, 255};
  symbol.strokeWidth = 0;  // outlines show draw order, which skipping changes: see below
  symbol.size = 6;
  const RenderLayer layer = randomPoints(200000, symbol);
  const MapView view(MapExtent{0, 0, 1000, 750}, QRectF(0, 0, 800, 600), 96);

  size_t inView = 0;
  for (size_t i = 0; i < layer.x.size(); ++i) {
    const double x = layer.x[i], y = layer.y[i];
    inView += x >= view.extent().minX && x <= view.extent().maxX && y >= view.extent().minY && y <= view.extent().maxY;
  }

  QImage detail = blank(view);
  PaintStats stats;
  {
    QPainter painter(&detail);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelEngine labels(view.frame());
    stats = paintLayer(painter, view, layer, labels, PaintOptions{});
  }
  INFO(inView << " points in view: " << stats.featuresDrawn << " drawn, " << stats.pointsSkipped << " skipped");
  CHECK(stats.featuresDrawn + stats.pointsSkipped == inView);
  CHECK(stats.pointsSkipped > inView / 2);
  CHECK(stats.featuresDrawn > 1000);

  // Every marker drawn, in order, as a painter without level of detail would.
  QImage full = blank(view);
  {
    QPainter painter(&full);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setClipRect(view.frame());
    painter.setPen(strokePen(symbol, 1));
    painter.setBrush(fillBrush(symbol));
    for (size_t i = 0; i < layer.x.size(); ++i) {
      const double x = layer.x[i], y = layer.y[i];
      if (x < view.extent().minX || x > view.extent().maxX || y < view.extent().minY || y > view.extent().maxY)
        continue;
      drawMarker(painter, symbol, view.toScreen(x, y), 1);
    }
  }
  keepForInspection(detail, "lod_points.png");
  keepForInspection(full, "lod_points_full.png");
  const double differing = differingFraction(detail, full, 48);
  const double coverage = differingFraction(covered(detail), covered(full), 0);
  const double seen = differingFraction(detail.scaled(200, 150, Qt::IgnoreAspectRatio, Qt::SmoothTransformation),
                                        full.scaled(200, 150, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), 24);
  INFO("pixels that differ: " << differing * 100 << " %; covered differently: " << coverage * 100
                              << " %; 4×4 blocks that differ: " << seen * 100 << " %");
  CHECK(differing < 0.01);
  CHECK(coverage < 0.01);
  CHECK(seen < 0.01);
  // The comparison can tell pictures apart: without the sparse tenth, much differs.
  RenderLayer clustersOnly = layer;
  clustersOnly.features.clear();
  for (size_t i = 0; i < layer.features.size(); ++i)
    if (i % 10 != 0) clustersOnly.features.push_back(layer.features[i]);
  QImage other = blank(view);
  {
    QPainter painter(&other);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelEngine labels(view.frame());
    paintLayer(painter, view, clustersOnly, labels, PaintOptions{});
  }
  CHECK(differingFraction(other, full, 48) > 0.01);

  // With outlines the texture inside dense clusters depends on which markers come last, but
  // skipping opens no holes: the same pixels are covered.
  RenderLayer outlined = layer;
  outlined.style.symbol.strokeWidth = 0.8;
  outlined.style.symbol.stroke = Rgba{0xFF, 0xFF, 0xFF, 255};
  QImage outlinedDetail = blank(view), outlinedFull = blank(view);
  {
    QPainter painter(&outlinedDetail);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelEngine labels(view.frame());
    paintLayer(painter, view, outlined, labels, PaintOptions{});
  }
  {
    QPainter painter(&outlinedFull);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(strokePen(outlined.style.symbol, 1));
    painter.setBrush(fillBrush(outlined.style.symbol));
    for (size_t i = 0; i < layer.x.size(); ++i) {
      const double x = layer.x[i], y = layer.y[i];
      if (x < view.extent().minX || x > view.extent().maxX || y < view.extent().minY || y > view.extent().maxY)
        continue;
      drawMarker(painter, outlined.style.symbol, view.toScreen(x, y), 1);
    }
  }
  const double outlinedCoverage = differingFraction(covered(outlinedDetail), covered(outlinedFull), 0);
  INFO("outlined markers: pixels covered differently " << outlinedCoverage * 100 << " %");
  CHECK(outlinedCoverage < 0.01);
}

TEST_CASE("points stamped on two threads give the sequential picture bit for bit", "[render]") {
  // Half-transparent markers of three classes with outlines: every pixel's colour depends on the
  // order its markers are blended in, also where markers reach over the line between the bands.
  Symbol symbol;
  symbol.fill = Rgba{0xC9, 0x2A, 0x2A, 160};
  symbol.stroke = Rgba{0xFF, 0xFF, 0xFF, 220};
  symbol.strokeWidth = 0.8;
  symbol.size = 7;
  RenderLayer layer = randomPoints(120000, symbol);
  for (const Rgba fill : {Rgba{0x1F, 0x78, 0xB4, 140}, Rgba{0x33, 0xA0, 0x2C, 200}}) {
    Symbol other = symbol;
    other.fill = fill;
    other.size = fill.a == 140 ? 11 : 5;
    layer.symbols.push_back(other);
  }
  for (size_t i = 0; i < layer.features.size(); ++i) layer.features[i].symbolClass = static_cast<int32_t>(i % 3) - 1;
  const MapView view(MapExtent{0, 0, 1000, 750}, QRectF(0, 0, 801, 601), 96);

  auto render = [&](int threads) {
    QImage image = blank(view);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelEngine labels(view.frame());
    PaintOptions options;
    options.pointThreads = threads;
    const PaintStats stats = paintLayer(painter, view, layer, labels, options);
    painter.end();
    return std::pair{image, stats};
  };
  const auto [sequential, sequentialStats] = render(1);
  const auto [parallel, parallelStats] = render(2);
  CHECK(parallelStats.featuresDrawn == sequentialStats.featuresDrawn);
  CHECK(parallelStats.pointsSkipped == sequentialStats.pointsSkipped);
  size_t differing = 0;
  for (int y = 0; y < sequential.height(); ++y)
    differing += std::memcmp(sequential.constScanLine(y), parallel.constScanLine(y),
                             static_cast<size_t>(sequential.bytesPerLine())) != 0;
  keepForInspection(parallel, "lod_points_two_threads.png");
  INFO(differing << " rows differ");
  CHECK(differing == 0);
  // Qt's own blending of every kept marker, one drawImage each (a pixmap is no image the painter
  // may write to directly), gives the same picture: leaving out markers that later ones cover
  // changes nothing.
  QPixmap pixmap(sequential.size());
  pixmap.fill(QColor(0xFA, 0xFA, 0xF8));
  {
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LabelEngine labels(view.frame());
    PaintOptions options;
    options.pointThreads = 1;
    paintLayer(painter, view, layer, labels, options);
  }
  const QImage byQt = pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
  size_t differingFromQt = 0;
  for (int y = 0; y < byQt.height(); ++y)
    differingFromQt +=
        std::memcmp(byQt.constScanLine(y), sequential.constScanLine(y), static_cast<size_t>(byQt.bytesPerLine())) != 0;
  INFO(differingFromQt << " rows differ from Qt's blending");
  CHECK(differingFromQt == 0);
  // Drawing order shows: the same markers in reverse order give another picture.
  RenderLayer reversed = layer;
  std::reverse(reversed.features.begin(), reversed.features.end());
  QImage reversedImage = blank(view);
  {
    QPainter painter(&reversedImage);
    LabelEngine labels(view.frame());
    PaintOptions options;
    options.pointThreads = 1;
    paintLayer(painter, view, reversed, labels, options);
  }
  CHECK(reversedImage != sequential);
}

TEST_CASE("a month filter draws a timed layer's points of that month only, as a layer of those points would",
          "[render]") {
  Symbol symbol;
  symbol.fill = Rgba{0xC9, 0x2A, 0x2A, 255};
  symbol.size = 5;
  RenderLayer layer = randomPoints(120000, symbol);
  layer.timed = true;
  const int32_t may = 2023 * 12 + 4;
  for (size_t i = 0; i < layer.features.size(); ++i)
    layer.features[i].month = i % 50 == 0 ? kNoMonth : may - 4 + static_cast<int32_t>(i % 12);
  // The same points kept by hand: May's only.
  RenderLayer mayOnly = layer;
  std::erase_if(mayOnly.features, [&](const DrawFeature& feature) { return feature.month != may; });
  REQUIRE(mayOnly.features.size() > 5000);
  const MapView view(MapExtent{0, 0, 1000, 750}, QRectF(0, 0, 801, 601), 96);
  auto render = [&](const RenderLayer& drawn, std::optional<int32_t> month, int threads) {
    QImage image = blank(view);
    QPainter painter(&image);
    LabelEngine labels(view.frame());
    PaintOptions options;
    options.month = month;
    options.pointThreads = threads;
    const PaintStats stats = paintLayer(painter, view, drawn, labels, options);
    painter.end();
    return std::pair{image, stats};
  };
  for (const int threads : {1, 2}) {
    INFO(threads << " thread(s)");
    const auto [filtered, filteredStats] = render(layer, may, threads);
    const auto [byHand, byHandStats] = render(mayOnly, std::nullopt, threads);
    CHECK(filteredStats.featuresDrawn == byHandStats.featuresDrawn);
    CHECK(filteredStats.pointsSkipped == byHandStats.pointsSkipped);
    CHECK(filtered == byHand);
    const auto [whole, wholeStats] = render(layer, std::nullopt, threads);
    CHECK(wholeStats.featuresDrawn + wholeStats.pointsSkipped >
          10 * (filteredStats.featuresDrawn + filteredStats.pointsSkipped));
    // A layer without times is not filtered.
    RenderLayer untimed = layer;
    untimed.timed = false;
    const auto [untimedImage, untimedStats] = render(untimed, may, threads);
    CHECK(untimedImage == whole);
  }
}
