#include "analysis/routing/network_loader.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "analysis/routing/graph_builder.h"
#include "analysis/routing/graph_cache.h"
#include "analysis/routing/graph_measure.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "io/cache_folder.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.erase(0, out.find_first_not_of(" \t"));
  out.erase(out.find_last_not_of(" \t") + 1);
  return out;
}

void appendParts(const OGRGeometry& geometry, std::vector<std::vector<Point2>>& parts) {
  const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbLineString) {
    const auto& line = *geometry.toLineString();
    std::vector<Point2> points(static_cast<size_t>(line.getNumPoints()));
    for (int i = 0; i < line.getNumPoints(); ++i) points[static_cast<size_t>(i)] = {line.getX(i), line.getY(i)};
    parts.push_back(std::move(points));
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const OGRGeometry* part : *geometry.toGeometryCollection()) appendParts(*part, parts);
  } else if (OGR_GT_IsCurve(type)) {
    std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
    if (linear) appendParts(*linear, parts);
  }
}

struct RoadLines {
  std::vector<RoadLine> lines;
  std::vector<RoadInfo> roads;
  std::vector<std::string> notes;
};

RoadLines readRoads(const LayerSpec& spec, const ProjContext& proj, const MeasureFrame& frame,
                    const Progress& progress) {
  VectorSource source = openCatalogLayer(spec);
  OGRLayer& layer = *source.layer;
  const Crs from(proj, layerCrsSpec(spec, layer));
  const bool transform = !sameCrs(from, frame.working());
  std::optional<Transform> toWorking;
  if (transform) toWorking.emplace(proj, from, frame.working());
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  auto index = [&](const std::string& field) { return field.empty() ? -1 : definition.GetFieldIndex(field.c_str()); };
  const int idIndex = index(spec.idField), nameIndex = index(spec.nameField), categoryIndex = index(spec.categoryField),
            onewayIndex = index(spec.onewayField), speedIndex = index(spec.speedField);

  RoadLines out;
  std::vector<std::string> badOneWay, noSpeed;
  std::vector<double> speeds;
  int64_t count = 0;
  layer.ResetReading();
  for (auto& feature : layer) {
    RoadInfo road;
    road.feature =
        idIndex >= 0 ? std::string(feature->GetFieldAsString(idIndex)) : "fid " + std::to_string(feature->GetFID());
    if (nameIndex >= 0 && feature->IsFieldSetAndNotNull(nameIndex)) road.name = feature->GetFieldAsString(nameIndex);
    if (categoryIndex >= 0 && feature->IsFieldSetAndNotNull(categoryIndex))
      road.category = feature->GetFieldAsString(categoryIndex);
    int direction = 0;
    if (onewayIndex >= 0 && feature->IsFieldSetAndNotNull(onewayIndex)) {
      const auto parsed = parseOneWay(feature->GetFieldAsString(onewayIndex));
      if (parsed)
        direction = *parsed;
      else
        badOneWay.push_back(road.feature + " (\"" + feature->GetFieldAsString(onewayIndex) + "\")");
    }
    double speedMps = 0;
    if (speedIndex >= 0) {
      const double kmh = feature->IsFieldSetAndNotNull(speedIndex) ? feature->GetFieldAsDouble(speedIndex) : 0;
      if (kmh > 0 && std::isfinite(kmh)) {
        speedMps = kmh / 3.6;
        speeds.push_back(speedMps);
      } else {
        noSpeed.push_back(road.feature);
      }
    }
    const auto roadIndex = static_cast<uint32_t>(out.roads.size());
    std::vector<std::vector<Point2>> parts;
    if (const OGRGeometry* geometry = feature->GetGeometryRef()) appendParts(*geometry, parts);
    if (parts.empty()) parts.emplace_back();  // reported as degenerate by the builder
    for (auto& points : parts) {
      if (toWorking && !points.empty()) {
        std::vector<double> x(points.size()), y(points.size());
        for (size_t i = 0; i < points.size(); ++i) x[i] = points[i].x, y[i] = points[i].y;
        toWorking->applyLenient(x.data(), y.data(), points.size());  // failures become infinite, dropped
        for (size_t i = 0; i < points.size(); ++i) points[i] = {x[i], y[i]};
      }
      out.lines.push_back({std::move(points), roadIndex, direction, speedMps});
    }
    out.roads.push_back(std::move(road));
    if (++count % 8192 == 0) progress.checkCancelled();
  }
  auto list = [](const std::vector<std::string>& items) {
    std::string text;
    for (size_t i = 0; i < items.size() && i < 5; ++i) text += (i ? ", " : "") + items[i];
    return text + (items.size() > 5 ? ", …" : "");
  };
  if (!badOneWay.empty())
    out.notes.push_back(
        spec.where() + ": " + std::to_string(badOneWay.size()) + " features have a " + spec.onewayField +
        " value that is not one of 1/0/-1, yes/no, T/F, FT/TF/B; they are taken as two-way: " + list(badOneWay));
  if (!noSpeed.empty()) {
    double fallback = 30 / 3.6;
    if (!speeds.empty()) {
      std::nth_element(speeds.begin(), speeds.begin() + static_cast<long>(speeds.size() / 2), speeds.end());
      fallback = speeds[speeds.size() / 2];
    }
    for (RoadLine& line : out.lines)
      if (line.speedMps == 0) line.speedMps = fallback;
    out.notes.push_back(spec.where() + ": " + std::to_string(noSpeed.size()) + " features have no positive " +
                        spec.speedField + "; they travel at the layer's median speed, " +
                        std::to_string(static_cast<int>(std::lround(fallback * 3.6))) + " km/h: " + list(noSpeed));
  }
  return out;
}

}  // namespace

