// Colours where a person looks: an area in its fill, points in their category colours, a raster
// through its ramp, and the background everywhere nothing is.

#include <catch2/catch.hpp>

#include <QImage>
#include <QPainter>

#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>

#include "core/progress.h"
#include "io/catalog/catalog_loader.h"
#include "render/catalog_layers.h"
#include "render/legend.h"
#include "render/map_renderer.h"
#include "render/render_support.h"
#include "render/symbol_painter.h"
#include "test_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

const QColor kBackground(0xFA, 0xFA, 0xF8);

QImage render(const MapView& view, const std::vector<MapLayer>& layers, double pixelScale = 1) {
  QImage image(view.frame().size().toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  PaintOptions options;
  options.pixelScale = pixelScale;
  renderMap(painter, view, layers, options, kBackground);
  painter.end();
  return image;
}

// The polygon of `feature` in the working CRS, rebuilt from the layer's rings.
std::unique_ptr<OGRPolygon> polygonOf(const RenderLayer& layer, const DrawFeature& feature) {
  auto polygon = std::make_unique<OGRPolygon>();
  for (uint32_t part = feature.firstPart; part < feature.firstPart + feature.partCount; ++part) {
    OGRLinearRing ring;
    for (uint32_t i = layer.partStarts[part]; i < layer.partStarts[part + 1]; ++i)
      ring.addPoint(layer.x[i], layer.y[i]);
    ring.closeRings();
    polygon->addRing(&ring);
  }
  return polygon;
}

bool boxesOverlap(const DrawFeature& a, const DrawFeature& b, double margin) {
  return a.minX - margin <= b.maxX && b.minX - margin <= a.maxX && a.minY - margin <= b.maxY &&
         b.minY - margin <= a.maxY;
}

}  // namespace

TEST_CASE("a yellow-line zone is drawn in its fill colour inside and leaves the background outside", "[render]") {
  const RenderLayer& loaded = dayeLayer("yellow_line");
  REQUIRE(loaded.features.size() == 849);
  RenderLayer layer = loaded;
  layer.style.labels.reset();  // the zone's name would be written over the fill we look at

  // The widest zone that overlaps no other: its inside is all one colour.
  const DrawFeature* chosen = nullptr;
  double chosenWidth = 0;
  for (const DrawFeature& feature : layer.features) {
    const double width = std::min(feature.maxX - feature.minX, feature.maxY - feature.minY);
    if (width <= chosenWidth || feature.symbolClass < 0) continue;
    const bool alone = std::none_of(layer.features.begin(), layer.features.end(), [&](const DrawFeature& other) {
      return &other != &feature && boxesOverlap(feature, other, width);
    });
    if (alone) chosen = &feature, chosenWidth = width;
  }
  REQUIRE(chosen);
  INFO("zone fid " << chosen->fid << ", " << chosen->maxX - chosen->minX << " × " << chosen->maxY - chosen->minY
                   << " m");

  const MapExtent extent = MapExtent{chosen->minX, chosen->minY, chosen->maxX, chosen->maxY}.grownBy(0.5);
  const MapView view(extent, QRectF(0, 0, 800, 600), 96);
  const QImage image = render(view, {{&layer, 1.0}});
  keepForInspection(image, "yellow_line_zone.png");

  const Symbol& symbol = layer.symbols.at(static_cast<size_t>(chosen->symbolClass));
  REQUIRE(symbol.fill);
  REQUIRE(symbol.fill->a < 255);  // the style's fill is translucent: the background shows through
  const QColor expected = over(*symbol.fill, kBackground);

  // Every pixel well inside the zone (three pixels in from its outline) shows the fill.
  const auto polygon = polygonOf(layer, *chosen);
  std::unique_ptr<OGRGeometry> inside(polygon->Buffer(-3 * view.unitsPerPixel()));
  REQUIRE(inside);
  REQUIRE_FALSE(inside->IsEmpty());
  size_t checkedInside = 0;
  for (int y = 0; y < 600; y += 2)
    for (int x = 0; x < 800; x += 2) {
      const QPointF world = view.toWorld(QPointF(x + 0.5, y + 0.5));
      const OGRPoint point(world.x(), world.y());
      if (!inside->Contains(&point)) continue;
      ++checkedInside;
      const QColor seen = image.pixelColor(x, y);
      INFO("pixel " << x << "," << y << " is " << seen.name().toStdString() << ", expected "
                    << expected.name().toStdString());
      REQUIRE(colourDistance(seen, expected) <= 2);
    }
  CHECK(checkedInside > 1000);

  // Its label point (a point on the surface) is yellow too.
  const OGRGeometryUniquePtr onSurface(
      OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(inside.get()))));
  REQUIRE(onSurface);
  REQUIRE(wkbFlatten(onSurface->getGeometryType()) == wkbPoint);
  const QPointF labelAt = view.toScreen(onSurface->toPoint()->getX(), onSurface->toPoint()->getY());
  CHECK(colourDistance(pixelAt(image, labelAt.x(), labelAt.y()), expected) <= 2);

  // Well away from every zone of the layer, the map is its background.
  size_t checkedOutside = 0;
  const double margin = 4 * view.unitsPerPixel();
  for (int y = 0; y < 600; y += 8)
    for (int x = 0; x < 800; x += 8) {
      const QPointF world = view.toWorld(QPointF(x + 0.5, y + 0.5));
      DrawFeature probe;
      probe.minX = probe.maxX = world.x(), probe.minY = probe.maxY = world.y();
      if (std::any_of(layer.features.begin(), layer.features.end(),
                      [&](const DrawFeature& feature) { return boxesOverlap(feature, probe, margin); }))
        continue;
      ++checkedOutside;
      INFO("pixel " << x << "," << y);
      REQUIRE(colourDistance(image.pixelColor(x, y), kBackground) <= 1);
    }
  CHECK(checkedOutside > 1000);
}

