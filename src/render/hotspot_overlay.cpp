#include "render/hotspot_overlay.h"

#include "analysis/hotspots/hotspots.h"
#include "io/catalog/resources.h"
#include "io/outputs/raster_writer.h"
#include "io/outputs/table_writer.h"
#include "io/values/timestamps.h"

namespace urbangis {

std::optional<HotspotMethod> parseHotspotMethod(const std::string& name) {
  if (name == "kde") return HotspotMethod::kde;
  if (name == "gistar") return HotspotMethod::gistar;
  return std::nullopt;
}

TimeWindow monthWindow(std::optional<int32_t> month) {
  TimeWindow window;
  if (month) window.since = monthStartSeconds(*month), window.until = monthStartSeconds(*month + 1);
  return window;
}

bool isTimedLayer(const Catalog& catalog, const std::string& id) {
  const LayerSpec* layer = catalog.find(id);
  return layer && !layer->timeField.empty();
}

HotspotOverlay computeHotspotOverlay(const Catalog& catalog, const std::string& pointsLayer, HotspotMethod method,
                                     std::optional<int32_t> month, const std::filesystem::path& scratch,
                                     const CrsSpec& working, const std::string& language, const Progress& progress,
                                     const TimeWindow& window) {
  const LayerSpec& points = catalog.layer(pointsLayer);
  // A timed layer's hot spots are those of the month chosen, like its points on the map.
  if (!isTimedLayer(catalog, pointsLayer)) month.reset();
  const HotspotSource source{pointsLayer, "", month ? monthWindow(month) : window};
  const std::string when = month ? "（" + monthKeyText(*month) + "）" : "";
  const std::string whenEn = month ? " (" + monthKeyText(*month) + ")" : "";
  const bool kde = method == HotspotMethod::kde;
  HotspotOverlay overlay;
  LayerSpec& spec = overlay.spec;
  spec.id = kde ? "analysis_density" : "analysis_gistar";
  spec.resolvedSource = spec.source = (scratch / (pointsLayer + (kde ? "_density.tif" : "_gistar.gpkg"))).string();
  spec.title = {(kde ? "核密度：" : "热点分析：") + points.title.zh + when,
                (kde ? "Density: " : "Hot spots: ") + points.title.en + whenEn};
  spec.role = kde ? LayerRole::raster : LayerRole::areas;
  spec.resolvedStyle = spec.style = (stylesDirectory() / (kde ? "kde.json" : "gistar.json")).string();
  std::vector<std::string> messages;
  if (kde) {
    KdeOutcome density = runKde(catalog, source, KdeRequest{}, progress);
    writeGeoTiff(density.raster, spec.resolvedSource, density.inputs);
    messages = std::move(density.messages);
  } else {
    GiStarRun run;
    run.hexSize = 500;
    TableOutcome hotspots = runGiStar(catalog, source, run, progress);
    writeTable(hotspots.table, spec.resolvedSource, hotspots.inputs);
    messages = std::move(hotspots.messages);
  }
  if (!messages.empty()) overlay.message = messages.front();
  overlay.layer = loadRenderLayer(spec, working, language, std::nullopt, progress);
  return overlay;
}

}  // namespace urbangis
