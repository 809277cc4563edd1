#pragma once
// A catalog layer made ready to draw: its geometries in the working CRS as flat coordinate
// arrays, each feature's symbol class (category, graduated class) and label text, and the
// legend entries that match. Loading reads with OGR/GDAL once; drawing any number of frames
// then touches no file. No Qt here: the painter (feature_painter.h) does the drawing.

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/crs.h"
#include "core/progress.h"
#include "style/layer_style.h"

namespace urbangis {

enum class DrawKind : uint8_t { point, line, polygon };

// DrawFeature::month of a feature whose time cannot be read (never inside a month filter).
constexpr int32_t kNoMonth = INT32_MIN;

struct DrawFeature {
  DrawKind kind = DrawKind::point;
  uint32_t firstPart = 0, partCount = 0;  // parts: rings of polygons (shell first), lines, points
  int32_t symbolClass = -1;               // index into RenderLayer::symbols; -1 the default symbol
  int64_t fid = 0;
  int32_t month = kNoMonth;  // monthKeyOf its time_field (io/values/timestamps.h) in a timed layer
  std::string label;
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  double labelX = 0, labelY = 0;  // where a label goes (a point inside polygons)
};

struct LegendEntry {
  std::string label;
  Symbol symbol;
  DrawKind kind = DrawKind::point;
  std::vector<RampStop> ramp;  // a raster's colour ramp instead of a symbol
};

// A raster warped to the working CRS, as floats (NaN where there is no data).
struct RasterGrid {
  int width = 0, height = 0;
  double originX = 0, originY = 0, cellWidth = 1, cellHeight = 1;  // top-left corner; height > 0 goes down
  std::vector<float> values;
};

// Imagery drawn again for every view (a basemap, an orthophoto, map tiles): read at the view's
// resolution by io/imagery/imagery_view.h when a frame is painted, never held whole.
struct ImageryLayer {
  std::string source;          // the catalog's resolved source, secrets as ${env:NAME}
  std::optional<CrsSpec> crs;  // the catalog's "crs" (GCJ-02: the raster's projection on that datum)
  CrsSpec mapCrs;              // the working CRS the frames are in
  std::optional<int> maxZoom;  // a tile URL's deepest level (the catalog's "max_zoom")
};

// Part of a layer too big to hold whole (a huge PostGIS table in the viewer): the features whose
// boxes meet this box (working CRS), at most `maxFeatures` of them.
struct ReadWindow {
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  size_t maxFeatures = 1000000;
  bool holds(const ReadWindow& other) const {
    return other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY;
  }
};

struct RenderLayer {
  std::string id;
  LocalizedText title;
  LayerRole role = LayerRole::points;
  LayerStyle style;
  std::vector<DrawFeature> features;
  std::vector<uint32_t> partStarts;  // per part: first coordinate; one past the end at the back
  std::vector<double> x, y;
  std::vector<Symbol> symbols;  // per symbol class
  std::vector<LegendEntry> legend;
  std::optional<RasterGrid> raster;
  std::optional<ImageryLayer> imagery;
  double minX = 0, minY = 0, maxX = 0, maxY = 0;  // extent in the working CRS
  std::vector<std::string> messages;              // e.g. features that could not be drawn
  bool timed = false;                             // a points layer whose features carry their time_field's month
  // Read for a window only: `features` are those in it; minX … maxY stay the whole layer's extent.
  std::optional<ReadWindow> window;
  bool truncated = false;  // the window held more than its maxFeatures: the first ones were kept

  // Whether `feature` is on the map when the month filter is `month` (nullopt: all months):
  // what drawing, identify and selection agree on.
  bool shows(const DrawFeature& feature, std::optional<int32_t> month) const {
    return !timed || !month || feature.month == *month;
  }
};

// Values that replace a layer's style by a graduated one (a choropleth of a stats column),
// keyed by the layer's id_field.
struct Choropleth {
  std::string column;  // legend title, e.g. complaints_per_km2
  std::map<std::string, double> valueById;
  GraduatedClasses classes{ClassMethod::jenks, 5, "YlOrRd"};
};

// Reads `spec` into the working CRS with its catalog style (or a plain default when it has
// none), whole or only within `window` (an OGR spatial filter: for PostGIS a GiST-indexed box
// query). Throws InputError naming the layer when it cannot be read.
RenderLayer loadRenderLayer(const LayerSpec& spec, const CrsSpec& working, const std::string& language,
                            const std::optional<Choropleth>& choropleth, const Progress& progress,
                            const std::optional<ReadWindow>& window = std::nullopt);

// Replaces the layer's symbols, legend and feature classes by the choropleth's graduated
// classes of `values` (one per feature, NaN where a feature has none), as loading with the
// choropleth does; the legend block's title gains the column's name.
void applyChoropleth(RenderLayer& layer, const std::vector<double>& values, const Choropleth& choropleth);

}  // namespace urbangis
