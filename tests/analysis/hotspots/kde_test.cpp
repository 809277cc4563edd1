#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <numeric>

#include "analysis/hotspots/kde.h"
#include "core/error.h"
#include "datagen/random.h"

using namespace urbangis;

namespace {

const KernelShape kAll[] = {KernelShape::quartic,   KernelShape::triangular,   KernelShape::uniform,
                            KernelShape::triweight, KernelShape::epanechnikov, KernelShape::gaussian};

// Clustered points: three Gaussian blobs, the way complaints gather.
PointSet blobs(size_t count, uint64_t seed, bool weighted = false) {
  datagen::Random random(seed);
  PointSet points;
  const double centres[3][2] = {{1000, 1000}, {4000, 2500}, {2500, 5000}};
  for (size_t i = 0; i < count; ++i) {
    const auto* c = centres[random.index(3)];
    points.x.push_back(c[0] + 300 * random.normal());
    points.y.push_back(c[1] + 300 * random.normal());
    points.weight.push_back(weighted ? random.uniform(0, 10) : 1.0);
  }
  return points;
}

double integral(const KdeRaster& raster) {
  double sum = 0;
  for (float value : raster.density) sum += value;
  return sum * raster.cell * raster.cell / 1e6;
}

}  // namespace

TEST_CASE("Every kernel integrates to one over the plane", "[analysis][kde]") {
  // Midpoint rule over rings of the disc: ∫ K dA = ∫₀ᴿ K(r) 2πr dr.
  for (KernelShape shape : kAll) {
    INFO(kernelName(shape));
    const double radius = 250;
    double total = 0;
    const int steps = 200000;
    for (int i = 0; i < steps; ++i) {
      const double r = (i + 0.5) * radius / steps;
      total += kernelValue(shape, r, radius) * 2 * std::numbers::pi * r * radius / steps;
    }
    CHECK(total == Approx(1.0).epsilon(1e-6));
    CHECK(kernelValue(shape, radius * 1.0001, radius) == 0.0);
  }
}

TEST_CASE("The density surface integrates to the point count for every kernel", "[analysis][kde]") {
  const PointSet points = blobs(5000, 3);
  SilentProgress progress;
  for (KernelShape shape : kAll) {
    INFO(kernelName(shape));
    const KdeRaster raster = kernelDensity(points, {shape, 400.0, 25.0}, progress);
    CHECK(integral(raster) == Approx(5000).epsilon(0.005));
    CHECK(raster.weightTotal == 5000);
  }
}

TEST_CASE("A weighted surface integrates to the total weight", "[analysis][kde]") {
  const PointSet points = blobs(2000, 5, true);
  SilentProgress progress;
  const double total = std::accumulate(points.weight.begin(), points.weight.end(), 0.0);
  const KdeRaster raster = kernelDensity(points, {KernelShape::quartic, 300.0, std::nullopt}, progress);
  CHECK(integral(raster) == Approx(total).epsilon(0.005));
}

TEST_CASE("One point under a kernel peaks at the kernel's centre value", "[analysis][kde]") {
  PointSet one;
  one.x = {500.5};
  one.y = {500.5};
  one.weight = {1};
  SilentProgress progress;
  for (KernelShape shape : {KernelShape::uniform, KernelShape::quartic, KernelShape::epanechnikov}) {
    INFO(kernelName(shape));
    const KdeRaster raster = kernelDensity(one, {shape, 100.0, 1.0}, progress);
    const float peak = *std::max_element(raster.density.begin(), raster.density.end());
    CHECK(peak == Approx(kernelValue(shape, 0, 100) * 1e6).epsilon(0.01));  // per km²
  }
}

TEST_CASE("The default radius follows the documented rule", "[analysis][kde]") {
  // Four points at the corners of a 200 m square: SD = Dm = 141.42 m, n = 4.
  PointSet square;
  square.x = {0, 200, 0, 200};
  square.y = {0, 0, 200, 200};
  square.weight = {1, 1, 1, 1};
  const double sd = std::sqrt(2.0) * 100;
  CHECK(defaultRadius(square) == Approx(0.9 * std::min(sd, std::sqrt(1 / std::log(2.0)) * sd) * std::pow(4.0, -0.2)));
}

TEST_CASE("Density refuses what it cannot estimate", "[analysis][kde]") {
  SilentProgress progress;
  PointSet none;
  CHECK_THROWS_WITH(kernelDensity(none, {}, progress), Catch::Contains("no points"));
  PointSet same;
  same.x = {10, 10, 10};
  same.y = {20, 20, 20};
  same.weight = {1, 1, 1};
  CHECK_THROWS_WITH(kernelDensity(same, {}, progress), Catch::Contains("all lie at one place"));
  CHECK_NOTHROW(kernelDensity(same, {KernelShape::quartic, 50.0, 5.0}, progress));
  const PointSet points = blobs(100, 7);
  CHECK_THROWS_WITH(kernelDensity(points, {KernelShape::quartic, -5.0, std::nullopt}, progress),
                    Catch::Contains("--radius must be greater than 0"));
  CHECK_THROWS_WITH(kernelDensity(points, {KernelShape::quartic, 500.0, 0.01}, progress),
                    Catch::Contains("over the limit of 1e9; use --cell"));
}