namespace {

// For each category: the feature farthest from any other, drawn alone at the centre of a small
// view, shows its category's fill at its centre and background around it.
void checkCategoryColours(const RenderLayer& layer) {
  REQUIRE(layer.style.renderer == StyleRenderer::categorized);
  REQUIRE(layer.symbols.size() == layer.style.categories.size());
  for (size_t category = 0; category < layer.style.categories.size(); ++category) {
    const DrawFeature* loneliest = nullptr;
    double loneliestDistance = 0;
    for (const DrawFeature& feature : layer.features) {
      if (feature.symbolClass != static_cast<int32_t>(category)) continue;
      double nearest = std::numeric_limits<double>::infinity();
      for (const DrawFeature& other : layer.features)
        if (&other != &feature)
          nearest = std::min(nearest, std::hypot(other.minX - feature.minX, other.minY - feature.minY));
      if (nearest > loneliestDistance) loneliest = &feature, loneliestDistance = nearest;
    }
    const StyleCategory& style = layer.style.categories[category];
    INFO(layer.id << " category " << style.value);
    REQUIRE(loneliest);
    REQUIRE(loneliestDistance > 0);
    const double half = loneliestDistance / 2.5;  // no other point in the view
    const MapExtent extent{loneliest->minX - half, loneliest->minY - half, loneliest->minX + half,
                           loneliest->minY + half};
    const MapView view(extent, QRectF(0, 0, 120, 120), 96);
    const QImage image = render(view, {{&layer, 1.0}}, 2);
    const QPointF at = view.toScreen(loneliest->minX, loneliest->minY);
    REQUIRE(style.symbol.fill);
    const QColor expected = over(*style.symbol.fill, kBackground);
    INFO("centre pixel " << pixelAt(image, at.x(), at.y()).name().toStdString() << ", expected "
                         << expected.name().toStdString());
    CHECK(colourDistance(pixelAt(image, at.x(), at.y()), expected) <= 3);
    // A marker is style.size pixels wide (× 2 here): twice that away is background.
    const double away = style.symbol.size * 2 * 2;
    CHECK(colourDistance(pixelAt(image, at.x() + away, at.y()), kBackground) <= 1);
    CHECK(colourDistance(pixelAt(image, at.x(), at.y() - away), kBackground) <= 1);
  }
}

// The legend lists the style's categories in order with their symbols, and draws each colour.
void checkLegend(const RenderLayer& layer) {
  REQUIRE(layer.legend.size() == layer.style.categories.size());
  for (size_t i = 0; i < layer.legend.size(); ++i) {
    const StyleCategory& category = layer.style.categories[i];
    CHECK(layer.legend[i].label == category.label.in("zh"));
    CHECK(layer.legend[i].kind == DrawKind::point);
    CHECK(layer.legend[i].symbol.fill == category.symbol.fill);
    CHECK(layer.legend[i].symbol.marker == category.symbol.marker);
  }
  QImage image(400, 400, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing, true);
  drawLegend(painter, QRectF(0, 0, 400, 400), {&layer}, "zh", 2);
  painter.end();
  for (const StyleCategory& category : layer.style.categories) {
    const QColor wanted = over(*category.symbol.fill, Qt::white);
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) count += colourDistance(image.pixelColor(x, y), wanted) <= 3 ? 1 : 0;
    INFO(layer.id << " legend swatch of " << category.value);
    CHECK(count >= 9);
  }
}

}  // namespace

