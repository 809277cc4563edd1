#include "analysis/routing/road_graph.h"

#include "analysis/routing/disjoint_sets.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace urbangis {
namespace {

std::string thousands(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

void RoadGraph::index() {
  const size_t n = nodes.size();
  outOffsets_.assign(n + 1, 0);
  inOffsets_.assign(n + 1, 0);
  degree_.assign(n, 0);
  for (const GraphEdge& edge : edges) {
    ++degree_[edge.from], ++degree_[edge.to];
    if (edge.forwardCost != kNoPassage) ++outOffsets_[edge.from + 1], ++inOffsets_[edge.to + 1];
    if (edge.backwardCost != kNoPassage) ++outOffsets_[edge.to + 1], ++inOffsets_[edge.from + 1];
  }
  std::partial_sum(outOffsets_.begin(), outOffsets_.end(), outOffsets_.begin());
  std::partial_sum(inOffsets_.begin(), inOffsets_.end(), inOffsets_.begin());
  outArcs_.assign(outOffsets_.back(), 0);
  inArcs_.assign(inOffsets_.back(), 0);
  std::vector<uint32_t> outFill(outOffsets_.begin(), outOffsets_.end() - 1);
  std::vector<uint32_t> inFill(inOffsets_.begin(), inOffsets_.end() - 1);
  for (uint32_t e = 0; e < edges.size(); ++e) {
    const GraphEdge& edge = edges[e];
    if (edge.forwardCost != kNoPassage) {
      outArcs_[outFill[edge.from]++] = makeArc(e, false);
      inArcs_[inFill[edge.to]++] = makeArc(e, false);
    }
    if (edge.backwardCost != kNoPassage) {
      outArcs_[outFill[edge.to]++] = makeArc(e, true);
      inArcs_[inFill[edge.from]++] = makeArc(e, true);
    }
  }

  // Weak components, numbered largest first (by edges) so "component 1" is the main network.
  DisjointSets sets(n);
  for (const GraphEdge& edge : edges) sets.unite(edge.from, edge.to);
  std::vector<size_t> edgesPerRoot(n, 0), nodesPerRoot(n, 0);
  for (const GraphEdge& edge : edges) ++edgesPerRoot[sets.find(edge.from)];
  for (uint32_t v = 0; v < n; ++v) ++nodesPerRoot[sets.find(v)];
  std::vector<uint32_t> roots;
  for (uint32_t v = 0; v < n; ++v)
    if (sets.find(v) == v) roots.push_back(v);
  std::stable_sort(roots.begin(), roots.end(),
                   [&](uint32_t a, uint32_t b) { return edgesPerRoot[a] > edgesPerRoot[b]; });
  std::vector<uint32_t> number(n, 0);
  for (uint32_t i = 0; i < roots.size(); ++i) number[roots[i]] = i;
  component.resize(n);
  for (uint32_t v = 0; v < n; ++v) component[v] = number[sets.find(v)];

  report.nodes = n;
  report.edges = edges.size();
  report.components = roots.size();
  report.largestComponentEdges = roots.empty() ? 0 : edgesPerRoot[roots.front()];
  report.danglingEnds = static_cast<size_t>(std::count(degree_.begin(), degree_.end(), 1U));
  report.oneWayEdges = static_cast<size_t>(std::count_if(edges.begin(), edges.end(), [](const GraphEdge& edge) {
    return edge.forwardCost == kNoPassage || edge.backwardCost == kNoPassage;
  }));
}

std::vector<Point2> RoadGraph::arcGeometry(Arc arc) const {
  const GraphEdge& edge = edges[arcEdge(arc)];
  std::vector<Point2> points(vertices.begin() + edge.firstVertex,
                             vertices.begin() + edge.firstVertex + edge.vertexCount);
  if (arcReversed(arc)) std::reverse(points.begin(), points.end());
  return points;
}

double RoadGraph::lowerBound(uint32_t a, uint32_t b) const {
  const double dx = nodeEcef[3 * a] - nodeEcef[3 * b], dy = nodeEcef[3 * a + 1] - nodeEcef[3 * b + 1],
               dz = nodeEcef[3 * a + 2] - nodeEcef[3 * b + 2];
  const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
  return costIsTime ? chord / maxSpeedMps : chord;
}

std::string describe(const GraphReport& report, const std::string& layer) {
  std::string text = layer + ": " + thousands(report.nodes) + " nodes, " + thousands(report.edges) + " edges, " +
                     thousands(report.components) + (report.components == 1 ? " component" : " components");
  if (report.components > 1) text += " (the largest has " + thousands(report.largestComponentEdges) + " edges)";
  text += ", " + thousands(report.danglingEnds) + " dangling ends, " + thousands(report.oneWayEdges) +
          " one-way edges; " + thousands(report.crossingsNoded) + " crossings noded, " +
          thousands(report.endpointsSnapped) + " ends snapped";
  if (!report.degenerate.empty()) {
    text += "; dropped " + thousands(report.degenerate.size()) + " degenerate (";
    for (size_t i = 0; i < report.degenerate.size() && i < 5; ++i) text += (i ? ", " : "") + report.degenerate[i];
    if (report.degenerate.size() > 5) text += ", …";
    text += ")";
  }
  return text;
}

}  // namespace urbangis
