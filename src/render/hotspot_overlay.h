#pragma once
// A hot-spot overlay of a points layer made ready to draw: the kernel density surface (a raster
// with styles/kde.json) or Gi* on 500 m hexagons (polygons with styles/gistar.json), for one
// month or for all. The viewer's analysis panel and the web map draw the same overlay.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "render/render_layer.h"

namespace urbangis {

enum class HotspotMethod { kde, gistar };

// "kde" or "gistar"; nullopt for anything else.
std::optional<HotspotMethod> parseHotspotMethod(const std::string& name);

struct HotspotOverlay {
  LayerSpec spec;  // its source: a file in the scratch folder
  RenderLayer layer;
  std::string message;  // the first thing the analysis said (radius, cell …), or empty
};

// Computes the overlay of `pointsLayer` (its features of `month` when the layer is timed and a
// month is given, else those in `window`) into `scratch` and reads it into `working`.
HotspotOverlay computeHotspotOverlay(const Catalog& catalog, const std::string& pointsLayer, HotspotMethod method,
                                     std::optional<int32_t> month, const std::filesystem::path& scratch,
                                     const CrsSpec& working, const std::string& language, const Progress& progress,
                                     const TimeWindow& window = {});

// The --since/--until window of one month (nullopt: no window).
TimeWindow monthWindow(std::optional<int32_t> month);

// Whether catalog layer `id` has a time_field, so a month filters it.
bool isTimedLayer(const Catalog& catalog, const std::string& id);

}  // namespace urbangis
