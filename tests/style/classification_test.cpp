#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "style/classification.h"

using namespace urbangis;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Employment density (employees per km²) of California's 58 counties: PySAL's "calemp" example
// (libpysal/examples/calemp/calempdensity.csv, column "emp/sq km"), the data set of
// mapclassify's README, whose printed classifications are the references below.
const std::vector<double> kCalemp = {
    329.92, 0.42, 5.9,   14.03,  2.78,  1.34,  181.27, 1.65,    10.03, 16.7,  1.32,   3.99,  3.16,   0.22,  8.7,
    6.56,   3.27, 0.33,  370.5,  4.51,  75.29, 0.99,   2.74,    8.68,  0.14,  0.92,   12.63, 28.7,   12.02, 722.85,
    36.68,  0.74, 29.82, 192.05, 3.38,  11.15, 110.74, 4111.45, 49.47, 10.33, 317.11, 20.47, 264.93, 66.26, 5.39,
    0.13,   0.61, 50.65, 40.48,  36.67, 13.09, 1.81,   0.2,     7.6,   2.51,  57.26,  24.32, 6.97};

std::vector<int> classCounts(const std::vector<double>& bounds, const std::vector<double>& values) {
  std::vector<int> counts(bounds.size() - 1, 0);
  for (double v : values) {
    const int c = classOf(bounds, v);
    REQUIRE(c >= 0);
    ++counts[static_cast<size_t>(c)];
  }
  return counts;
}

double squaredDeviations(const std::vector<double>& values) {
  if (values.empty()) return 0;
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum;
}

// Within-class sum of squared deviations of the classes the bounds put the values in.
double withinClassCost(const std::vector<double>& bounds, const std::vector<double>& values) {
  std::vector<std::vector<double>> classes(bounds.size() - 1);
  for (double v : values) classes[static_cast<size_t>(classOf(bounds, v))].push_back(v);
  double cost = 0;
  for (const auto& c : classes) cost += squaredDeviations(c);
  return cost;
}

struct BruteForce {
  double best = kInf;
  double secondBest = kInf;
  std::vector<double> bounds;  // of the best partition
};

// Every partition of the sorted values into k non-empty runs (ties may be split).
BruteForce bruteForceJenks(std::vector<double> values, size_t k) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  BruteForce result;
  std::vector<size_t> starts(k);  // starts[0] = 0 < starts[1] < … < starts[k-1] < n
  const auto visit = [&](auto&& self, size_t c) -> void {
    if (c == k) {
      double cost = 0;
      std::vector<double> bounds{values.front()};
      for (size_t i = 0; i < k; ++i) {
        const size_t end = i + 1 < k ? starts[i + 1] : n;
        cost += squaredDeviations(std::vector<double>(values.begin() + static_cast<long>(starts[i]),
                                                      values.begin() + static_cast<long>(end)));
        bounds.push_back(values[end - 1]);
      }
      if (cost < result.best) {
        result.secondBest = result.best;
        result.best = cost;
        result.bounds = bounds;
      } else if (cost < result.secondBest) {
        result.secondBest = cost;
      }
      return;
    }
    for (size_t s = starts[c - 1] + 1; n - s >= k - c; ++s) {
      starts[c] = s;
      self(self, c + 1);
    }
  };
  starts[0] = 0;
  visit(visit, 1);
  return result;
}

}  // namespace

TEST_CASE("Class methods parse from the style file's names", "[style][classification]") {
  CHECK(parseClassMethod("equal_interval") == ClassMethod::equalInterval);
  CHECK(parseClassMethod("quantile") == ClassMethod::quantile);
  CHECK(parseClassMethod("jenks") == ClassMethod::jenks);
  CHECK_FALSE(parseClassMethod("Jenks"));
  CHECK_FALSE(parseClassMethod("equal"));
  CHECK_FALSE(parseClassMethod(""));
}

TEST_CASE("Equal interval bounds are exact", "[style][classification]") {
  std::vector<double> values;
  for (int i = 100; i >= 0; --i) values.push_back(i);
  CHECK(classBreaks(values, ClassMethod::equalInterval, 4) == std::vector<double>{0, 25, 50, 75, 100});
  CHECK(classBreaks({-10, 30, 0, 5}, ClassMethod::equalInterval, 4) == std::vector<double>{-10, 0, 10, 20, 30});
  CHECK(classBreaks({0.5, 2.5, 1}, ClassMethod::equalInterval, 2) == std::vector<double>{0.5, 1.5, 2.5});

  // mapclassify's README: EqualInterval(calemp, k=5).
  const auto bounds = classBreaks(kCalemp, ClassMethod::equalInterval, 5);
  REQUIRE(bounds.size() == 6);
  CHECK(bounds[0] == 0.13);
  CHECK(bounds[1] == Approx(822.394).margin(5e-4));
  CHECK(bounds[2] == Approx(1644.658).margin(5e-4));
  CHECK(bounds[3] == Approx(2466.922).margin(5e-4));
  CHECK(bounds[4] == Approx(3289.186).margin(5e-4));
  CHECK(bounds[5] == 4111.45);
  CHECK(classCounts(bounds, kCalemp) == std::vector<int>{57, 0, 0, 0, 1});
}

