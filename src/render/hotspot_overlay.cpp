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
                                     const CrsSpec& working, const std::string& language, const Progress& progress) {
  const LayerSpec& points = catalog.layer(pointsLayer);
  // A timed layer's hot spots are those of the month chosen, like its points on the map.
  if (!isTimedLayer(catalog, pointsLayer)) month.reset();
  const HotspotSource source{pointsLayer, "", monthWindow(month)};
  const std::string when = month ? "（" + monthKeyText(*month) + "）" : "";
  const std::string whenEn = month ? " (" + monthKeyText(*month) + ")" : "";
  HotspotOverlay overlay;
  LayerSpec& spec = overlay.spec;
  if (method == HotspotMethod::kde) {
    KdeOutcome density = runKde(catalog, source, KdeRequest{}, progress);
    spec.resolvedSource = spec.source = (scratch / (pointsLayer + "_density.tif")).string();
    writeGeoTiff(density.raster, spec.resolvedSource, density.inputs);
    spec.id = "analysis_density";
    spec.title = {"核密度：" + points.title.zh + when, "Density: " + points.title.en + whenEn};
    spec.role = LayerRole::raster;
    spec.resolvedStyle = spec.style = (stylesDirectory() / "kde.json").string();
    if (!density.messages.empty()) overlay.message = density.messages.front();
  } else {
    GiStarRun run;
    run.hexSize = 500;
    TableOutcome hotspots = runGiStar(catalog, source, run, progress);
    spec.resolvedSource = spec.source = (scratch / (pointsLayer + "_gistar.gpkg")).string();
    writeTable(hotspots.table, spec.resolvedSource, hotspots.inputs);
    spec.id = "analysis_gistar";
    spec.title = {"热点分析：" + points.title.zh + when, "Hot spots: " + points.title.en + whenEn};
    spec.role = LayerRole::areas;
    spec.resolvedStyle = spec.style = (stylesDirectory() / "gistar.json").string();
    if (!hotspots.messages.empty()) overlay.message = hotspots.messages.front();
  }
  overlay.layer = loadRenderLayer(spec, working, language, std::nullopt, progress);
  return overlay;
}

}  // namespace urbangis
