#pragma once
// Getis-Ord Gi* hot-spot statistics (Getis & Ord 1992; Ord & Getis 1995), as ArcGIS's
// Hot Spot Analysis computes them: binary weights with the feature itself included, by a
// distance band or the k nearest neighbours; z-scores, two-sided p-values, and bins −3…+3 at
// 90/95/99 % confidence, optionally corrected for multiple tests (Benjamini–Hochberg FDR).

#include <optional>
#include <string>
#include <vector>

namespace urbangis {

struct GiStarRequest {
  std::optional<double> distance;  // metres; default: the smallest band giving every feature a neighbour
  std::optional<int> knn;          // k nearest others (the feature itself is added)
  bool fdr = false;
};

struct GiStarResult {
  std::vector<double> z, p;
  std::vector<int> bin;       // −3 … +3
  std::string neighbourhood;  // what was used, for the user
  double distance = 0;        // the band used (0 with knn)
  double meanNeighbours = 0;  // including the feature itself
};

// Locations (x, y) in a projected CRS and the value at each. Throws InputError when there are
// fewer than 3 features, every value is the same, or the neighbourhood is not usable.
GiStarResult getisOrdGiStar(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& values, const GiStarRequest& request);

// Benjamini–Hochberg: for each confidence level, the largest p-value still significant.
double falseDiscoveryThreshold(std::vector<double> p, double alpha);

}  // namespace urbangis