TEST_CASE("Quantile breaks follow mapclassify and balance the counts", "[style][classification]") {
  // mapclassify's README: Quantiles(calemp, k=5).
  const auto bounds = classBreaks(kCalemp, ClassMethod::quantile, 5);
  REQUIRE(bounds.size() == 6);
  CHECK(bounds[0] == 0.13);
  CHECK(bounds[1] == Approx(1.464).margin(1e-9));
  CHECK(bounds[2] == Approx(5.798).margin(1e-9));
  CHECK(bounds[3] == Approx(13.278).margin(1e-9));
  CHECK(bounds[4] == Approx(54.616).margin(1e-9));
  CHECK(bounds[5] == 4111.45);
  CHECK(classCounts(bounds, kCalemp) == std::vector<int>{12, 11, 12, 11, 12});

  // 1…100 in quarters: linear interpolation puts the breaks between order statistics.
  std::vector<double> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(i);
  CHECK(classBreaks(hundred, ClassMethod::quantile, 4) == std::vector<double>{1, 25.75, 50.5, 75.25, 100});
  CHECK(classCounts(classBreaks(hundred, ClassMethod::quantile, 4), hundred) == std::vector<int>{25, 25, 25, 25});

  // Distinct values: every class within one of n/k.
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> skewed(0.0, 1.5);
  for (int count = 2; count <= 9; ++count) {
    std::vector<double> values(1000 + static_cast<size_t>(count) * 37);
    for (double& v : values) v = skewed(random);
    const auto counts = classCounts(classBreaks(values, ClassMethod::quantile, count), values);
    REQUIRE(counts.size() == static_cast<size_t>(count));
    const double expected = static_cast<double>(values.size()) / count;
    for (int c : counts) CHECK(std::abs(c - expected) <= 1.0);
  }

  // When the minimum fills the first quantile it gets a class of its own, as in mapclassify.
  CHECK(classBreaks({0, 0, 0, 0, 0, 0, 1, 2, 3}, ClassMethod::quantile, 3) == std::vector<double>{0, 0, 1.0 / 3.0, 3});
}

TEST_CASE("Jenks finds the least within-class squared deviations", "[style][classification]") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(0.0, 100.0);
  std::exponential_distribution<double> exponential(0.1);
  std::uniform_int_distribution<int> small(0, 5);
  int compared = 0, exact = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const size_t n = 2 + static_cast<size_t>(trial % 11);  // 2 … 12 values
    std::vector<double> values(n);
    for (double& v : values) {
      v = trial % 3 == 0 ? uniform(random) : trial % 3 == 1 ? exponential(random) : small(random);
    }
    std::vector<double> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (size_t k = 2; k <= std::min<size_t>(distinct.size(), 6); ++k) {
      const auto bounds = classBreaks(values, ClassMethod::jenks, static_cast<int>(k));
      INFO("trial " << trial << ", n " << n << ", k " << k);
      REQUIRE(bounds.size() == k + 1);
      CHECK(std::is_sorted(bounds.begin(), bounds.end()));
      const BruteForce brute = bruteForceJenks(values, k);
      CHECK(withinClassCost(bounds, values) == Approx(brute.best).margin(1e-9));
      ++compared;
      // A unique optimum gives the same bounds.
      if (brute.secondBest > brute.best * (1 + 1e-9) + 1e-9) {
        CHECK(bounds == brute.bounds);
        ++exact;
      }
    }
  }
  CHECK(compared > 500);
  CHECK(exact > 300);
}

TEST_CASE("Jenks reproduces mapclassify's FisherJenks on calemp", "[style][classification]") {
  // mapclassify's README: FisherJenks(calemp, k=5).
  const auto bounds = classBreaks(kCalemp, ClassMethod::jenks, 5);
  CHECK(bounds == std::vector<double>{0.13, 75.29, 192.05, 370.5, 722.85, 4111.45});
  CHECK(classCounts(bounds, kCalemp) == std::vector<int>{49, 3, 4, 1, 1});
}

