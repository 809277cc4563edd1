#pragma once
// Minimum-cost perfect matching on a complete graph given by a cost matrix: which odd-degree
// nodes a postman tour pairs up. Exact (Edmonds' blossom algorithm, from Debian's LEMON) up to
// kExactMatchingLimit nodes; beyond, a greedy matching improved by 2-opt exchanges.
//
// This header is plain C++17 on purpose: LEMON 1.3.1 does not compile as C++20 (it calls
// std::allocator::destroy), so its one user is built as C++17 in its own library.

#include <cstddef>
#include <vector>

namespace urbangis {

inline constexpr size_t kExactMatchingLimit = 600;

// `cost` is n×n, row-major, symmetric, n even. Returns mate[i] for every i.
std::vector<size_t> minimumCostPerfectMatching(const std::vector<double>& cost, size_t n);

// The greedy + 2-opt heuristic alone (for large n, and for tests against the exact answer).
std::vector<size_t> greedyPerfectMatching(const std::vector<double>& cost, size_t n);

}  // namespace urbangis
