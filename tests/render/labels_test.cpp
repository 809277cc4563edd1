// Labels on a busy map: district and community names never overlap, and each name's ink stays
// inside the box the label engine reserved for it.

#include <catch2/catch.hpp>

#include <QImage>
#include <QPainter>

#include "render/catalog_layers.h"
#include "render/map_renderer.h"
#include "render/render_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

QImage render(const MapView& view, const std::vector<MapLayer>& layers, FrameStats& stats) {
  QImage image(view.frame().size().toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  stats = renderMap(painter, view, layers, PaintOptions{});
  painter.end();
  return image;
}

}  // namespace

TEST_CASE("district and community labels do not overlap and their text stays in its box", "[render]") {
  const RenderLayer& districts = dayeLayer("districts");
  const RenderLayer& communities = dayeLayer("communities");
  REQUIRE(districts.style.labels);
  REQUIRE(communities.style.labels);
  // The town centre (金湖街道 and its neighbours), close enough for community names.
  const MapExtent extent = zoneExtent(dayeCatalogLoaded(), "420281003", "districts", dayeWorkingCrs());
  const MapView view(extent, QRectF(0, 0, 1400, 1000), 96);
  INFO("scale 1:" << view.scaleDenominator());
  REQUIRE(view.scaleDenominator() <= *communities.style.labels->maxScale);

  FrameStats stats;
  const QImage labelled = render(view, {{&districts, 1.0}, {&communities, 1.0}}, stats);
  keepForInspection(labelled, "labels.png");
  INFO(stats.labelsPlaced << " of " << stats.labelCandidates << " labels placed");
  CHECK(stats.labelsPlaced >= 20);
  CHECK(stats.labelCandidates > stats.labelsPlaced);  // crowded: some had to give way
  REQUIRE(stats.labelBoxes.size() == stats.labelsPlaced);

  for (size_t i = 0; i < stats.labelBoxes.size(); ++i) {
    CHECK(view.frame().contains(stats.labelBoxes[i]));
    for (size_t j = i + 1; j < stats.labelBoxes.size(); ++j) {
      INFO("labels " << i << " and " << j);
      CHECK_FALSE(stats.labelBoxes[i].intersects(stats.labelBoxes[j]));
    }
  }

  // What the labels add to the picture lies inside their boxes, so no two names touch.
  RenderLayer plainDistricts = districts, plainCommunities = communities;
  plainDistricts.style.labels.reset();
  plainCommunities.style.labels.reset();
  FrameStats plainStats;
  const QImage plain = render(view, {{&plainDistricts, 1.0}, {&plainCommunities, 1.0}}, plainStats);
  CHECK(plainStats.labelsPlaced == 0);
  size_t outside = 0, changed = 0;
  for (int y = 0; y < labelled.height(); ++y)
    for (int x = 0; x < labelled.width(); ++x) {
      if (colourDistance(labelled.pixelColor(x, y), plain.pixelColor(x, y)) <= 24) continue;
      ++changed;
      const QRectF pixel(x, y, 1, 1);
      const bool inBox = std::any_of(stats.labelBoxes.begin(), stats.labelBoxes.end(),
                                     [&](const QRectF& box) { return box.intersects(pixel); });
      if (!inBox) {
        if (outside < 10) UNSCOPED_INFO("label ink outside every box at " << x << "," << y);
        ++outside;
      }
    }
  CHECK(changed > 1000);
  CHECK(outside == 0);
}
