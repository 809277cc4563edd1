#include "render/default_style.h"

#include <algorithm>
#include <map>

#include "style/color_brewer.h"

namespace urbangis {
namespace {

// A layer's kind drawn in its own colour (the catalog's "colour"): points filled, lines stroked,
// zones outlined over a wash of it (they lie under everything), areas filled half-opaque.
Symbol colouredSymbol(LayerRole role, Rgba colour) {
  Symbol symbol;
  switch (geometryOf(role)) {
    case GeometryFamily::point:
      symbol.fill = colour;
      symbol.stroke = {0xFF, 0xFF, 0xFF, 255};
      symbol.strokeWidth = 0.8;
      break;
    case GeometryFamily::line:
      symbol.stroke = colour;
      symbol.strokeWidth = 1.5;
      break;
    default:
      symbol.stroke = colour;
      symbol.strokeWidth = role == LayerRole::zones ? 1.2 : 0.8;
      symbol.fill = Rgba{colour.r, colour.g, colour.b, static_cast<uint8_t>(role == LayerRole::zones ? 40 : 140)};
      break;
  }
  return symbol;
}

// A layer with a category_field and no style: a ColorBrewer colour for each of its most frequent
// values (up to 10, from the first 20,000 features), the rest in the layer's own symbol.
void categorizeByValues(LayerStyle& style, OGRLayer& ogr, const std::string& field, GeometryFamily geometry) {
  const int index = ogr.GetLayerDefn()->GetFieldIndex(field.c_str());
  if (index < 0) return;
  std::map<std::string, int64_t> counts;
  int64_t read = 0;
  ogr.ResetReading();
  for (auto& feature : ogr) {
    if (++read > 20000) break;
    if (feature->IsFieldSetAndNotNull(index)) ++counts[feature->GetFieldAsString(index)];
  }
  ogr.ResetReading();
  std::vector<std::pair<std::string, int64_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (ranked.size() < 2) return;
  if (ranked.size() > 10) ranked.resize(10);
  std::sort(ranked.begin(), ranked.end());  // the legend in the values' order
  const int count = static_cast<int>(ranked.size());
  const std::vector<Rgba> colours = *colorBrewer(count <= 9 ? "Set1" : "Paired", std::max(count, 3));
  style.renderer = StyleRenderer::categorized;
  style.field = field;
  for (int i = 0; i < count; ++i) {
    Symbol symbol = style.symbol;
    if (geometry == GeometryFamily::line) {
      symbol.stroke = colours[static_cast<size_t>(i)];
    } else {
      const uint8_t alpha = symbol.fill ? symbol.fill->a : 255;
      symbol.fill = colours[static_cast<size_t>(i)];
      symbol.fill->a = alpha;
      if (geometry == GeometryFamily::polygon) symbol.stroke = colours[static_cast<size_t>(i)];
    }
    style.categories.push_back(
        {ranked[static_cast<size_t>(i)].first,
         LocalizedText{ranked[static_cast<size_t>(i)].first, ranked[static_cast<size_t>(i)].first}, symbol});
  }
}

}  // namespace

void applyDefaultStyle(LayerStyle& style, const LayerSpec& spec, OGRLayer& ogr, bool choropleth) {
  if (const std::optional<Rgba> colour = spec.colour.empty() ? std::nullopt : parseColour(spec.colour))
    style.symbol = colouredSymbol(spec.role, *colour);
  if (!spec.categoryField.empty() && !choropleth)
    categorizeByValues(style, ogr, spec.categoryField, geometryOf(spec.role));
}

}  // namespace urbangis
