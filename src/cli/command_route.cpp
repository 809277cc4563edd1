// urbangis route [CATALOG] --from LON,LAT --to LON,LAT [--via LON,LAT …] [--out FILE]
// urbangis route tour [CATALOG] --corridors LAYER [--where EXPR] [--depot LON,LAT] [--out FILE]
// urbangis route graph [CATALOG] [--network ID] [--out FILE]

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

constexpr const char* kUsage = R"(usage:
  urbangis route [CATALOG] --from LON,LAT --to LON,LAT [--via LON,LAT …] [--out FILE]
  urbangis route tour [CATALOG] --corridors LAYER [--where EXPR] [--depot LON,LAT] [--out FILE]
  urbangis route graph [CATALOG] [--out FILE]

Common options:
  --network ID         the network layer (default: the catalog's only one; for a tour, the
                       layer the corridors' catalog entry `covers`)
  --coords CRS         what LON,LAT places are given in: wgs84 (default), cgcs2000, gcj02, bd09
  --max-snap M         a place farther than M metres from every road is an error (default 500)
  --lang zh|en         language of directions and labels (default zh)
  --no-cache           build the road graph afresh instead of using the graph cache
  --out FILE           .geojson (RFC 7946), .gpx, .gpkg or .csv
Tour options:
  --where EXPR         which corridors, e.g. "status = 'pending'" (the --where language)
  --skip-off-network   leave out corridors that lie along no road instead of failing
)";

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
  const CommandCatalog input(arguments, {{"network", LayerRole::network}, {"corridors", LayerRole::lines}}, "route");
  common.catalog = input.catalog();
  common.network = input.layers("network").value_or("");
  common.corridors = input.layers("corridors");
  if (auto coords = arguments.value("coords")) {
    auto parsed = parseCrsName(*coords);
    if (!parsed)
      throw InputError("--coords: unknown CRS \"" + *coords + "\"; use wgs84, cgcs2000, gcj02, bd09 or EPSG:n");
    common.coords = *parsed;
  }
  if (auto snap = arguments.value("max-snap")) {
    char* end = nullptr;
    common.maxSnapM = std::strtod(snap->c_str(), &end);
    if (end == snap->c_str() || *end || !(common.maxSnapM >= 0) || !std::isfinite(common.maxSnapM))
      throw InputError("--max-snap \"" + *snap + "\": expected a distance in metres, e.g. 500");
  }
  common.language = arguments.value("lang").value_or("zh");
  if (common.language != "zh" && common.language != "en") throw InputError("--lang: use zh or en");
  if (!arguments.has("no-cache")) common.graph.cacheDir = defaultGraphCacheDir();
  common.out = arguments.value("out");
  if (common.out) (void)tableFormatFor(*common.out);  // an unsupported format fails before any work
  return common;
}

const std::set<std::string> kCommonValued{"network", "coords", "max-snap", "lang", "out"};
const std::set<std::string> kCommonSwitches{"no-cache"};

std::set<std::string> with(std::set<std::string> base, std::initializer_list<std::string> more) {
  base.insert(more);
  return base;
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

int runRoute(const std::vector<std::string>& args) {
  const Arguments arguments(args, with(kCommonValued, {"from", "to", "via"}), kCommonSwitches);
  Common common = readCommon(arguments);
  const auto from = arguments.value("from"), to = arguments.value("to");
  if (!from || !to) throw InputError(std::string("route needs --from LON,LAT and --to LON,LAT\n") + kUsage);
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
  const TerminalProgress progress(interrupt);
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

int runTour(const std::vector<std::string>& args) {
  const Arguments arguments(args, with(kCommonValued, {"corridors", "where", "depot"}),
                            with(kCommonSwitches, {"skip-off-network"}));
  Common common = readCommon(arguments);
  const auto& corridors = common.corridors;
  if (!corridors) throw InputError(std::string("route tour needs --corridors LAYER\n") + kUsage);
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
  const TerminalProgress progress(interrupt);
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
int runGraph(const std::vector<std::string>& args) {
  const Arguments arguments(args, kCommonValued, kCommonSwitches);
  Common common = readCommon(arguments);
  const InterruptFlag interrupt;
  const TerminalProgress progress(interrupt);
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

}  // namespace

int runRouteCommand(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (!args.empty() && args[0] == "tour") return runTour({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "graph") return runGraph({args.begin() + 1, args.end()});
  return runRoute(args);
}

}  // namespace urbangis::cli
