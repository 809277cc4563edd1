#include "analysis/routing/perfect_matching.h"

#include <lemon/full_graph.h>
#include <lemon/matching.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace urbangis {
namespace {

std::vector<size_t> exactMatching(const std::vector<double>& cost, size_t n) {
  lemon::FullGraph graph(static_cast<int>(n));
  // LEMON maximises weight; integer weights keep its dual arithmetic exact (costs in mm).
  lemon::FullGraph::EdgeMap<long long> weight(graph);
  for (lemon::FullGraph::EdgeIt edge(graph); edge != lemon::INVALID; ++edge) {
    const auto u = static_cast<size_t>(graph.id(graph.u(edge))), v = static_cast<size_t>(graph.id(graph.v(edge)));
    weight[edge] = -std::llround(cost[u * n + v] * 1000.0);
  }
  lemon::MaxWeightedPerfectMatching<lemon::FullGraph, lemon::FullGraph::EdgeMap<long long>> matching(graph, weight);
  if (!matching.run()) throw std::runtime_error("no perfect matching on a complete graph of even size");
  std::vector<size_t> mate(n);
  for (size_t i = 0; i < n; ++i) mate[i] = static_cast<size_t>(graph.id(matching.mate(graph(static_cast<int>(i)))));
  return mate;
}

}  // namespace

std::vector<size_t> greedyPerfectMatching(const std::vector<double>& cost, size_t n) {
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) pairs.emplace_back(i, j);
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
    return cost[a.first * n + a.second] < cost[b.first * n + b.second];
  });
  std::vector<size_t> mate(n, n);
  for (const auto& [i, j] : pairs)
    if (mate[i] == n && mate[j] == n) mate[i] = j, mate[j] = i;
  // 2-opt: for two matched pairs (a,b), (c,d), take (a,c)(b,d) or (a,d)(b,c) when cheaper.
  for (bool improved = true; improved;) {
    improved = false;
    for (size_t a = 0; a < n; ++a)
      for (size_t c = a + 1; c < n; ++c) {
        const size_t b = mate[a], d = mate[c];
        if (b == c || b < a || d < c) continue;  // each pair once, as (low, high)
        const double now = cost[a * n + b] + cost[c * n + d];
        const double crossA = cost[a * n + c] + cost[b * n + d], crossB = cost[a * n + d] + cost[b * n + c];
        if (crossA < now - 1e-9 && crossA <= crossB) {
          mate[a] = c, mate[c] = a, mate[b] = d, mate[d] = b;
          improved = true;
        } else if (crossB < now - 1e-9) {
          mate[a] = d, mate[d] = a, mate[b] = c, mate[c] = b;
          improved = true;
        }
      }
  }
  return mate;
}

std::vector<size_t> minimumCostPerfectMatching(const std::vector<double>& cost, size_t n) {
  if (n % 2 != 0) throw std::invalid_argument("a perfect matching needs an even number of nodes");
  if (n == 0) return {};
  return n <= kExactMatchingLimit ? exactMatching(cost, n) : greedyPerfectMatching(cost, n);
}

}  // namespace urbangis