std::optional<int> parseOneWay(std::string_view text) {
  const std::string value = lower(text);
  if (value == "1" || value == "yes" || value == "true" || value == "t" || value == "y" || value == "ft" ||
      value == "forward")
    return 1;
  if (value == "-1" || value == "tf" || value == "reverse" || value == "backward") return -1;
  if (value == "0" || value.empty() || value == "no" || value == "false" || value == "f" || value == "n" ||
      value == "b" || value == "both")
    return 0;
  return std::nullopt;
}

std::filesystem::path defaultGraphCacheDir() { return userCacheFolder(); }

LoadedGraph loadRoadGraph(const LayerSpec& network, const CrsSpec& working, const GraphLoadOptions& options,
                          const Progress& progress) {
  LoadedGraph loaded;
  const std::string key = options.cacheDir.empty() ? std::string() : graphCacheKey(network, working);
  if (!key.empty()) {
    if (auto cached = readCachedGraph(options.cacheDir, key)) {
      loaded.graph = std::move(*cached);
      loaded.fromCache = true;
      return loaded;
    }
  }
  progress.report("building the road graph", -1);
  ProjContext proj;
  const MeasureFrame frame(proj, working);
  RoadLines roads = readRoads(network, proj, frame, progress);
  GraphBuildOptions build;
  build.snapTolerance = network.snapM;
  if (frame.working().isGeographic()) build.snapTolerance = network.snapM / 111320.0;  // degrees
  loaded.graph = buildRoadGraph(std::move(roads.lines), std::move(roads.roads), build, progress);
  loaded.graph.crsDefinition = working.definition;
  loaded.graph.report.notes = std::move(roads.notes);
  measureGraph(loaded.graph, proj, frame);
  if (loaded.graph.edges.empty())
    throw InputError(network.where() + ": the road network has no edges" +
                     (loaded.graph.report.degenerate.empty()
                          ? std::string(" (the layer holds no lines)")
                          : " (all " + std::to_string(loaded.graph.report.degenerate.size()) +
                                " features are degenerate: fewer than two distinct points)") +
                     "; routes need a layer of road centre lines");
  if (!key.empty()) writeCachedGraph(options.cacheDir, key, loaded.graph);
  return loaded;
}

}  // namespace urbangis