TEST_CASE("billboard, complaint and city-component points are drawn in their category colours", "[render]") {
  for (const char* id : {"billboards", "complaints", "assets"}) {
    const RenderLayer& layer = dayeLayer(id);
    INFO(id);
    REQUIRE(!layer.features.empty());
    // Every point has a category of the style (nothing falls to the default grey).
    CHECK(std::none_of(layer.features.begin(), layer.features.end(),
                       [](const DrawFeature& feature) { return feature.symbolClass < 0; }));
    checkCategoryColours(layer);
    checkLegend(layer);
  }

  // On the whole-county map, each category's colour shows somewhere.
  const RenderLayer& billboards = dayeLayer("billboards");
  const MapView view(MapExtent{billboards.minX, billboards.minY, billboards.maxX, billboards.maxY}.grownBy(0.05),
                     QRectF(0, 0, 1200, 900), 96);
  const QImage image = render(view, {{&billboards, 1.0}}, 1.5);
  keepForInspection(image, "billboards.png");
  for (const StyleCategory& category : billboards.style.categories) {
    const QColor wanted = over(*category.symbol.fill, kBackground);
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x) count += colourDistance(image.pixelColor(x, y), wanted) <= 3 ? 1 : 0;
    INFO("billboards of type " << category.value);
    CHECK(count >= 4);
  }
}

TEST_CASE("a raster layer is drawn through its colour ramp: coloured where dense, background where zero", "[render]") {
  const TempDir temp;
  const ProcessResult kde = run(URBANGIS_CLI, {"hotspot", "kde", dayeCatalog().string(), "--layer", "gas_hazards",
                                               "--out", (temp.path() / "k.tif").string()});
  INFO(kde.err);
  REQUIRE(kde.exitCode == 0);
  writeFile(
      temp.path() / "catalog.json",
      R"({"crs": "EPSG:4547", "layers": [{"id": "kde", "title": {"zh": "燃气隐患密度", "en": "Gas hazard density"},
                "role": "raster", "source": "k.tif", "style": ")" +
          (sourceDir() / "styles" / "kde.json").string() + R"("}]})");
  const Catalog catalog = loadCatalog(temp.path() / "catalog.json");
  const CrsSpec working = mapCrsFor(catalog);
  const RenderLayer layer = loadRenderLayer(catalog.layer("kde"), working, "zh", std::nullopt, SilentProgress());
  REQUIRE(layer.raster);
  REQUIRE(layer.style.renderer == StyleRenderer::raster);
  REQUIRE(layer.legend.size() == 1);
  CHECK(layer.legend[0].ramp.size() == layer.style.ramp.size());
  const RasterGrid& grid = *layer.raster;
  auto value = [&](int column, int row) {
    return grid.values[static_cast<size_t>(row) * static_cast<size_t>(grid.width) + static_cast<size_t>(column)];
  };
  auto centre = [&](int column, int row) {
    return QPointF(grid.originX + (column + 0.5) * grid.cellWidth, grid.originY - (row + 0.5) * grid.cellHeight);
  };

  // The densest cell, and a cell of zero density with only zeros (or no data) around it.
  int peakColumn = 0, peakRow = 0, zeroColumn = -1, zeroRow = -1;
  for (int row = 0; row < grid.height; ++row)
    for (int column = 0; column < grid.width; ++column) {
      if (value(column, row) > value(peakColumn, peakRow)) peakColumn = column, peakRow = row;
      if (zeroColumn >= 0 || row < 3 || column < 3 || row >= grid.height - 3 || column >= grid.width - 3) continue;
      bool quiet = true;
      for (int dy = -3; dy <= 3 && quiet; ++dy)
        for (int dx = -3; dx <= 3 && quiet; ++dx) quiet = !(value(column + dx, row + dy) > 0);
      if (quiet) zeroColumn = column, zeroRow = row;
    }
  const float peak = value(peakColumn, peakRow);
  INFO("peak density " << peak << " at cell " << peakColumn << "," << peakRow);
  REQUIRE(peak > layer.style.ramp[1].value);
  REQUIRE(zeroColumn >= 0);

  // The whole raster: high densities are coloured, zero densities leave the background.
  {
    const MapView view(MapExtent{layer.minX, layer.minY, layer.maxX, layer.maxY}, QRectF(0, 0, 900, 900), 96);
    const QImage image = render(view, {{&layer, 1.0}});
    keepForInspection(image, "kde_raster.png");
    size_t coloured = 0, background = 0;
    for (int row = 1; row + 1 < grid.height; row += 2)
      for (int column = 1; column + 1 < grid.width; column += 2) {
        float low = value(column, row), high = low;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx)
            low = std::min(low, value(column + dx, row + dy)), high = std::max(high, value(column + dx, row + dy));
        const QPointF world = centre(column, row);
        const QPointF at = view.toScreen(world.x(), world.y());
        const QColor seen = pixelAt(image, at.x(), at.y());
        if (high <= 0) {  // zero all around: nothing drawn
          INFO("zero cell " << column << "," << row << " shows " << seen.name().toStdString());
          REQUIRE(colourDistance(seen, kBackground) <= 1);
          ++background;
        } else if (low >= 10) {  // dense all around (the ramp's 10 and up): clearly yellow-orange to red
          INFO("dense cell " << column << "," << row << " (" << value(column, row) << ") shows "
                             << seen.name().toStdString());
          REQUIRE(colourDistance(seen, kBackground) >= 100);
          REQUIRE(seen.red() > seen.blue() + 100);
          ++coloured;
        }
      }
    CHECK(coloured > 0);
    CHECK(background > 100);
  }

  // Zoomed in on the peak: its cell shows exactly the ramp's colour of its value.
  {
    const QPointF world = centre(peakColumn, peakRow);
    const double half = 4 * grid.cellWidth;
    const MapView view(MapExtent{world.x() - half, world.y() - half, world.x() + half, world.y() + half},
                       QRectF(0, 0, 400, 400), 96);
    const QImage image = render(view, {{&layer, 1.0}});
    const QPointF at = view.toScreen(world.x(), world.y());
    const QColor expected = over(rampColour(layer.style.ramp, peak), kBackground);
    const QColor seen = pixelAt(image, at.x(), at.y());
    INFO("peak pixel " << seen.name().toStdString() << ", ramp colour " << expected.name().toStdString());
    CHECK(colourDistance(seen, expected) <= 6);
  }

  // Zoomed in on the quiet cell: background.
  {
    const QPointF world = centre(zeroColumn, zeroRow);
    const double half = 2 * grid.cellWidth;
    const MapView view(MapExtent{world.x() - half, world.y() - half, world.x() + half, world.y() + half},
                       QRectF(0, 0, 200, 200), 96);
    const QImage image = render(view, {{&layer, 1.0}});
    CHECK(colourDistance(image.pixelColor(100, 100), kBackground) <= 1);
  }
}

