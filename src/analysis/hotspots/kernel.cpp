#include "analysis/hotspots/kernel.h"

#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace urbangis {
namespace {

constexpr std::array<std::pair<KernelShape, std::string_view>, 6> kNames{{
    {KernelShape::quartic, "quartic"},
    {KernelShape::triangular, "triangular"},
    {KernelShape::uniform, "uniform"},
    {KernelShape::triweight, "triweight"},
    {KernelShape::epanechnikov, "epanechnikov"},
    {KernelShape::gaussian, "gaussian"},
}};

}  // namespace

std::optional<KernelShape> parseKernel(std::string_view name) {
  for (const auto& [shape, text] : kNames)
    if (text == name) return shape;
  return std::nullopt;
}

std::string_view kernelName(KernelShape shape) {
  for (const auto& [value, text] : kNames)
    if (value == shape) return text;
  return "?";
}

double kernelValue(KernelShape shape, double d, double radius) {
  constexpr double pi = std::numbers::pi;
  const double u = d / radius;
  if (u > 1) return 0.0;
  const double area = pi * radius * radius;
  // Each constant is 1 / ∫∫ profile over the disc (2π r² ∫₀¹ profile(u) u du).
  switch (shape) {
    case KernelShape::uniform:
      return 1.0 / area;
    case KernelShape::triangular:
      return 3.0 / area * (1 - u);
    case KernelShape::epanechnikov:
      return 2.0 / area * (1 - u * u);
    case KernelShape::quartic:
      return 3.0 / area * (1 - u * u) * (1 - u * u);
    case KernelShape::triweight:
      return 4.0 / area * std::pow(1 - u * u, 3);
    case KernelShape::gaussian: {
      // σ = radius / 3, cut at 3σ: ∫ = 1 − e^(−9/2), renormalised.
      const double sigma = radius / 3.0;
      const double kept = 1.0 - std::exp(-4.5);
      return std::exp(-d * d / (2 * sigma * sigma)) / (2 * pi * sigma * sigma) / kept;
    }
  }
  return 0.0;
}

}  // namespace urbangis
