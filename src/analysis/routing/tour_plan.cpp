#include "analysis/routing/tour_plan.h"

#include <cmath>
#include <map>

#include "analysis/routing/corridor_matching.h"
#include "analysis/routing/road_network.h"
#include "analysis/routing/route_plan.h"
#include "analysis/routing/rural_postman.h"
#include "core/error.h"

namespace urbangis {
namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

// The junction of a required edge nearest the centre of all of them.
uint32_t centralNode(const RoadGraph& graph, const std::vector<uint32_t>& edges) {
  double x = 0, y = 0;
  for (uint32_t e : edges) x += graph.nodes[graph.edges[e].from].x, y += graph.nodes[graph.edges[e].from].y;
  x /= static_cast<double>(edges.size()), y /= static_cast<double>(edges.size());
  uint32_t best = graph.edges[edges.front()].from;
  for (uint32_t e : edges)
    for (uint32_t node : {graph.edges[e].from, graph.edges[e].to})
      if (std::hypot(graph.nodes[node].x - x, graph.nodes[node].y - y) <
          std::hypot(graph.nodes[best].x - x, graph.nodes[best].y - y))
        best = node;
  return best;
}

}  // namespace

TourResult planTour(const Catalog& catalog, const TourRequest& request, const Progress& progress) {
  const LayerSpec& corridorSpec = catalog.layer(request.corridors);
  if (corridorSpec.role != LayerRole::lines)
    throw InputError(catalog.file.string() + ": --corridors \"" + request.corridors + "\" has role " +
                     std::string(roleName(corridorSpec.role)) + "; a tour runs along a lines layer");
  const LayerSpec& networkSpec =
      networkLayer(catalog, !request.network.empty() ? request.network : corridorSpec.covers);
  TourResult result;
  result.inputs = {networkSpec.resolvedSource, corridorSpec.resolvedSource};
  const RoadNetwork network(catalog, networkSpec, request.graph, progress);
  const RoadGraph& graph = network.graph();
  result.messages.push_back(describe(graph.report, networkSpec.id) +
                            (network.fromCache() ? " (from the graph cache)" : ""));

  GeosContext geos;
  LoadedCorridors loaded = loadCorridors(corridorSpec, request.where, geos, network.proj(), network.frame());
  std::vector<Corridor>& corridors = loaded.corridors;
  if (!loaded.filterNote.empty())
    result.messages.push_back(corridorSpec.id + " --where \"" + request.where->text() + "\": " + loaded.filterNote);
  if (loaded.skipped)
    result.messages.push_back(std::to_string(loaded.skipped) + " features of " + corridorSpec.id +
                              " have no line geometry; left out");
  if (corridors.empty())
    throw InputError(corridorSpec.where() + ": no corridors to tour" +
                     (request.where ? " match --where \"" + request.where->text() + "\"" : std::string()));
  progress.report("matching corridors to roads", -1);
  const CorridorMatch match = matchCorridors(graph, corridors, corridorSpec.bufferM, geos);

  std::vector<std::string> offNetwork;
  std::vector<uint32_t> required;
  std::map<uint32_t, std::vector<size_t>> corridorsOfEdge;
  for (size_t c = 0; c < corridors.size(); ++c) {
    if (match.edges[c].empty()) {
      char gap[64];
      std::snprintf(gap, sizeof gap, "%.0f m", match.nearestRoadM[c]);
      offNetwork.push_back(corridors[c].id + (corridors[c].name.empty() ? "" : " (" + corridors[c].name + ")") +
                           ", nearest road " + gap);
      continue;
    }
    ++result.corridorCount;
    for (uint32_t e : match.edges[c]) {
      required.push_back(e);
      corridorsOfEdge[e].push_back(c);
    }
  }
  if (!offNetwork.empty()) {
    const std::string list = std::to_string(offNetwork.size()) + " corridors of " + corridorSpec.id +
                             " lie along no road of " + networkSpec.id + " within buffer_m (" +
                             std::to_string(static_cast<int>(corridorSpec.bufferM)) +
                             " m): " + joined(offNetwork, "; ");
    if (!request.skipOffNetwork || result.corridorCount == 0)
      throw InputError(list + ". Fix their geometry, raise buffer_m in the catalog, leave them out with --where, or " +
                       "tour the rest with --skip-off-network");
    result.messages.push_back(list + "; left out (--skip-off-network)");
  }
  std::sort(required.begin(), required.end());
  required.erase(std::unique(required.begin(), required.end()), required.end());
  result.requiredEdges = required.size();

  uint32_t depot = 0;
  if (request.depot) {
    const EdgePosition at = network.snap(*request.depot, request.depotCrs, "--depot", request.maxSnapM);
    const GraphEdge& edge = graph.edges[at.edge];
    depot = at.fraction <= 0.5 ? edge.from : edge.to;
    const LonLat node = network.lonLatOf(graph.nodes[depot]);
    char text[160];
    std::snprintf(text, sizeof text, "the tour starts and ends at the junction %.6f,%.6f, %.0f m from --depot",
                  node.lon, node.lat, network.length({at.point, graph.nodes[depot]}) + at.distance);
    result.messages.push_back(text);
  } else {
    depot = centralNode(graph, required);
  }

  const PostmanTour tour = solveRuralPostman(graph, required, depot, progress);
  result.totalM = tour.totalM, result.requiredM = tour.requiredM, result.deadheadM = tour.deadheadM;
  result.exactMatching = tour.exactMatching;

  // The stretches: consecutive legs of one kind on one road (and, for service, one corridor set).
  OutputTable& table = result.table;
  table.name = "tour";
  table.crsDefinition = network.working().definition;
  table.columns = {{"seq", ColumnType::integer},
                   {"kind", ColumnType::text},
                   {"corridors", ColumnType::text},
                   {"road", ColumnType::text},
                   {"length_m", ColumnType::real}};
  std::vector<char> seen(corridors.size(), 0);
  struct Stretch {
    bool service;
    std::string corridors, road;
    double lengthM = 0;
    std::vector<Point2> points;
  };
  std::vector<Stretch> stretches;
  for (const TourLeg& leg : tour.legs) {
    const uint32_t e = arcEdge(leg.arc);
    std::vector<std::string> ids;
    if (leg.service)
      for (size_t c : corridorsOfEdge[e]) {
        ids.push_back(corridors[c].id);
        if (!seen[c]) seen[c] = 1, result.corridorOrder.push_back(corridors[c].id);
      }
    const std::string ids_text = joined(ids, ",");
    const std::string& road = graph.roads[graph.edges[e].road].name;
    std::vector<Point2> points = graph.arcGeometry(leg.arc);
    if (stretches.empty() || stretches.back().service != leg.service || stretches.back().corridors != ids_text ||
        stretches.back().road != road)
      stretches.push_back({leg.service, ids_text, road, 0, {points.front()}});
    Stretch& stretch = stretches.back();
    stretch.lengthM += graph.edges[e].lengthM;
    stretch.points.insert(stretch.points.end(), points.begin() + 1, points.end());
  }
  const bool zh = request.language == "zh";
  for (size_t i = 0; i < stretches.size(); ++i) {
    const Stretch& s = stretches[i];
    table.rows.push_back({static_cast<int64_t>(i + 1),
                          std::string(s.service ? (zh ? "整治巡查" : "service") : (zh ? "空驶" : "deadhead")),
                          s.corridors.empty() ? CellValue{} : CellValue{s.corridors},
                          s.road.empty() ? CellValue{} : CellValue{s.road}, std::round(s.lengthM * 100) / 100});
    table.wkb.push_back(lineWkb(s.points));
  }
  return result;
}

}  // namespace urbangis
