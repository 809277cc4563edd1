#include "analysis/hotspots/kde.h"

#include <fftw3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <memory>
#include <numeric>
#include <sstream>

#include "core/error.h"

namespace urbangis {
namespace {

constexpr double kMaxCells = 1e9;              // refused beyond this
constexpr double kDefaultMaxCells = 16777216;  // 4096², when the cell size is not given
constexpr double kFftMaxCells = 1 << 25;       // padded FFT grid; beyond it, stamp point by point

// The smallest n ≥ minimum whose prime factors are 2, 3, 5 and 7: sizes FFTW transforms fast.
int fftSize(int minimum) {
  for (int n = std::max(minimum, 1);; ++n) {
    int m = n;
    for (int f : {2, 3, 5, 7})
      while (m % f == 0) m /= f;
    if (m == 1) return n;
  }
}

struct FftwFree {
  void operator()(void* p) const { fftw_free(p); }
};
struct PlanDestroy {
  void operator()(fftw_plan_s* plan) const { fftw_destroy_plan(plan); }
};
using Plan = std::unique_ptr<fftw_plan_s, PlanDestroy>;

std::string describe(double value) {
  std::ostringstream text;
  text.precision(4);
  text << value;
  return text.str();
}

}  // namespace

double defaultRadius(const PointSet& points) {
  const double n = std::accumulate(points.weight.begin(), points.weight.end(), 0.0);
  if (points.x.empty() || n <= 0) throw InputError("no points (or all weights zero) to estimate a density from");
  double mx = 0, my = 0;
  for (size_t i = 0; i < points.x.size(); ++i) {
    mx += points.weight[i] * points.x[i];
    my += points.weight[i] * points.y[i];
  }
  mx /= n;
  my /= n;
  std::vector<std::pair<double, double>> distances;  // distance, weight
  double squares = 0;
  for (size_t i = 0; i < points.x.size(); ++i) {
    const double d = std::hypot(points.x[i] - mx, points.y[i] - my);
    squares += points.weight[i] * d * d;
    distances.emplace_back(d, points.weight[i]);
  }
  const double standardDistance = std::sqrt(squares / n);
  std::sort(distances.begin(), distances.end());
  double cumulative = 0, median = 0;
  for (const auto& [d, w] : distances) {
    cumulative += w;
    if (cumulative >= n / 2) {
      median = d;
      break;
    }
  }
  const double radius = 0.9 * std::min(standardDistance, std::sqrt(1 / std::log(2.0)) * median) * std::pow(n, -0.2);
  if (!(radius > 0))
    throw InputError(
        "the points all lie at one place, so no radius can be estimated from them; "
        "give --radius in metres");
  return radius;
}

KdeRaster kernelDensity(const PointSet& points, const KdeRequest& request, const Progress& progress) {
  if (points.x.empty()) throw InputError("the layer has no points to estimate a density from");
  KdeRaster raster;
  raster.weightTotal = std::accumulate(points.weight.begin(), points.weight.end(), 0.0);
  if (request.radius) {
    if (!(*request.radius > 0)) throw InputError("--radius must be greater than 0 metres");
    raster.radius = *request.radius;
    raster.radiusRule = "given";
  } else {
    raster.radius = defaultRadius(points);
    raster.radiusRule = "Silverman's rule as ArcGIS applies it (0.9·min(SD, √(1/ln2)·Dm)·n^−1/5)";
  }
  const auto [minX, maxX] = std::minmax_element(points.x.begin(), points.x.end());
  const auto [minY, maxY] = std::minmax_element(points.y.begin(), points.y.end());
  const double spanX = *maxX - *minX, spanY = *maxY - *minY;

  // The grid reaches one radius (rounded up to whole cells) beyond every point, so no point's
  // stamp falls off it and the integral is exactly the total weight.
  const auto cellsFor = [&](double cell) {
    const double margin = std::ceil(raster.radius / cell);
    return std::array<double, 3>{std::floor(spanX / cell) + 1 + 2 * margin, std::floor(spanY / cell) + 1 + 2 * margin,
                                 margin};
  };
  double cell = request.cell.value_or(raster.radius / 10);
  if (request.cell && !(*request.cell > 0)) throw InputError("--cell must be greater than 0 metres");
  std::array<double, 3> grid = cellsFor(cell);
  if (request.cell && grid[0] * grid[1] > kMaxCells) {
    double needed = cell;
    while (cellsFor(needed)[0] * cellsFor(needed)[1] > kMaxCells) needed *= 1.1;
    throw InputError("a " + describe(cell) + " m cell over this extent needs " + describe(grid[0]) + " × " +
                     describe(grid[1]) + " = " + describe(grid[0] * grid[1]) +
                     " cells, over the limit of 1e9; use --cell " + describe(std::ceil(needed)) + " or more");
  }
  while (!request.cell && grid[0] * grid[1] > kDefaultMaxCells) {
    cell *= 1.25;
    grid = cellsFor(cell);
  }
  const double columns = grid[0], rows = grid[1], margin = grid[2];
  raster.cell = cell;
  raster.width = static_cast<int>(columns);
  raster.height = static_cast<int>(rows);
  const int k = static_cast<int>(margin);
  const double west = *minX - margin * cell, south = *minY - margin * cell;
  raster.west = west;
  raster.north = south + rows * cell;

  // The kernel's stamp at cell-centre offsets, normalised to sum 1.
  const int side = 2 * k + 1;
  std::vector<double> stamp(static_cast<size_t>(side) * side);
  for (int dy = -k; dy <= k; ++dy)
    for (int dx = -k; dx <= k; ++dx)
      stamp[static_cast<size_t>((dy + k) * side + dx + k)] =
          kernelValue(request.kernel, cell * std::hypot(dx, dy), raster.radius);
  const double stampSum = std::accumulate(stamp.begin(), stamp.end(), 0.0);
  if (!(stampSum > 0)) throw InputError("--cell is too large for the radius: the kernel falls between cells");
  for (double& value : stamp) value /= stampSum;

  // Weights binned to cells (row 0 = south).
  const size_t W = static_cast<size_t>(raster.width), H = static_cast<size_t>(raster.height);
  progress.report("binning points", -1);
  std::vector<double> bins(W * H, 0.0);
  for (size_t i = 0; i < points.x.size(); ++i) {
    const auto c = static_cast<size_t>((points.x[i] - west) / cell);
    const auto r = static_cast<size_t>((points.y[i] - south) / cell);
    bins[std::min(r, H - 1) * W + std::min(c, W - 1)] += points.weight[i];
  }
  progress.checkCancelled();

  std::vector<double> spread(W * H, 0.0);
  const int fftW = fftSize(raster.width + 2 * k), fftH = fftSize(raster.height + 2 * k);
  if (static_cast<double>(fftW) * fftH <= kFftMaxCells) {
    // Circular convolution on a padded grid equals the linear one: the stamp never wraps.
    progress.report("convolving (FFT)", -1);
    const size_t real = static_cast<size_t>(fftW) * static_cast<size_t>(fftH);
    const size_t complex = static_cast<size_t>(fftH) * static_cast<size_t>(fftW / 2 + 1);
    std::unique_ptr<double, FftwFree> field(fftw_alloc_real(real)), kernel(fftw_alloc_real(real));
    std::unique_ptr<fftw_complex, FftwFree> fieldHat(fftw_alloc_complex(complex)),
        kernelHat(fftw_alloc_complex(complex));
    std::fill_n(field.get(), real, 0.0);
    std::fill_n(kernel.get(), real, 0.0);
    for (size_t r = 0; r < H; ++r) std::copy_n(bins.data() + r * W, W, field.get() + r * static_cast<size_t>(fftW));
    // The stamp centred on (0, 0), wrapped round the edges.
    for (int dy = -k; dy <= k; ++dy)
      for (int dx = -k; dx <= k; ++dx)
        kernel.get()[static_cast<size_t>(((dy + fftH) % fftH) * fftW + (dx + fftW) % fftW)] =
            stamp[static_cast<size_t>((dy + k) * side + dx + k)];
    Plan forwardField(fftw_plan_dft_r2c_2d(fftH, fftW, field.get(), fieldHat.get(), FFTW_ESTIMATE));
    Plan forwardKernel(fftw_plan_dft_r2c_2d(fftH, fftW, kernel.get(), kernelHat.get(), FFTW_ESTIMATE));
    Plan backward(fftw_plan_dft_c2r_2d(fftH, fftW, fieldHat.get(), field.get(), FFTW_ESTIMATE));
    fftw_execute(forwardField.get());
    fftw_execute(forwardKernel.get());
    progress.checkCancelled();
    for (size_t i = 0; i < complex; ++i) {
      const std::complex<double> a(fieldHat.get()[i][0], fieldHat.get()[i][1]);
      const std::complex<double> b(kernelHat.get()[i][0], kernelHat.get()[i][1]);
      const std::complex<double> product = a * b / static_cast<double>(real);
      fieldHat.get()[i][0] = product.real();
      fieldHat.get()[i][1] = product.imag();
    }
    fftw_execute(backward.get());
    for (size_t r = 0; r < H; ++r) std::copy_n(field.get() + r * static_cast<size_t>(fftW), W, spread.data() + r * W);
  } else {
    progress.report("stamping points", -1);
    for (size_t r = 0; r < H; ++r) {
      if (r % 64 == 0) progress.checkCancelled();
      for (size_t c = 0; c < W; ++c) {
        const double weight = bins[r * W + c];
        if (weight == 0) continue;
        for (int dy = -k; dy <= k; ++dy)
          for (int dx = -k; dx <= k; ++dx)
            spread[(r + static_cast<size_t>(dy + k) - static_cast<size_t>(k)) * W + c + static_cast<size_t>(dx + k) -
                   static_cast<size_t>(k)] += weight * stamp[static_cast<size_t>((dy + k) * side + dx + k)];
      }
    }
  }

  // Per km², north-up; FFT round-off can leave tiny negatives where there is nothing.
  const double perKm2 = 1e6 / (cell * cell);
  raster.density.resize(W * H);
  for (size_t r = 0; r < H; ++r)
    for (size_t c = 0; c < W; ++c)
      raster.density[(H - 1 - r) * W + c] = static_cast<float>(std::max(0.0, spread[r * W + c]) * perKm2);
  return raster;
}

}  // namespace urbangis
