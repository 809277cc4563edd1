#include "analysis/routing/route_plan.h"

#include <ogr_geometry.h>

#include <cmath>
#include <cstdio>

#include "analysis/routing/road_network.h"
#include "core/error.h"

namespace urbangis {
namespace {

std::string placeText(const LonLat& place) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f,%.6f", place.lon, place.lat);
  return text;
}

std::string stopName(size_t index, size_t count) {
  if (index == 0) return "--from";
  if (index + 1 == count) return "--to";
  return "--via " + std::to_string(index);
}

}  // namespace

std::vector<unsigned char> lineWkb(const std::vector<Point2>& points) {
  OGRLineString line;
  for (const Point2& p : points) line.addPoint(p.x, p.y);
  std::vector<unsigned char> wkb(static_cast<size_t>(line.WkbSize()));
  line.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

const LayerSpec& networkLayer(const Catalog& catalog, const std::string& id) {
  if (!id.empty()) {
    const LayerSpec& spec = catalog.layer(id);
    if (spec.role != LayerRole::network)
      throw InputError(catalog.file.string() + ": layer \"" + id + "\" has role " + std::string(roleName(spec.role)) +
                       ", not network; routes run on a network layer");
    return spec;
  }
  std::vector<const LayerSpec*> networks;
  for (const LayerSpec& spec : catalog.layers)
    if (spec.role == LayerRole::network) networks.push_back(&spec);
  if (networks.size() == 1) return *networks.front();
  if (networks.empty())
    throw InputError(catalog.file.string() +
                     ": the catalog has no layer with role network; routes need road centre lines");
  std::string ids;
  for (const LayerSpec* spec : networks) ids += (ids.empty() ? "" : ", ") + spec->id;
  throw InputError(catalog.file.string() + ": the catalog has several network layers (" + ids +
                   "); choose one with --network");
}

RouteResult planRoute(const Catalog& catalog, const RouteRequest& request, const Progress& progress) {
  if (request.stops.size() < 2) throw InputError("route needs --from and --to");
  const LayerSpec& spec = networkLayer(catalog, request.network);
  RouteResult result;
  result.inputs.push_back(spec.resolvedSource);
  const RoadNetwork network(catalog, spec, request.graph, progress);
  const RoadGraph& graph = network.graph();
  result.messages.push_back(describe(graph.report, spec.id) + (network.fromCache() ? " (from the graph cache)" : ""));
  for (const auto& note : graph.report.notes) result.messages.push_back(note);

  std::vector<EdgePosition> positions;
  for (size_t i = 0; i < request.stops.size(); ++i) {
    positions.push_back(
        network.snap(request.stops[i], request.stopsCrs, stopName(i, request.stops.size()), request.maxSnapM));
    result.snapDistancesM.push_back(positions.back().distance);
  }

  progress.report("routing", -1);
  ShortestPathSearch search(graph);
  std::vector<RoutePiece> pieces;
  double cost = 0;
  for (size_t leg = 0; leg + 1 < positions.size(); ++leg) {
    const EdgePosition& from = positions[leg];
    const EdgePosition& to = positions[leg + 1];
    const std::optional<GraphPath> path = search.between(from, to);
    if (!path) {
      const uint32_t a = graph.component[graph.edges[from.edge].from], b = graph.component[graph.edges[to.edge].from];
      const std::string ends = stopName(leg, positions.size()) + " " + placeText(request.stops[leg]) + " and " +
                               stopName(leg + 1, positions.size()) + " " + placeText(request.stops[leg + 1]);
      if (a != b) {
        char snap[32];
        std::snprintf(snap, sizeof snap, "%g", spec.snapM);
        throw InputError("no route between " + ends + ": they lie on different parts of " + spec.id +
                         " that no road connects (components " + std::to_string(a + 1) + " and " +
                         std::to_string(b + 1) + " of " + std::to_string(graph.report.components) +
                         "); check the network for gaps wider than snap_m (" + snap + " m)");
      }
      throw InputError("no route between " + ends + " that respects the one-way roads of " + spec.id + " (" +
                       spec.onewayField + ")");
    }
    cost += path->cost;
    std::vector<RoutePiece> legPieces = network.pieces(*path, from, to);
    if (leg > 0 && !legPieces.empty()) legPieces.front().startsAtVia = true;
    pieces.insert(pieces.end(), std::make_move_iterator(legPieces.begin()), std::make_move_iterator(legPieces.end()));
    progress.checkCancelled();
  }

  std::vector<Point2> line;
  for (const RoutePiece& piece : pieces) {
    result.lengthM += piece.lengthM;
    for (size_t i = 0; i < piece.points.size(); ++i)
      if (line.empty() || i > 0 || piece.points[i].x != line.back().x || piece.points[i].y != line.back().y)
        line.push_back(piece.points[i]);
  }
  if (line.size() == 1) line.push_back(line.front());  // from and to at the same place
  if (graph.costIsTime) result.durationS = cost;
  result.steps = buildSteps(pieces, graph);
  result.directions = describeSteps(result.steps, request.language);

  OutputTable& table = result.table;
  table.name = "route";
  table.crsDefinition = network.working().definition;
  table.columns = {{"name", ColumnType::text},     {"from", ColumnType::text},      {"to", ColumnType::text},
                   {"via", ColumnType::text},      {"length_m", ColumnType::real},  {"duration_s", ColumnType::real},
                   {"steps", ColumnType::integer}, {"directions", ColumnType::text}};
  std::string vias;
  for (size_t i = 1; i + 1 < request.stops.size(); ++i) vias += (vias.empty() ? "" : ";") + placeText(request.stops[i]);
  table.rows.push_back({std::string(request.language == "zh" ? "路线" : "route"), placeText(request.stops.front()),
                        placeText(request.stops.back()), vias.empty() ? CellValue{} : CellValue{vias},
                        std::round(result.lengthM * 100) / 100,
                        result.durationS ? CellValue{std::round(*result.durationS)} : CellValue{},
                        static_cast<int64_t>(result.steps.size()), result.directions});
  table.wkb.push_back(lineWkb(line));
  return result;
}

}  // namespace urbangis
