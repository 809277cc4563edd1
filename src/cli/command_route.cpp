// urbangis route [CATALOG] --from LON,LAT --to LON,LAT [--via LON,LAT …] [--out FILE]
// urbangis route tour [CATALOG] --corridors LAYER [--where EXPR] [--depot LON,LAT] [--out FILE]
// urbangis route graph [CATALOG] [--network LAYER] [--out FILE]

#include <cmath>
#include <cstdio>
#include <iostream>

#include "analysis/routing/road_network.h"
#include "analysis/routing/route_plan.h"
#include "analysis/routing/tour_plan.h"
#include "cli/arguments.h"
#include "cli/command_catalog_input.h"
#include "cli/commands.h"
#include "cli/terminal_progress.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"

#include <ogr_geometry.h>

namespace urbangis::cli {
namespace {

std::string metres(double value) {
  char text[48];
  std::snprintf(text, sizeof text, "%.1f m (%s)", value, formatDistance(value).c_str());
  return text;
}

struct Common {
  Catalog catalog;
  std::string network;
  std::optional<std::string> corridors;  // route tour
  CrsSpec coords{"EPSG:4326", ChineseOffset::none, "WGS84"};
  double maxSnapM = 500;
  std::string language = "zh";
  GraphLoadOptions graph;
  std::optional<std::string> out;
};

Common readCommon(const Arguments& arguments) {
  Common common;
  const bool tour = arguments.spec().path == "route tour";
  std::vector<LayerOption> layerOptions{{"network", LayerRole::network}};
  if (tour) layerOptions.push_back({"corridors", LayerRole::lines});
  const CommandCatalog input(arguments, layerOptions, arguments.spec().path.c_str());
  common.catalog = input.catalog();
  common.network = input.layers("network").value_or("");
  if (tour) common.corridors = input.layers("corridors");
  const bool places = arguments.spec().path != "route graph";
  if (auto coords = places ? arguments.value("src-crs") : std::nullopt) {
    auto parsed = parseCrsName(*coords);
    if (!parsed)
      throw InputError("--src-crs: unknown CRS \"" + *coords + "\"; use wgs84, cgcs2000, gcj02, bd09 or EPSG:n");
    common.coords = *parsed;
  }
  if (auto snap = places ? arguments.value("max-snap") : std::nullopt) {
    char* end = nullptr;
    common.maxSnapM = std::strtod(snap->c_str(), &end);
    if (end == snap->c_str() || *end || !(common.maxSnapM >= 0) || !std::isfinite(common.maxSnapM))
      throw InputError("--max-snap \"" + *snap + "\": expected a distance in metres, e.g. 500");
  }
  if (places) common.language = arguments.value("lang").value_or("zh");
  if (!arguments.has("no-cache")) common.graph.cacheDir = defaultGraphCacheDir();
  common.out = arguments.value("out");
  if (common.out) (void)tableFormatFor(*common.out);  // an unsupported format fails before any work
  return common;
}

void report(const std::vector<std::string>& messages) {
  for (const auto& message : messages) std::cerr << "urbangis: " << message << "\n";
}

// Writes a route, tour or graph table to --out (never over one of `inputs`), with the writer's
// notes (e.g. renamed shapefile fields) on stderr.
void writeOut(const OutputTable& table, const std::string& out, const std::vector<std::filesystem::path>& inputs) {
  for (const auto& note : writeNotes(writeTable(table, out, inputs))) std::cerr << "urbangis: " << note << "\n";
  std::cerr << "urbangis: wrote " << out << "\n";
}

int runRoute(const Arguments& arguments) {
  Common common = readCommon(arguments);
  const auto from = arguments.value("from"), to = arguments.value("to");
  if (!from || !to) throw InputError("route needs --from LON,LAT and --to LON,LAT (urbangis route --help)");
  RouteRequest request;
  request.network = common.network;
  request.stops.push_back(parseLonLat(*from, "--from"));
  for (const auto& via : arguments.values("via")) request.stops.push_back(parseLonLat(via, "--via"));
  request.stops.push_back(parseLonLat(*to, "--to"));
  request.stopsCrs = common.coords;
  request.maxSnapM = common.maxSnapM;
  request.language = common.language;
  request.graph = common.graph;
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  RouteResult result = planRoute(common.catalog, request, progress);
  report(result.messages);
  std::cout << (common.language == "zh" ? "路线长度 " : "route length ") << metres(result.lengthM);
  if (result.durationS) std::cout << ", " << std::lround(*result.durationS / 60) << " min";
  std::cout << "\n" << result.directions << "\n";
  if (common.out) {
    result.inputs.push_back(common.catalog.file);
    writeOut(result.table, *common.out, result.inputs);
  }
  return 0;
}

int runTour(const Arguments& arguments) {
  Common common = readCommon(arguments);
  const auto& corridors = common.corridors;
  if (!corridors) throw InputError("route tour needs --corridors LAYER (urbangis route tour --help)");
  TourRequest request;
  request.corridors = *corridors;
  if (auto where = arguments.value("where")) request.where = FilterExpression::parse(*where);
  if (auto depot = arguments.value("depot")) request.depot = parseLonLat(*depot, "--depot");
  request.depotCrs = common.coords;
  request.maxSnapM = common.maxSnapM;
  request.skipOffNetwork = arguments.has("skip-off-network");
  request.network = common.network;
  request.language = common.language;
  request.graph = common.graph;
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  TourResult result = planTour(common.catalog, request, progress);
  report(result.messages);
  const bool zh = common.language == "zh";
  std::cout << (zh ? "巡查路线 " : "tour ") << result.corridorCount << (zh ? " 条线缆整治段，" : " corridors, ")
            << result.requiredEdges << (zh ? " 段道路\n" : " road edges\n") << (zh ? "  总长     " : "  total     ")
            << metres(result.totalM) << "\n"
            << (zh ? "  整治段   " : "  required  ") << metres(result.requiredM) << "\n"
            << (zh ? "  空驶     " : "  deadhead  ") << metres(result.deadheadM) << "\n"
            << (zh ? "  顺序     " : "  order     ");
  for (size_t i = 0; i < result.corridorOrder.size(); ++i) std::cout << (i ? " → " : "") << result.corridorOrder[i];
  std::cout << "\n";
  if (!result.exactMatching)
    std::cerr << "urbangis: many odd junctions: paired by a greedy matching improved by 2-opt, not the exact one\n";
  if (common.out) {
    result.inputs.push_back(common.catalog.file);
    writeOut(result.table, *common.out, result.inputs);
  }
  return 0;
}

// The noded graph itself, for checking a network: edges with their ends, and the report.
int runGraph(const Arguments& arguments) {
  Common common = readCommon(arguments);
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt, arguments);
  const LayerSpec& spec = networkLayer(common.catalog, common.network);
  const RoadNetwork network(common.catalog, spec, common.graph, progress);
  const RoadGraph& graph = network.graph();
  std::cout << describe(graph.report, spec.id) << (network.fromCache() ? " (from the graph cache)" : "") << "\n";
  for (const auto& note : graph.report.notes) std::cerr << "urbangis: " << note << "\n";
  if (!common.out) return 0;
  OutputTable table;
  table.name = "edges";
  table.crsDefinition = network.working().definition;
  table.columns = {{"edge", ColumnType::integer},    {"from_node", ColumnType::integer},
                   {"to_node", ColumnType::integer}, {"road", ColumnType::text},
                   {"feature", ColumnType::text},    {"length_m", ColumnType::real},
                   {"oneway", ColumnType::integer},  {"component", ColumnType::integer}};
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    const GraphEdge& edge = graph.edges[e];
    const RoadInfo& road = graph.roads[edge.road];
    const int64_t oneway = edge.forwardCost == kNoPassage ? -1 : edge.backwardCost == kNoPassage ? 1 : 0;
    table.rows.push_back({static_cast<int64_t>(e), static_cast<int64_t>(edge.from), static_cast<int64_t>(edge.to),
                          road.name.empty() ? CellValue{} : CellValue{road.name}, road.feature, edge.lengthM, oneway,
                          static_cast<int64_t>(graph.component[edge.from] + 1)});
    OGRLineString line;
    for (uint32_t i = 0; i < edge.vertexCount; ++i)
      line.addPoint(graph.vertices[edge.firstVertex + i].x, graph.vertices[edge.firstVertex + i].y);
    std::vector<unsigned char> wkb(static_cast<size_t>(line.WkbSize()));
    line.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    table.wkb.push_back(std::move(wkb));
  }
  writeOut(table, *common.out, {spec.resolvedSource, common.catalog.file});
  return 0;
}

