#pragma once
// Where and when things happen in the synthetic city: positions that cluster the way a county
// town's incidents do (shop frontage on main streets, markets, school gates, town seats, the
// urban fringe) and dates through 2023 with a seasonal rhythm; plus exact allocation of totals.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "datagen/layout.h"
#include "datagen/roads.h"

namespace urbangis::datagen {

struct GeneratorContext {
  const GeosContext& geos;
  const Projection& projection;
  const CityLayout& city;
  const RoadNetwork& network;
  int64_t scale;  // 1 for the report's figures; 10, 100 for benchmarks
};

// Monthly weights of how often something happens (index 0 = January).
using Season = std::array<double, 12>;
constexpr Season kEvenly = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
constexpr Season kSummerPeak = {0.6, 0.5, 0.8, 1.0, 1.2, 1.5, 1.8, 1.8, 1.4, 1.1, 0.8, 0.6};
constexpr Season kWinterPeak = {1.8, 1.6, 1.2, 0.9, 0.7, 0.6, 0.6, 0.6, 0.8, 1.0, 1.4, 1.8};

class Sampler {
 public:
  Sampler(const GeneratorContext& context, Random& random);

  // On the pavement of a named urban road: `side` metres off its centre line, either side.
  XY frontage(double side, std::string* roadName = nullptr, double* direction = nullptr);
  // Round a place of `kind` (农贸市场, 学校, 夜市); urbanOnly skips the towns' ones.
  XY nearPlace(const std::string& kind, double sigma, bool urbanOnly);
  // Anywhere in a community, central ones (the cable programme's) `centralWeight` times likelier.
  XY inCommunity(double centralWeight);
  XY nearTownSeat(double sigma);
  // The urban–rural fringe: beside a county road 3–10 km out of the old town.
  XY inFringe(double side);

  // A day of 2023 as "2023-MM-DD", months weighted by `season`.
  std::string date(const Season& season);
  // That day plus `days` (may cross into 2024).
  static std::string addDays(const std::string& date, int days);

  bool insideCity(XY p) const;
  Random& random() { return random_; }

 private:
  const GeneratorContext& context_;
  Random& random_;
  PreparedPtr outline_;
  std::vector<double> roadWeights_;
};

// Splits `total` into parts proportional to `weights`, each a multiple of `unit`, summing to
// `total` exactly (largest remainders); `total` must be a multiple of `unit`.
std::vector<int64_t> allocateExactly(int64_t total, const std::vector<double>& weights, int64_t unit = 1);

// Each count multiplied by the context's scale.
std::vector<int64_t> scaled(std::vector<int64_t> counts, int64_t scale);

// `counts[i]` copies of `labels[i]`, shuffled.
std::vector<std::string> shuffledLabels(const std::vector<std::string>& labels, const std::vector<int64_t>& counts,
                                        Random& random);

}  // namespace urbangis::datagen
