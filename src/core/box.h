#pragma once
// An axis-aligned box in one CRS; empty until a point is added.

#include <algorithm>
#include <limits>

namespace urbangis {

struct Box {
  double minX = std::numeric_limits<double>::infinity(), minY = minX;
  double maxX = -std::numeric_limits<double>::infinity(), maxY = maxX;

  bool empty() const { return !(minX <= maxX && minY <= maxY); }
  void add(double x, double y) {
    minX = std::min(minX, x), minY = std::min(minY, y);
    maxX = std::max(maxX, x), maxY = std::max(maxY, y);
  }
  void add(const Box& other) {
    if (other.empty()) return;
    add(other.minX, other.minY);
    add(other.maxX, other.maxY);
  }
  bool intersects(const Box& other) const {
    return !empty() && !other.empty() && minX <= other.maxX && other.minX <= maxX && minY <= other.maxY &&
           other.minY <= maxY;
  }
  // Each side moved out by `share` of the width (left, right) or the height (top, bottom).
  Box grownBy(double share) const {
    if (empty()) return *this;
    const double dx = (maxX - minX) * share, dy = (maxY - minY) * share;
    return Box{minX - dx, minY - dy, maxX + dx, maxY + dy};
  }
  static Box of(double x, double y) { return Box{x, y, x, y}; }
};

}  // namespace urbangis
