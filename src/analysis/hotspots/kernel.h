#pragma once
// Kernel density kernels, each normalised to integrate to 1 over the plane: a weight of w
// spread by any kernel adds exactly w to the density surface's integral.
// Support: the kernel is zero beyond `radius` (the Gaussian, with σ = radius/3, is cut there
// and renormalised so it still integrates to 1).

#include <optional>
#include <string_view>

namespace urbangis {

enum class KernelShape { quartic, triangular, uniform, triweight, epanechnikov, gaussian };

std::optional<KernelShape> parseKernel(std::string_view name);
std::string_view kernelName(KernelShape shape);

// The kernel's value per m² at distance `d` from a point, for bandwidth `radius` (m).
double kernelValue(KernelShape shape, double d, double radius);

}  // namespace urbangis
