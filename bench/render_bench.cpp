// Map rendering speed (Google Benchmark): one frame of 1,000,000 points over the Daye base layers
// (districts, communities, roads) at 1920×1080, as the viewer's canvas renders it (QImage,
// antialiased, labels). The yardstick: ≤ 100 ms per frame on 2 cores.
//
// Run: build-bench/bench/urbangis_bench_render [--benchmark_filter=…]; the points come from
// `urbangis-benchdata --points 1000000` (EPSG:32650 round Daye), written to a temporary folder
// on first use, or from $URBANGIS_RENDER_BENCH_GPKG. With $URBANGIS_RENDER_BENCH_PNG_DIR set, each
// benchmark's last frame is saved there as <benchmark>.png (for comparing with other renderers).
// Counters: features drawn, points skipped (a cell already covered by a marker of its class),
// first_iteration_ms (wall time of the run's first frame), and the view's extent in the working
// CRS after fitting it to 1920×1080 (view_min_x … view_max_y), so a peer can render the same.
// bench/run_render_bench.sh times it beside QGIS.

#include <benchmark/benchmark.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "io/catalog/catalog_loader.h"
#include "render/catalog_layers.h"
#include "render/map_renderer.h"

#ifndef URBANGIS_SOURCE_DIR
#error "URBANGIS_SOURCE_DIR must be defined"
#endif
#ifndef URBANGIS_BENCHDATA
#error "URBANGIS_BENCHDATA must be defined"
#endif

namespace {

using namespace urbangis;

struct Scene {
  std::vector<RenderLayer> layers;  // bottom first
  MapExtent extent;
};

const Scene& scene() {
  static const Scene built = [] {
    namespace fs = std::filesystem;
    fs::path gpkg;
    if (const char* given = std::getenv("URBANGIS_RENDER_BENCH_GPKG")) {
      gpkg = given;
    } else {
      const fs::path dir = fs::temp_directory_path() / "urbangis-render-bench";
      gpkg = dir / "bench.gpkg";
      if (!fs::exists(gpkg)) {
        const std::string command = std::string(URBANGIS_BENCHDATA) + " --out " + dir.string() +
                                    " --points 1000000 --zones 10 --no-index > /dev/null 2>&1";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("urbangis-benchdata failed");
      }
    }
    const Catalog daye = loadCatalog(std::string(URBANGIS_SOURCE_DIR) + "/layers/daye.json");
    const CrsSpec working = mapCrsFor(daye);
    Scene scene;
    for (const char* id : {"districts", "communities", "roads"})
      scene.layers.push_back(loadRenderLayer(daye.layer(id), working, "zh", std::nullopt, SilentProgress()));
    LayerSpec points;
    points.id = "points";
    points.title = {"投诉", "Complaints"};
    points.role = LayerRole::points;
    points.source = points.resolvedSource = gpkg.string();
    points.layerName = "points";
    points.resolvedStyle = std::string(URBANGIS_SOURCE_DIR) + "/styles/complaints.json";
    points.style = points.resolvedStyle;
    scene.layers.push_back(loadRenderLayer(points, working, "zh", std::nullopt, SilentProgress()));
    std::vector<const RenderLayer*> all;
    for (const RenderLayer& layer : scene.layers) all.push_back(&layer);
    scene.extent = extentOf(all);
    return scene;
  }();
  return built;
}

void renderFrame(benchmark::State& state, const MapExtent& extent, const char* name) {
  const Scene& s = scene();
  std::vector<MapLayer> layers;
  for (const RenderLayer& layer : s.layers) layers.push_back({&layer, 1.0});
  QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
  FrameStats stats;
  const MapView view(extent, QRectF(0, 0, 1920, 1080), 96);
  double firstMs = -1;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    QPainter painter(&image);
    stats = renderMap(painter, view, layers, PaintOptions{});
    painter.end();
    benchmark::DoNotOptimize(image.constBits());
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    if (firstMs < 0) firstMs = took.count();
  }
  state.counters["features_drawn"] = static_cast<double>(stats.featuresDrawn);
  state.counters["points_skipped"] = static_cast<double>(stats.pointsSkipped);
  state.counters["points"] = static_cast<double>(s.layers.back().features.size());
  state.counters["first_iteration_ms"] = firstMs;
  state.counters["view_min_x"] = view.extent().minX;
  state.counters["view_min_y"] = view.extent().minY;
  state.counters["view_max_x"] = view.extent().maxX;
  state.counters["view_max_y"] = view.extent().maxY;
  if (const char* dir = std::getenv("URBANGIS_RENDER_BENCH_PNG_DIR"); dir && *dir)
    image.save(QString::fromStdString((std::filesystem::path(dir) / (std::string(name) + ".png")).string()));
}

void MillionPointsFullExtent1080p(benchmark::State& state) {
  renderFrame(state, scene().extent, "MillionPointsFullExtent1080p");
}
BENCHMARK(MillionPointsFullExtent1080p)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// Zoomed to the city (a tenth of the width): fewer points in view, more of them visible.
void MillionPointsCity1080p(benchmark::State& state) {
  const MapExtent& e = scene().extent;
  const double cx = (e.minX + e.maxX) / 2, cy = (e.minY + e.maxY) / 2, w = e.width() / 10, h = e.height() / 10;
  renderFrame(state, {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2}, "MillionPointsCity1080p");
}
BENCHMARK(MillionPointsCity1080p)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication application(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
