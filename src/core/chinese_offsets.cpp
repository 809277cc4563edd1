#include "core/chinese_offsets.h"

#include <cmath>
#include <numbers>

namespace urbangis::offsets {
namespace {

constexpr double kPi = std::numbers::pi;
// The published algorithm's constants: the Krasovsky 1940 ellipsoid.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccentricitySquared = 0.00669342162296594323;
constexpr double kBaiduPi = kPi * 3000.0 / 180.0;
constexpr double kTolerance = 1e-10;  // degrees, about 0.01 mm
constexpr int kMaxIterations = 50;

double offsetLat(double x, double y) {
  double result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  result += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  result += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  result += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return result;
}

double offsetLon(double x, double y) {
  double result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  result += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  result += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  result += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return result;
}

// Solves forward(p) = target for p, starting from the target itself. The offset's slope is tiny
// (|∂offset/∂p| ≪ 1), so the fixed-point iteration p ← p − (forward(p) − target) converges fast.
template <typename Forward>
LonLat invert(LonLat target, Forward forward, int* iterations) {
  LonLat p = target;
  int count = 0;
  for (; count < kMaxIterations; ++count) {
    const LonLat image = forward(p);
    const double dLon = image.lon - target.lon, dLat = image.lat - target.lat;
    if (std::fabs(dLon) < kTolerance && std::fabs(dLat) < kTolerance) break;
    p.lon -= dLon;
    p.lat -= dLat;
  }
  if (iterations) *iterations = count;
  return p;
}

}  // namespace

bool outsideMainland(LonLat p) { return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271; }

LonLat wgs84ToGcj02(LonLat wgs84) {
  if (outsideMainland(wgs84)) return wgs84;
  double dLat = offsetLat(wgs84.lon - 105.0, wgs84.lat - 35.0);
  double dLon = offsetLon(wgs84.lon - 105.0, wgs84.lat - 35.0);
  const double radLat = wgs84.lat / 180.0 * kPi;
  double magic = std::sin(radLat);
  magic = 1 - kEccentricitySquared * magic * magic;
  const double sqrtMagic = std::sqrt(magic);
  dLat = (dLat * 180.0) / ((kSemiMajor * (1 - kEccentricitySquared)) / (magic * sqrtMagic) * kPi);
  dLon = (dLon * 180.0) / (kSemiMajor / sqrtMagic * std::cos(radLat) * kPi);
  return {wgs84.lon + dLon, wgs84.lat + dLat};
}

LonLat gcj02ToBd09(LonLat gcj02) {
  const double x = gcj02.lon, y = gcj02.lat;
  const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBaiduPi);
  const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBaiduPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat wgs84ToBd09(LonLat wgs84) { return gcj02ToBd09(wgs84ToGcj02(wgs84)); }

LonLat gcj02ToWgs84(LonLat gcj02, int* iterations) {
  if (outsideMainland(gcj02)) {
    if (iterations) *iterations = 0;
    return gcj02;
  }
  return invert(gcj02, wgs84ToGcj02, iterations);
}

LonLat bd09ToGcj02(LonLat bd09, int* iterations) { return invert(bd09, gcj02ToBd09, iterations); }

LonLat bd09ToWgs84(LonLat bd09, int* iterations) {
  int first = 0, second = 0;
  const LonLat wgs84 = gcj02ToWgs84(bd09ToGcj02(bd09, &first), &second);
  if (iterations) *iterations = first + second;
  return wgs84;
}

LonLat gcj02ToWgs84OneStep(LonLat gcj02) {
  const LonLat shifted = wgs84ToGcj02(gcj02);
  return {2 * gcj02.lon - shifted.lon, 2 * gcj02.lat - shifted.lat};
}

}  // namespace urbangis::offsets