TEST_CASE("Jenks samples large inputs deterministically and fast", "[style][classification]") {
  std::mt19937_64 random(2024);
  std::gamma_distribution<double> gamma(2.0, 50.0);
  std::vector<double> values(100000);
  for (double& v : values) v = gamma(random);

  const auto start = std::chrono::steady_clock::now();
  const auto bounds = classBreaks(values, ClassMethod::jenks, 9);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1.0);
  REQUIRE(bounds.size() == 10);
  CHECK(bounds.front() == *std::min_element(values.begin(), values.end()));
  CHECK(bounds.back() == *std::max_element(values.begin(), values.end()));
  CHECK(std::adjacent_find(bounds.begin(), bounds.end(), std::greater_equal<>()) == bounds.end());

  // The documented sample: order statistics at ranks ⌊i·(n−1)/9999⌋ of the sorted values.
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> sample;
  for (size_t i = 0; i < kJenksMaxValues; ++i) {
    sample.push_back(sorted[i * (sorted.size() - 1) / (kJenksMaxValues - 1)]);
  }
  CHECK(classBreaks(sample, ClassMethod::jenks, 9) == bounds);

  // The same values in another order give the same breaks.
  std::shuffle(values.begin(), values.end(), random);
  CHECK(classBreaks(values, ClassMethod::jenks, 9) == bounds);

  // Up to 10,000 values Jenks is exact on all of them: still well under a second.
  const auto exactStart = std::chrono::steady_clock::now();
  const auto exactBounds = classBreaks(sample, ClassMethod::jenks, 9);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - exactStart).count() < 1.0);
  CHECK(exactBounds.size() == 10);
}

TEST_CASE("Class breaks ignore NaN and infinities", "[style][classification]") {
  for (ClassMethod method : {ClassMethod::equalInterval, ClassMethod::quantile, ClassMethod::jenks}) {
    const std::vector<double> clean = {3, 1, 4, 1, 5, 9, 2, 6};
    const std::vector<double> dirty = {kNaN, 3, 1, kInf, 4, 1, -kInf, 5, 9, kNaN, 2, 6};
    CHECK(classBreaks(dirty, method, 3) == classBreaks(clean, method, 3));
    CHECK(classBreaks({kNaN, kInf, -kInf}, method, 3).empty());
    CHECK(classBreaks({}, method, 3).empty());
    CHECK(classBreaks({2.5, kNaN, 2.5, 2.5}, method, 5) == std::vector<double>{2.5, 2.5});
    // Fewer distinct values than classes: fewer classes.
    CHECK(classBreaks({1, 2, 2, 3, 1}, method, 5).size() == 4);
    CHECK(classBreaks({1, 2, 3}, method, 0).size() == 2);
  }
  CHECK(classBreaks({1, 1, 2, 3, 3}, ClassMethod::jenks, 5) == std::vector<double>{1, 1, 2, 3});
  CHECK(classBreaks({10, 20}, ClassMethod::equalInterval, 4) == std::vector<double>{10, 15, 20});
}

TEST_CASE("classOf puts a value in the class of the first upper bound at or above it", "[style][classification]") {
  const std::vector<double> bounds = {0, 10, 20, 30};
  CHECK(classOf(bounds, 0) == 0);
  CHECK(classOf(bounds, 5) == 0);
  CHECK(classOf(bounds, 10) == 0);
  CHECK(classOf(bounds, std::nextafter(10.0, 11.0)) == 1);
  CHECK(classOf(bounds, 20) == 1);
  CHECK(classOf(bounds, 25) == 2);
  CHECK(classOf(bounds, 30) == 2);
  CHECK(classOf(bounds, -0.001) == -1);
  CHECK(classOf(bounds, 30.001) == -1);
  CHECK(classOf(bounds, kNaN) == -1);
  CHECK(classOf(bounds, kInf) == -1);
  CHECK(classOf(bounds, -kInf) == -1);

  CHECK(classOf({7, 7}, 7) == 0);
  CHECK(classOf({7, 7}, 7.5) == -1);
  CHECK(classOf({}, 1) == -1);
  CHECK(classOf({1}, 1) == -1);
  // A class holding the minimum alone.
  CHECK(classOf({0, 0, 1, 3}, 0) == 0);
  CHECK(classOf({0, 0, 1, 3}, 0.5) == 1);
  CHECK(classOf({0, 0, 1, 3}, 1) == 1);
  CHECK(classOf({0, 0, 1, 3}, 2) == 2);

  // Every value of a classification falls in a class.
  for (ClassMethod method : {ClassMethod::equalInterval, ClassMethod::quantile, ClassMethod::jenks}) {
    const auto calempBounds = classBreaks(kCalemp, method, 7);
    for (double v : kCalemp) {
      const int c = classOf(calempBounds, v);
      CHECK(c >= 0);
      CHECK(c < static_cast<int>(calempBounds.size()) - 1);
    }
  }
}
