#include "style/classification.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace urbangis {

namespace {

// The finite values, sorted.
std::vector<double> sortedFinite(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  std::sort(values.begin(), values.end());
  return values;
}

size_t distinctCount(const std::vector<double>& sorted) {
  size_t count = sorted.empty() ? 0 : 1;
  for (size_t i = 1; i < sorted.size(); ++i) count += sorted[i] != sorted[i - 1] ? 1 : 0;
  return count;
}

std::vector<double> equalInterval(const std::vector<double>& sorted, size_t k) {
  const double lo = sorted.front();
  const double hi = sorted.back();
  const double kk = static_cast<double>(k);
  const double range = hi - lo;
  std::vector<double> bounds(k + 1);
  for (size_t i = 0; i < k; ++i) {
    const double ii = static_cast<double>(i);
    // (hi − lo) overflows only for values near ±DBL_MAX; then step in ranges scaled by 1/k.
    bounds[i] = std::isfinite(range) ? lo + range * ii / kk : lo + ii * (hi / kk - lo / kk);
  }
  bounds[k] = hi;
  return bounds;
}

std::vector<double> quantiles(const std::vector<double>& sorted, size_t k) {
  const size_t n = sorted.size();
  std::vector<double> bounds{sorted.front()};
  for (size_t i = 1; i <= k; ++i) {
    // Position i·(n−1)/k, split exactly into whole and fractional parts.
    const uint64_t numerator = static_cast<uint64_t>(i) * (n - 1);
    const size_t lower = static_cast<size_t>(numerator / k);
    const double fraction = static_cast<double>(numerator % k) / static_cast<double>(k);
    double q = sorted[lower];
    if (fraction > 0) q += (sorted[lower + 1] - sorted[lower]) * fraction;
    if (i == k) q = sorted.back();
    q = std::max(q, bounds.back());  // never step back through rounding
    // Merge equal quantiles (mapclassify's np.unique); bounds[0] is min, not a quantile.
    if (bounds.size() == 1 || q != bounds.back()) bounds.push_back(q);
  }
  return bounds;
}

// Fisher–Jenks on distinct values x[0..m) with weights w (their multiplicities). cost(i, j) is
// the weighted sum of squared deviations of x[i..j) from their mean, from prefix sums of values
// shifted by their mean (against cancellation). The optimal last split point is monotone in j
// (the cost matrix is Monge for sorted data), so each layer of the dynamic programme is
// computed by divide and conquer in O(m log m): O(k·m·log m) in all.
class FisherJenks {
 public:
  FisherJenks(const std::vector<double>& x, const std::vector<double>& w) : x_(x) {
    const size_t m = x.size();
    double total = 0, weight = 0;
    for (size_t i = 0; i < m; ++i) {
      total += w[i] * x[i];
      weight += w[i];
    }
    const double shift = total / weight;
    w1_.assign(m + 1, 0);
    s1_.assign(m + 1, 0);
    s2_.assign(m + 1, 0);
    for (size_t i = 0; i < m; ++i) {
      const double d = x[i] - shift;
      w1_[i + 1] = w1_[i] + w[i];
      s1_[i + 1] = s1_[i] + w[i] * d;
      s2_[i + 1] = s2_[i] + w[i] * d * d;
    }
  }

