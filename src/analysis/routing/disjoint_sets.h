#pragma once
// Union–find over 0…n−1 with path halving; the smaller index becomes the root, so the result
// does not depend on the order of unions. Joins road pieces into components, node candidates
// into nodes, required edges into the pieces a tour must link.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace urbangis {

class DisjointSets {
 public:
  explicit DisjointSets(size_t n = 0) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0U); }
  // A new singleton set; returns its element.
  uint32_t add() {
    parent_.push_back(static_cast<uint32_t>(parent_.size()));
    return parent_.back();
  }
  uint32_t find(uint32_t a) {
    while (parent_[a] != a) a = parent_[a] = parent_[parent_[a]];
    return a;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace urbangis