// The options of every route command, after its own; `places` adds those for commands that
// take places and write directions (route, route tour; not route graph).
std::vector<OptionSpec> withCommon(std::vector<OptionSpec> own, const char* networkHelp, bool places = true) {
  std::vector<OptionSpec> common{{"network", "LAYER", networkHelp, false, ValueKind::layer}};
  std::vector<OptionSpec> placeOptions{
      {"src-crs",
       "CRS",
       "What LON,LAT places are given in (default wgs84; gcj02 for places read off AMap or "
       "Tencent maps, bd09 for Baidu, cgcs2000 or EPSG:n).",
       false,
       ValueKind::text,
       {},
       {"coords"}},
      {"max-snap", "M", "A place farther than M metres from every road is an error (default 500)."},
      {"lang", "LANG", "Language of the directions and labels (default zh).", false, ValueKind::text, {"zh", "en"}},
  };
  if (places) common.insert(common.end(), placeOptions.begin(), placeOptions.end());
  const std::vector<OptionSpec> always{
      {"no-cache", "", "Build the road graph afresh instead of reading it from the graph cache (urbangis cache)."},
      {"out", "FILE", "Also write the result to FILE: .geojson (RFC 7946), .gpx, .gpkg or .csv.", false,
       ValueKind::file},
  };
  common.insert(common.end(), always.begin(), always.end());
  own.insert(own.end(), common.begin(), common.end());
  return own;
}