  // Indices of the last value of each class but the last, for k ≤ m classes.
  std::vector<size_t> solve(size_t k) {
    const size_t m = x_.size();
    prev_.assign(m + 1, kInf);
    for (size_t j = 1; j <= m; ++j) prev_[j] = cost(0, j);
    split_.assign(k, std::vector<size_t>(m + 1, 0));
    for (size_t c = 1; c < k; ++c) {  // c + 1 classes over the first j values, j ≥ c + 1
      cur_.assign(m + 1, kInf);
      layer_ = c;
      fill(c + 1, m, c, m - 1);
      prev_.swap(cur_);
    }
    std::vector<size_t> ends(k - 1);
    size_t j = m;
    for (size_t c = k - 1; c >= 1; --c) {
      j = split_[c][j];  // the last class of c + 1 classes over the first j starts at j
      ends[c - 1] = j - 1;
    }
    return ends;
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  double cost(size_t i, size_t j) const {
    const double weight = w1_[j] - w1_[i];
    const double sum = s1_[j] - s1_[i];
    return std::max(0.0, (s2_[j] - s2_[i]) - sum * sum / weight);
  }

  // cur_[j] for j in [jlo, jhi], knowing its best split lies in [optlo, opthi].
  void fill(size_t jlo, size_t jhi, size_t optlo, size_t opthi) {
    if (jlo > jhi) return;
    const size_t j = jlo + (jhi - jlo) / 2;
    double best = kInf;
    size_t bestSplit = optlo;
    const size_t last = std::min(opthi, j - 1);
    for (size_t i = optlo; i <= last; ++i) {
      const double candidate = prev_[i] + cost(i, j);
      if (candidate < best) {
        best = candidate;
        bestSplit = i;
      }
    }
    cur_[j] = best;
    split_[layer_][j] = bestSplit;
    if (j > jlo) fill(jlo, j - 1, optlo, bestSplit);
    fill(j + 1, jhi, bestSplit, opthi);
  }

  const std::vector<double>& x_;
  std::vector<double> w1_, s1_, s2_;
  std::vector<double> prev_, cur_;
  std::vector<std::vector<size_t>> split_;
  size_t layer_ = 0;
};

std::vector<double> jenks(const std::vector<double>& sorted, size_t k) {
  std::vector<double> sample;
  const std::vector<double>* values = &sorted;
  if (sorted.size() > kJenksMaxValues) {
    const uint64_t n = sorted.size();
    sample.reserve(kJenksMaxValues);
    for (uint64_t i = 0; i < kJenksMaxValues; ++i) {
      sample.push_back(sorted[static_cast<size_t>(i * (n - 1) / (kJenksMaxValues - 1))]);
    }
    values = &sample;
  }
  std::vector<double> x, w;
  for (double v : *values) {
    if (x.empty() || v != x.back()) {
      x.push_back(v);
      w.push_back(0);
    }
    w.back() += 1;
  }
  k = std::min(k, x.size());  // the sample may have fewer distinct values than the whole
  std::vector<double> bounds{x.front()};
  if (k > 1) {
    FisherJenks fisher(x, w);
    for (size_t end : fisher.solve(k)) bounds.push_back(x[end]);
  }
  bounds.push_back(x.back());
  return bounds;
}

}  // namespace

std::optional<ClassMethod> parseClassMethod(std::string_view name) {
  if (name == "equal_interval") return ClassMethod::equalInterval;
  if (name == "quantile") return ClassMethod::quantile;
  if (name == "jenks") return ClassMethod::jenks;
  return std::nullopt;
}

std::vector<double> classBreaks(std::vector<double> values, ClassMethod method, int count) {
  const std::vector<double> sorted = sortedFinite(std::move(values));
  if (sorted.empty()) return {};
  if (sorted.front() == sorted.back()) return {sorted.front(), sorted.back()};
  const size_t k = std::min(static_cast<size_t>(std::max(count, 1)), distinctCount(sorted));
  switch (method) {
    case ClassMethod::equalInterval:
      return equalInterval(sorted, k);
    case ClassMethod::quantile:
      return quantiles(sorted, k);
    case ClassMethod::jenks:
      return jenks(sorted, k);
  }
  return {};
}

int classOf(const std::vector<double>& bounds, double value) {
  if (bounds.size() < 2 || std::isnan(value) || value < bounds.front() || value > bounds.back()) {
    return -1;
  }
  if (value == bounds.front()) return 0;
  // The first upper bound ≥ value closes the value's class.
  const auto upper = std::lower_bound(bounds.begin() + 1, bounds.end(), value);
  return static_cast<int>(upper - bounds.begin()) - 1;
}

}  // namespace urbangis
