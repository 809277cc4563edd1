#include "analysis/routing/edge_locator.h"

#include <algorithm>
#include <cmath>

namespace urbangis {
namespace {

double distance(Point2 a, Point2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

EdgeLocator::EdgeLocator(const RoadGraph& graph) : graph_(graph) {
  if (graph.vertices.empty()) return;
  double maxX = graph.vertices[0].x, maxY = graph.vertices[0].y;
  originX_ = maxX, originY_ = maxY;
  double total = 0;
  size_t segments = 0;
  planarLength_.assign(graph.edges.size(), 0);
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    const GraphEdge& edge = graph.edges[e];
    for (uint32_t i = edge.firstVertex; i < edge.firstVertex + edge.vertexCount; ++i) {
      const Point2 p = graph.vertices[i];
      originX_ = std::min(originX_, p.x), originY_ = std::min(originY_, p.y);
      maxX = std::max(maxX, p.x), maxY = std::max(maxY, p.y);
      if (i + 1 < edge.firstVertex + edge.vertexCount) {
        planarLength_[e] += distance(p, graph.vertices[i + 1]);
        ++segments;
      }
    }
    total += planarLength_[e];
  }
  // Cells about two mean segments wide, but never more cells than a few per segment.
  const double width = std::max(maxX - originX_, 1e-9), height = std::max(maxY - originY_, 1e-9);
  cell_ = std::max(2 * total / static_cast<double>(std::max<size_t>(segments, 1)), 1e-9);
  cell_ = std::max(cell_, std::sqrt(width * height / (4.0 * static_cast<double>(segments) + 1)));
  columns_ = static_cast<uint32_t>(width / cell_) + 1;
  rows_ = static_cast<uint32_t>(height / cell_) + 1;

  auto cellsOf = [&](Point2 a, Point2 b, auto&& visit) {
    const auto x0 = static_cast<uint32_t>((std::min(a.x, b.x) - originX_) / cell_);
    const auto x1 = static_cast<uint32_t>((std::max(a.x, b.x) - originX_) / cell_);
    const auto y0 = static_cast<uint32_t>((std::min(a.y, b.y) - originY_) / cell_);
    const auto y1 = static_cast<uint32_t>((std::max(a.y, b.y) - originY_) / cell_);
    for (uint32_t x = x0; x <= x1; ++x)
      for (uint32_t y = y0; y <= y1; ++y) visit(y * columns_ + x);
  };
  offsets_.assign(size_t{columns_} * rows_ + 1, 0);
  for (const GraphEdge& edge : graph.edges)
    for (uint32_t i = edge.firstVertex; i + 1 < edge.firstVertex + edge.vertexCount; ++i)
      cellsOf(graph.vertices[i], graph.vertices[i + 1], [&](size_t cell) { ++offsets_[cell + 1]; });
  for (size_t c = 1; c < offsets_.size(); ++c) offsets_[c] += offsets_[c - 1];
  entries_.resize(offsets_.back());
  std::vector<uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (uint32_t e = 0; e < graph.edges.size(); ++e) {
    const GraphEdge& edge = graph.edges[e];
    for (uint32_t i = edge.firstVertex; i + 1 < edge.firstVertex + edge.vertexCount; ++i)
      cellsOf(graph.vertices[i], graph.vertices[i + 1], [&](size_t cell) {
        entries_[fill[cell]++] = {e, i - edge.firstVertex};
      });
  }
}

void EdgeLocator::consider(Point2 place, uint32_t cellX, uint32_t cellY, std::optional<EdgePosition>& best) const {
  const size_t cell = size_t{cellY} * columns_ + cellX;
  for (uint32_t k = offsets_[cell]; k < offsets_[cell + 1]; ++k) {
    const Entry entry = entries_[k];
    const GraphEdge& edge = graph_.edges[entry.edge];
    const Point2 a = graph_.vertices[edge.firstVertex + entry.segment];
    const Point2 b = graph_.vertices[edge.firstVertex + entry.segment + 1];
    const double dx = b.x - a.x, dy = b.y - a.y, squared = dx * dx + dy * dy;
    const double t = squared > 0 ? std::clamp(((place.x - a.x) * dx + (place.y - a.y) * dy) / squared, 0.0, 1.0) : 0.0;
    const Point2 on{a.x + dx * t, a.y + dy * t};
    const double d = distance(place, on);
    // Ties go to the lower edge number, so answers do not depend on cell order.
    if (best && (d > best->distance || (d == best->distance && entry.edge >= best->edge))) continue;
    best = EdgePosition{entry.edge, entry.segment, t, on, d, 0};
  }
}

std::optional<EdgePosition> EdgeLocator::nearest(Point2 place) const {
  if (entries_.empty()) return std::nullopt;
  const auto clampCell = [](double value, uint32_t count) {
    return static_cast<int64_t>(std::clamp(std::floor(value), 0.0, static_cast<double>(count - 1)));
  };
  const int64_t cx = clampCell((place.x - originX_) / cell_, columns_);
  const int64_t cy = clampCell((place.y - originY_) / cell_, rows_);
  std::optional<EdgePosition> best;
  for (int64_t ring = 0;; ++ring) {
    const int64_t x0 = cx - ring, x1 = cx + ring, y0 = cy - ring, y1 = cy + ring;
    for (int64_t x = x0; x <= x1; ++x)
      for (int64_t y = y0; y <= y1; ++y) {
        if (x != x0 && x != x1 && y != y0 && y != y1) continue;  // only the ring itself
        if (x < 0 || y < 0 || x >= columns_ || y >= rows_) continue;
        consider(place, static_cast<uint32_t>(x), static_cast<uint32_t>(y), best);
      }
    const bool coversGrid = x0 <= 0 && y0 <= 0 && x1 >= columns_ - 1 && y1 >= rows_ - 1;
    if (coversGrid) break;
    if (best) {
      // Anything not yet seen lies outside the searched box of cells.
      const double left = place.x - (originX_ + static_cast<double>(x0) * cell_);
      const double right = originX_ + static_cast<double>(x1 + 1) * cell_ - place.x;
      const double bottom = place.y - (originY_ + static_cast<double>(y0) * cell_);
      const double top = originY_ + static_cast<double>(y1 + 1) * cell_ - place.y;
      if (best->distance <= std::min({left, right, bottom, top})) break;
    }
  }
  // How far along the edge, by planar length (the ratio is what the cost split needs).
  const GraphEdge& edge = graph_.edges[best->edge];
  double along = 0;
  for (uint32_t i = 0; i < best->segment; ++i)
    along += distance(graph_.vertices[edge.firstVertex + i], graph_.vertices[edge.firstVertex + i + 1]);
  along += best->t * distance(graph_.vertices[edge.firstVertex + best->segment],
                              graph_.vertices[edge.firstVertex + best->segment + 1]);
  best->fraction = planarLength_[best->edge] > 0 ? std::clamp(along / planarLength_[best->edge], 0.0, 1.0) : 0.0;
  return best;
}

}  // namespace urbangis
