#include "analysis/routing/rural_postman.h"

#include "analysis/routing/disjoint_sets.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>

#include "analysis/routing/perfect_matching.h"
#include "core/error.h"

namespace urbangis {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

// Every edge at every node, whatever one-way says.
class Incidence {
 public:
  explicit Incidence(const RoadGraph& graph) : offsets_(graph.nodes.size() + 1, 0) {
    for (const GraphEdge& edge : graph.edges) ++offsets_[edge.from + 1], ++offsets_[edge.to + 1];
    std::partial_sum(offsets_.begin(), offsets_.end(), offsets_.begin());
    edges_.resize(offsets_.back());
    std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (uint32_t e = 0; e < graph.edges.size(); ++e) {
      edges_[fill[graph.edges[e].from]++] = e;
      edges_[fill[graph.edges[e].to]++] = e;
    }
  }
  std::pair<const uint32_t*, const uint32_t*> at(uint32_t node) const {
    return {edges_.data() + offsets_[node], edges_.data() + offsets_[node + 1]};
  }

 private:
  std::vector<uint32_t> offsets_, edges_;
};

uint32_t otherEnd(const GraphEdge& edge, uint32_t node) { return edge.from == node ? edge.to : edge.from; }

// Dijkstra from several sources; stops early once every node in `targets` is settled.
DistanceTree distancesFrom(const RoadGraph& graph, const Incidence& incidence, const std::vector<uint32_t>& sources,
                           const std::vector<uint32_t>& targets = {}) {
  DistanceTree tree{std::vector<double>(graph.nodes.size(), kNoPassage),
                    std::vector<uint32_t>(graph.nodes.size(), kNone)};
  std::vector<char> wanted(targets.empty() ? 0 : graph.nodes.size(), 0);
  size_t remaining = 0;
  for (uint32_t t : targets) remaining += wanted[t] ? 0 : (wanted[t] = 1);
  using Entry = std::pair<double, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (uint32_t s : sources) {
    tree.distance[s] = 0;
    queue.emplace(0.0, s);
  }
  while (!queue.empty()) {
    const auto [distance, node] = queue.top();
    queue.pop();
    if (distance > tree.distance[node]) continue;
    if (!wanted.empty() && wanted[node]) {
      wanted[node] = 0;
      if (--remaining == 0) break;
    }
    const auto [begin, end] = incidence.at(node);
    for (const uint32_t* e = begin; e != end; ++e) {
      const GraphEdge& edge = graph.edges[*e];
      const uint32_t next = otherEnd(edge, node);
      const double reached = distance + edge.lengthM;
      if (reached < tree.distance[next]) {
        tree.distance[next] = reached;
        tree.via[next] = *e;
        queue.emplace(reached, next);
      }
    }
  }
  return tree;
}

// The edges of the tree path from `node` back to a source.
std::vector<uint32_t> pathBack(const RoadGraph& graph, const DistanceTree& tree, uint32_t node) {
  std::vector<uint32_t> edges;
  while (tree.via[node] != kNone) {
    edges.push_back(tree.via[node]);
    node = otherEnd(graph.edges[tree.via[node]], node);
  }
  return edges;
}

struct Copy {
  uint32_t edge;
  bool service;
};

std::string describeEdge(const RoadGraph& graph, uint32_t edge) {
  const RoadInfo& road = graph.roads[graph.edges[edge].road];
  return (road.name.empty() ? std::string("an unnamed road") : road.name) + " (" + road.feature + ")";
}

}  // namespace

DistanceTree undirectedDistances(const RoadGraph& graph, const std::vector<uint32_t>& sources) {
  return distancesFrom(graph, Incidence(graph), sources);
}

