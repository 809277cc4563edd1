#pragma once
// One layer of a web map as the page's JSON (docs/webmap.md, "What the page holds"): geometries
// in lon/lat quantised to 1e-7° (≈ 1 cm) and delta-encoded, each feature's symbol class, month,
// label and attribute row; symbols and legend as the catalog's style draws them; rasters as a PNG
// in Web Mercator; tile basemaps as a URL template.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "io/sources/attribute_rows.h"
#include "render/render_layer.h"
#include "style/layer_style.h"

namespace urbangis {

inline constexpr double kWebCoordinateScale = 1e7;  // lon/lat units a degree

// A symbol as the page draws it: CSS colours, widths and sizes in pixels.
nlohmann::json symbolJson(const Symbol& symbol);
nlohmann::json legendJson(const std::vector<LegendEntry>& legend);

// Each feature's symbol class as the page keeps it (-1: the layer's default symbol).
nlohmann::json symbolClassesJson(const RenderLayer& layer);

struct WebLayerContext {
  const LayerSpec* spec = nullptr;               // the catalog entry (field meanings); null for overlays
  const AttributeRows* attributes = nullptr;     // popups; null: no attributes
  const std::vector<int32_t>* months = nullptr;  // the page's months, ascending (timed layers index into them)
  // National class of each category_field value, when the catalog maps the layer's categories.
  std::map<std::string, std::string> nationalClassByCategory;
  std::string language = "zh";
  bool visible = true;
};

// A vector layer read in lon/lat (EPSG:4326, longitude first).
nlohmann::json vectorLayerJson(const RenderLayer& layer, const WebLayerContext& context);

// A raster layer read in Web Mercator (EPSG:3857): its coloured grid as a PNG data URL with the
// lon/lat bounds Leaflet stretches it over.
nlohmann::json rasterLayerJson(const RenderLayer& layer, const std::string& language, double opacity, bool visible);

// The text of a cell for the page: numbers as JSON numbers, null for an empty cell.
nlohmann::json cellJson(const CellValue& cell);

}  // namespace urbangis
