#include "analysis/hotspots/gi_star.h"

#include <nanoflann.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/error.h"

namespace urbangis {
namespace {

// nanoflann reads the locations through this adaptor.
struct Locations {
  const std::vector<double>& x;
  const std::vector<double>& y;
  size_t kdtree_get_point_count() const { return x.size(); }
  double kdtree_get_pt(size_t i, size_t dim) const { return dim == 0 ? x[i] : y[i]; }
  template <class Box>
  bool kdtree_get_bbox(Box&) const {
    return false;
  }
};
using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Locations>, Locations, 2, size_t>;

std::string metres(double value) {
  std::ostringstream text;
  text.precision(6);
  text << value << " m";
  return text.str();
}

}  // namespace

double falseDiscoveryThreshold(std::vector<double> p, double alpha) {
  std::sort(p.begin(), p.end());
  const double n = static_cast<double>(p.size());
  double threshold = -1;  // nothing significant
  for (size_t k = 0; k < p.size(); ++k)
    if (p[k] <= static_cast<double>(k + 1) / n * alpha) threshold = p[k];
  return threshold;
}

GiStarResult getisOrdGiStar(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<double>& values, const GiStarRequest& request) {
  const size_t n = values.size();
  if (n < 3) throw InputError("Gi* needs at least 3 features, got " + std::to_string(n));
  double sum = 0, squares = 0;
  for (double value : values) {
    if (!std::isfinite(value)) throw InputError("a value for Gi* is not a finite number");
    sum += value;
    squares += value * value;
  }
  const double mean = sum / static_cast<double>(n);
  const double spread = std::sqrt(std::max(0.0, squares / static_cast<double>(n) - mean * mean));
  if (!(spread > 0)) throw InputError("every feature has the same value, so Gi* is undefined");

  const Locations locations{x, y};
  Tree tree(2, locations, nanoflann::KDTreeSingleIndexAdaptorParams(16));
  tree.buildIndex();
  GiStarResult result;
  std::vector<std::vector<size_t>> neighbours(n);
  if (request.knn) {
    const int k = *request.knn;
    if (k < 1 || static_cast<size_t>(k) >= n) throw InputError("--knn must be between 1 and " + std::to_string(n - 1));
    // A few more than asked, so neighbours tied at the k-th distance are chosen by feature
    // order (lowest first) rather than by the tree's search order.
    const size_t asked = std::min(n, static_cast<size_t>(k) + 9);
    std::vector<size_t> index(asked);
    std::vector<double> distance(asked);
    std::vector<std::pair<double, size_t>> found;
    for (size_t i = 0; i < n; ++i) {
      const double query[2] = {x[i], y[i]};
      const size_t count = tree.knnSearch(query, asked, index.data(), distance.data());
      found.clear();
      for (size_t j = 0; j < count; ++j)
        if (index[j] != i) found.emplace_back(distance[j], index[j]);
      std::sort(found.begin(), found.end());
      // Distances equal to within 1e-9 (relative) tie: the k-th distance's ties by feature order.
      const double kth = found[std::min(found.size(), static_cast<size_t>(k)) - 1].first;
      std::vector<size_t> tied;
      for (const auto& [d, j] : found) {
        if (d < kth * (1 - 1e-9))
          neighbours[i].push_back(j);
        else if (d <= kth * (1 + 1e-9))
          tied.push_back(j);
      }
      std::sort(tied.begin(), tied.end());
      for (size_t j = 0; j < tied.size() && neighbours[i].size() < static_cast<size_t>(k); ++j)
        neighbours[i].push_back(tied[j]);
      neighbours[i].push_back(i);  // Gi*: the feature itself
    }
    result.neighbourhood = "the " + std::to_string(k) + " nearest neighbours and the feature itself";
  } else {
    double band = 0;
    if (request.distance) {
      if (!(*request.distance > 0)) throw InputError("--distance must be greater than 0 metres");
      band = *request.distance;
      result.neighbourhood = "within " + metres(band) + " (given)";
    } else {
      // The smallest band giving every feature at least one neighbour, as ArcGIS defaults.
      size_t index[2];
      double squared[2];
      for (size_t i = 0; i < n; ++i) {
        const double query[2] = {x[i], y[i]};
        tree.knnSearch(query, 2, index, squared);
        band = std::max(band, std::sqrt(squared[1]));
      }
      if (!(band > 0)) throw InputError("the features all lie at one place; give --distance");
      band *= 1 + 1e-9;  // keep the farthest pair inside despite rounding
      result.neighbourhood = "within " + metres(band) + " (the smallest band giving every feature a neighbour)";
    }
    result.distance = band;
    std::vector<std::pair<size_t, double>> matches;
    const nanoflann::SearchParams params(32, 0, false);
    for (size_t i = 0; i < n; ++i) {
      const double query[2] = {x[i], y[i]};
      matches.clear();
      tree.radiusSearch(query, band * band * (1 + 1e-12), matches, params);
      for (const auto& [j, squared] : matches)
        if (squared <= band * band) neighbours[i].push_back(j);
      std::sort(neighbours[i].begin(), neighbours[i].end());
    }
  }

  result.z.resize(n);
  result.p.resize(n);
  result.bin.assign(n, 0);
  double totalNeighbours = 0;
  const double count = static_cast<double>(n);
  for (size_t i = 0; i < n; ++i) {
    double local = 0;
    for (size_t j : neighbours[i]) local += values[j];
    const double weights = static_cast<double>(neighbours[i].size());  // binary: Σw = Σw²
    totalNeighbours += weights;
    const double denominator = spread * std::sqrt((count * weights - weights * weights) / (count - 1));
    result.z[i] = denominator > 0 ? (local - mean * weights) / denominator : 0.0;
    result.p[i] = std::erfc(std::fabs(result.z[i]) / std::sqrt(2.0));
  }
  result.meanNeighbours = totalNeighbours / count;

  // Bins: 99/95/90 % confidence, each level's critical p-value (FDR-corrected when asked).
  const double levels[3] = {0.01, 0.05, 0.10};
  double critical[3];
  for (int l = 0; l < 3; ++l) critical[l] = request.fdr ? falseDiscoveryThreshold(result.p, levels[l]) : levels[l];
  for (size_t i = 0; i < n; ++i) {
    int strength = 0;
    if (result.p[i] <= critical[2]) strength = 1;
    if (result.p[i] <= critical[1]) strength = 2;
    if (result.p[i] <= critical[0]) strength = 3;
    // Without FDR, ArcGIS's bins are z thresholds (1.645, 1.96, 2.576): the same as p ≤ level.
    result.bin[i] = result.z[i] > 0 ? strength : -strength;
  }
  return result;
}

}  // namespace urbangis