const char* const kNetworkHelp = "The road network layer (default: the catalog's only network layer).";

}  // namespace

Command routeCommand() {
  CommandSpec spec{
      "route",
      "[CATALOG] --from LON,LAT --to LON,LAT [--via LON,LAT …] [options]",
      "The shortest route along the road network, with turn-by-turn directions.",
      "Places are snapped to the nearest road; one-way streets are respected. The length (ellipsoidal) and, "
      "where the roads have speeds, the time are printed with the directions.",
      withCommon(
          {
              {"from", "LON,LAT", "Where the route starts."},
              {"to", "LON,LAT", "Where it ends."},
              {"via", "LON,LAT", "A place to pass on the way, in order.", true},
          },
          kNetworkHelp),
      {
          {"urbangis route --from 114.970,30.100 --via 114.980,30.110 --to 115.000,30.080 --out route.geojson",
           "A route across Daye through one stop, with its directions, as GeoJSON."},
          {"urbangis route --src-crs gcj02 --from 114.9752,30.0977 --to 115.0051,30.0778 --lang en",
           "Places read off an AMap (GCJ-02) map, directions in English."},
      }};
  return {std::move(spec), &runRoute};
}

Command routeTourCommand() {
  CommandSpec spec{
      "route tour",
      "[CATALOG] --corridors LAYER [--where EXPR] [--depot LON,LAT] [options]",
      "One closed tour from a depot that passes along every selected corridor (cable remediation, inspection).",
      "A rural-postman tour over the road graph: every selected corridor segment travelled at least once, the "
      "deadhead (driving between them) kept short; docs/routing.md gives the method.",
      withCommon(
          {
              {"corridors", "LAYER", "The corridor lines to cover: a lines layer id or a data file.", false,
               ValueKind::layer},
              {"where", "EXPR",
               "Only these corridors, e.g. \"status = 'pending'\" (the filter language of "
               "docs/cli.md)."},
              {"depot", "LON,LAT",
               "Where the tour starts and ends (default: the corridor junction nearest the corridors' centre)."},
              {"skip-off-network", "", "Leave out corridors that lie along no road instead of failing."},
          },
          "The road network layer (default: the layer the corridors' catalog entry `covers`, or the only one)."),
      {
          {"urbangis route tour --corridors cable --depot 114.98,30.09 --out tour.gpkg",
           "The inspection tour of every cable corridor of Daye from one depot."},
          {"urbangis route tour --corridors cable --where \"kind = '道路'\" --lang en --out tour.gpx",
           "Only the corridors along roads (kind 道路, not those in communities), as a GPX track for a phone."},
      }};
  return {std::move(spec), &runTour};
}

Command routeGraphCommand() {
  CommandSpec spec{
      "route graph",
      "[CATALOG] [--network LAYER] [--out FILE]",
      "The noded road graph and its report: nodes, edges, components, one-way edges, what was repaired.",
      "For checking a network before routing on it: the edges with their end nodes, length, one-way flag and "
      "connected component.",
      withCommon({}, kNetworkHelp, false),
      {
          {"urbangis route graph", "The report of the embedded Daye road graph."},
          {"urbangis route graph --out graph.gpkg", "Its edges, to look at disconnected pieces in a GIS."},
      }};
  return {std::move(spec), &runGraph};
}

}  // namespace urbangis::cli