PostmanTour solveRuralPostman(const RoadGraph& graph, const std::vector<uint32_t>& requiredEdges, uint32_t depot,
                              const Progress& progress) {
  std::vector<uint32_t> required = requiredEdges;
  std::sort(required.begin(), required.end());
  required.erase(std::unique(required.begin(), required.end()), required.end());
  if (required.empty()) throw InputError("the tour has no road edges to travel");
  const Incidence incidence(graph);
  std::vector<Copy> copies;
  for (uint32_t e : required) copies.push_back({e, true});
  auto addPath = [&](const std::vector<uint32_t>& edges) {
    for (uint32_t e : edges) copies.push_back({e, false});
  };

  // 1. The pieces the required edges form, with the depot: joined by a minimum spanning tree.
  DisjointSets sets(graph.nodes.size());
  for (uint32_t e : required) sets.unite(graph.edges[e].from, graph.edges[e].to);
  std::vector<uint32_t> roots{sets.find(depot)};
  for (uint32_t e : required)
    if (std::find(roots.begin(), roots.end(), sets.find(graph.edges[e].from)) == roots.end())
      roots.push_back(sets.find(graph.edges[e].from));
  const size_t k = roots.size();
  std::vector<std::vector<uint32_t>> members(k);
  std::vector<uint32_t> pieceOf(graph.nodes.size(), kNone);
  for (uint32_t e : required)
    for (uint32_t node : {graph.edges[e].from, graph.edges[e].to}) pieceOf[node] = 0;  // marked, numbered below
  pieceOf[depot] = 0;
  for (uint32_t node = 0; node < graph.nodes.size(); ++node)
    if (pieceOf[node] != kNone) {
      const auto piece = static_cast<uint32_t>(std::find(roots.begin(), roots.end(), sets.find(node)) - roots.begin());
      pieceOf[node] = piece;
      members[piece].push_back(node);
    }
  if (k > 1) {
    progress.report("joining the corridors", 0);
    std::vector<double> gap(k * k, kNoPassage);
    for (size_t i = 0; i < k; ++i) {
      const DistanceTree tree = distancesFrom(graph, incidence, members[i]);
      for (size_t j = 0; j < k; ++j)
        if (j != i)
          for (uint32_t node : members[j]) gap[i * k + j] = std::min(gap[i * k + j], tree.distance[node]);
      progress.report("joining the corridors", static_cast<double>(i + 1) / static_cast<double>(k));
      progress.checkCancelled();
    }
    for (size_t j = 1; j < k; ++j)
      if (gap[j] == kNoPassage) {
        const uint32_t node = members[j].front();
        uint32_t edge = 0;
        for (uint32_t e : required)
          if (graph.edges[e].from == node || graph.edges[e].to == node) edge = e;
        throw InputError("no road connects the depot to " + describeEdge(graph, edge) +
                         ": they lie on different parts of the network");
      }
    // Prim's algorithm over the pieces; each tree link becomes the shortest path it stands for.
    std::vector<char> inTree(k, 0);
    std::vector<double> best(k, kNoPassage);
    std::vector<size_t> from(k, 0);
    best[0] = 0;
    for (size_t round = 0; round < k; ++round) {
      size_t next = k;
      for (size_t j = 0; j < k; ++j)
        if (!inTree[j] && (next == k || best[j] < best[next])) next = j;
      inTree[next] = 1;
      if (round > 0) {
        const DistanceTree tree = distancesFrom(graph, incidence, members[from[next]], members[next]);
        uint32_t nearest = members[next].front();
        for (uint32_t node : members[next])
          if (tree.distance[node] < tree.distance[nearest]) nearest = node;
        addPath(pathBack(graph, tree, nearest));
      }
      for (size_t j = 0; j < k; ++j)
        if (!inTree[j] && gap[next * k + j] < best[j]) best[j] = gap[next * k + j], from[j] = next;
    }
  }

  // 2. Odd nodes paired by a minimum-cost perfect matching of shortest paths.
  std::vector<uint32_t> degree(graph.nodes.size(), 0);
  for (const Copy& copy : copies) ++degree[graph.edges[copy.edge].from], ++degree[graph.edges[copy.edge].to];
  std::vector<uint32_t> odd;
  for (uint32_t node = 0; node < graph.nodes.size(); ++node)
    if (degree[node] % 2 == 1) odd.push_back(node);
  PostmanTour tour;
  if (!odd.empty()) {
    progress.report("pairing odd nodes", 0);
    const size_t n = odd.size();
    std::vector<double> cost(n * n, 0);
    for (size_t i = 0; i < n; ++i) {
      const DistanceTree tree = distancesFrom(graph, incidence, {odd[i]}, odd);
      for (size_t j = 0; j < n; ++j) cost[i * n + j] = tree.distance[odd[j]];
      progress.report("pairing odd nodes", static_cast<double>(i + 1) / static_cast<double>(n));
      progress.checkCancelled();
    }
    tour.exactMatching = n <= kExactMatchingLimit;
    const std::vector<size_t> mate = minimumCostPerfectMatching(cost, n);
    for (size_t i = 0; i < n; ++i)
      if (i < mate[i]) {
        const DistanceTree tree = distancesFrom(graph, incidence, {odd[i]}, {odd[mate[i]]});
        addPath(pathBack(graph, tree, odd[mate[i]]));
      }
  }

  // 3. Every node has even degree now: an Euler circuit from the depot (Hierholzer).
  std::vector<std::vector<uint32_t>> at(graph.nodes.size());
  for (uint32_t c = 0; c < copies.size(); ++c) {
    at[graph.edges[copies[c].edge].from].push_back(c);
    at[graph.edges[copies[c].edge].to].push_back(c);
  }
  std::vector<char> used(copies.size(), 0);
  std::vector<size_t> cursor(graph.nodes.size(), 0);
  std::vector<std::pair<uint32_t, uint32_t>> stack{{depot, kNone}};  // node, copy that reached it
  std::vector<std::pair<uint32_t, uint32_t>> circuit;
  while (!stack.empty()) {
    const uint32_t node = stack.back().first;
    auto& next = cursor[node];
    while (next < at[node].size() && used[at[node][next]]) ++next;
    if (next == at[node].size()) {
      circuit.push_back(stack.back());
      stack.pop_back();
      continue;
    }
    const uint32_t c = at[node][next];
    used[c] = 1;
    stack.emplace_back(otherEnd(graph.edges[copies[c].edge], node), c);
  }
  std::reverse(circuit.begin(), circuit.end());  // depot first
  for (size_t i = 1; i < circuit.size(); ++i) {
    const uint32_t c = circuit[i].second;
    const GraphEdge& edge = graph.edges[copies[c].edge];
    const bool reversed = edge.to == circuit[i - 1].first && edge.from != circuit[i - 1].first;
    tour.legs.push_back({makeArc(copies[c].edge, reversed), copies[c].service});
    tour.totalM += edge.lengthM;
    if (copies[c].service) tour.requiredM += edge.lengthM;
  }
  tour.deadheadM = tour.totalM - tour.requiredM;
  return tour;
}

}  // namespace urbangis
