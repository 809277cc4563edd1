#include "analysis/routing/shortest_path.h"

#include <algorithm>
#include <functional>

namespace urbangis {
namespace {

// The cost of travelling `fraction` of an edge one way. Nothing to travel costs nothing, even
// against a one-way edge: a position at a node may leave or be reached by any road there.
double partialCost(double fraction, double cost) {
  if (fraction <= 0) return 0;
  return cost == kNoPassage ? kNoPassage : fraction * cost;
}

}  // namespace

ShortestPathSearch::ShortestPathSearch(const RoadGraph& graph)
    : graph_(graph),
      cost_(graph.nodes.size()),
      parent_(graph.nodes.size()),
      fromStart_(graph.nodes.size()),
      stamp_(graph.nodes.size(), 0) {}

void ShortestPathSearch::label(uint32_t node, double cost, Arc arc, bool fromStart) {
  if (seen(node) && cost_[node] <= cost) return;
  stamp_[node] = generation_;
  cost_[node] = cost;
  parent_[node] = arc;
  fromStart_[node] = fromStart;
}

std::optional<GraphPath> ShortestPathSearch::between(const EdgePosition& from, const EdgePosition& to) {
  if (++generation_ == 0) {  // wrapped: forget every stamp
    std::fill(stamp_.begin(), stamp_.end(), 0U);
    generation_ = 1;
  }
  settled_ = 0;
  heap_.clear();
  const GraphEdge& start = graph_.edges[from.edge];
  const GraphEdge& goal = graph_.edges[to.edge];

  double best = kNoPassage;
  GraphPath path;
  // Both on one edge, the second further along the way it may be travelled.
  if (from.edge == to.edge) {
    if (to.fraction >= from.fraction && start.forwardCost != kNoPassage)
      best = (to.fraction - from.fraction) * start.forwardCost,
      path.firstArc = path.lastArc = makeArc(from.edge, false);
    else if (to.fraction <= from.fraction && start.backwardCost != kNoPassage)
      best = (from.fraction - to.fraction) * start.backwardCost,
      path.firstArc = path.lastArc = makeArc(from.edge, true);
    path.direct = best != kNoPassage;
  }

  auto bound = [&](uint32_t node) {
    return std::min(graph_.lowerBound(node, goal.from), graph_.lowerBound(node, goal.to));
  };
  auto push = [&](uint32_t node) {
    heap_.push_back({cost_[node] + bound(node), node});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  };
  if (const double cost = partialCost(1 - from.fraction, start.forwardCost); cost != kNoPassage) {
    label(start.to, cost, makeArc(from.edge, false), true);
    push(start.to);
  }
  if (const double cost = partialCost(from.fraction, start.backwardCost); cost != kNoPassage) {
    label(start.from, cost, makeArc(from.edge, true), true);
    push(start.from);
  }
  const double enterForward = partialCost(to.fraction, goal.forwardCost);
  const double enterBackward = partialCost(1 - to.fraction, goal.backwardCost);

  uint32_t arrival = UINT32_MAX;  // node from which the best path enters the goal edge
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
    const Queued top = heap_.back();
    heap_.pop_back();
    if (top.key >= best) break;
    const uint32_t node = top.node;
    if (top.key > cost_[node] + bound(node)) continue;  // a stale entry
    ++settled_;
    const double here = cost_[node];
    if (node == goal.from && enterForward != kNoPassage && here + enterForward < best) {
      best = here + enterForward;
      path.direct = false, path.lastArc = makeArc(to.edge, false), arrival = node;
    }
    if (node == goal.to && enterBackward != kNoPassage && here + enterBackward < best) {
      best = here + enterBackward;
      path.direct = false, path.lastArc = makeArc(to.edge, true), arrival = node;
    }
    const auto [begin, end] = graph_.outgoing(node);
    for (const Arc* arc = begin; arc != end; ++arc) {
      const uint32_t head = graph_.arcHead(*arc);
      const double cost = here + graph_.arcCost(*arc);
      if (seen(head) && cost_[head] <= cost) continue;
      label(head, cost, *arc, false);
      push(head);
    }
  }
  if (best == kNoPassage) return std::nullopt;
  path.cost = best;
  if (!path.direct) {
    for (uint32_t node = arrival; !fromStart_[node]; node = graph_.arcTail(parent_[node]))
      path.arcs.push_back(parent_[node]);
    std::reverse(path.arcs.begin(), path.arcs.end());
    uint32_t first = arrival;
    while (!fromStart_[first]) first = graph_.arcTail(parent_[first]);
    path.firstArc = parent_[first];
  }
  return path;
}

}  // namespace urbangis