TEST_CASE("a GeoPackage damaged halfway fails to load instead of drawing half its points", "[render]") {
  const TempDir dir;
  const std::filesystem::path file = dir.path() / "points.gpkg";
  {
    // 50,000 points, no spatial index: the damaged pages hold features, not the index.
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(driver);
    std::unique_ptr<GDALDataset> dataset(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference crs;
    crs.importFromEPSG(4547);
    const char* options[] = {"SPATIAL_INDEX=NO", nullptr};
    OGRLayer* layer = dataset->CreateLayer("points", &crs, wkbPoint, const_cast<char**>(options));
    layer->CreateField(std::make_unique<OGRFieldDefn>("type", OFTString).get());
    dataset->StartTransaction();
    int written = 0;
    for (int i = 0; i < 50000; ++i) {
      OGRFeature feature(layer->GetLayerDefn());
      feature.SetField("type", "油烟");
      OGRPoint point(500000 + i % 300, 3300000 + i / 300);
      feature.SetGeometry(&point);
      written += layer->CreateFeature(&feature) == OGRERR_NONE;
    }
    dataset->CommitTransaction();
    REQUIRE(written == 50000);
  }
  LayerSpec spec;
  spec.id = "points";
  spec.title = {"点", "Points"};
  spec.role = LayerRole::points;
  spec.source = spec.resolvedSource = file.string();
  spec.layerName = "points";
  const CrsSpec working{"EPSG:4547", ChineseOffset::none, "EPSG:4547"};
  CHECK(loadRenderLayer(spec, working, "zh", std::nullopt, SilentProgress()).features.size() == 50000);

  // Two pages of garbage in the middle of the file: SQLite reads the pages before them, then fails.
  {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<std::streamoff>(std::filesystem::file_size(file));
    bytes.seekp(size / 2 / 4096 * 4096);
    const std::string garbage(8192, '\xff');
    bytes.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  CHECK_THROWS_WITH(loadRenderLayer(spec, working, "zh", std::nullopt, SilentProgress()),
                    Catch::Contains("reading stopped after") && Catch::Contains("of 50000 features") &&
                        Catch::Contains("damaged or truncated"));
}
