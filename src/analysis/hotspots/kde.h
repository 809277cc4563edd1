#pragma once
// Kernel density estimation: a raster of points per km². Points are binned to the grid, then
// spread by the kernel's discrete stamp, normalised so each point adds exactly its weight to
// the raster's integral (sum × cell area). Dense grids convolve by FFT (FFTW), large sparse
// ones stamp point by point.

#include <optional>
#include <string>
#include <vector>

#include "analysis/hotspots/kernel.h"
#include "analysis/hotspots/point_set.h"
#include "core/progress.h"

namespace urbangis {

struct KdeRequest {
  KernelShape kernel = KernelShape::quartic;
  std::optional<double> radius;  // metres; default: the rule in defaultRadius
  std::optional<double> cell;    // metres; default: radius / 10, grown to keep ≤ 16.7M cells
};

struct KdeRaster {
  int width = 0, height = 0;
  double west = 0, north = 0, cell = 0;  // north-up grid
  std::vector<float> density;            // per km², row 0 = north
  double radius = 0;
  std::string radiusRule;  // how the radius was chosen, for the user
  double weightTotal = 0;  // what the raster integrates to
};

// The bandwidth rule ArcGIS documents (Silverman's rule of thumb for 2-D, robust to outliers):
// 0.9 · min(SD, √(1/ln 2) · Dm) · n^(−1/5), SD the standard distance from the (weighted) mean
// centre, Dm the (weighted) median distance to it, n the total weight. Throws InputError when
// the points all coincide (the rule gives 0).
double defaultRadius(const PointSet& points);

KdeRaster kernelDensity(const PointSet& points, const KdeRequest& request, const Progress& progress);

}  // namespace urbangis
