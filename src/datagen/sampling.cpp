#include "datagen/sampling.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

namespace urbangis::datagen {
namespace {

constexpr int kDaysInMonth2023[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int dayOfYear(const std::string& date) {
  int year = 0, month = 0, day = 0;
  std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day);
  int days = day - 1;
  for (int m = 0; m < month - 1; ++m) days += kDaysInMonth2023[m];
  return days + (year - 2023) * 365;
}

std::string dateOf(int dayIndex) {
  int year = 2023 + dayIndex / 365;  // 2023 and 2024 up to February are all we need
  int day = dayIndex % 365;
  int month = 0;
  while (day >= kDaysInMonth2023[month] + (year == 2024 && month == 1 ? 1 : 0)) {
    day -= kDaysInMonth2023[month] + (year == 2024 && month == 1 ? 1 : 0);
    ++month;
  }
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month + 1, day + 1);
  return text;
}

}  // namespace

Sampler::Sampler(const GeneratorContext& context, Random& random)
    : context_(context), random_(random), outline_(context.geos.prepare(context.city.outline.get())) {
  for (size_t r = 0; r < context.network.namedUrbanCount; ++r) {
    const Road& road = context.network.roads[r];
    // Main roads carry more frontage trade than secondary ones; longer roads more than short.
    roadWeights_.push_back((road.roadClass == "主干道" ? 3.0 : 2.0) * lineLength(road.line));
  }
}

bool Sampler::insideCity(XY p) const {
  GeomPtr point = makePoint(context_.geos, p);
  return GEOSPreparedContains_r(context_.geos.handle(), outline_.get(), point.get()) == 1;
}

XY Sampler::frontage(double side, std::string* roadName, double* direction) {
  const Road& road = context_.network.roads[random_.weighted(roadWeights_)];
  // Trade crowds the middle of the old town: favour the middle of each road.
  const double t = std::clamp(0.5 + 0.22 * random_.normal(), 0.02, 0.98);
  double heading = 0;
  const XY onRoad = pointAlong(road.line, t * lineLength(road.line), &heading);
  const double offset = (random_.uniform() < 0.5 ? -1 : 1) * (side + 2.0 * random_.normal());
  if (roadName) *roadName = road.name;
  if (direction) *direction = heading;
  return onRoad + rotated({random_.normal() * 3, offset}, heading);
}

XY Sampler::nearPlace(const std::string& kind, double sigma, bool urbanOnly) {
  std::vector<const PlaceOfInterest*> candidates;
  for (const auto& place : context_.network.places)
    if (place.kind == kind && (!urbanOnly || distance(place.at, context_.city.centre) < 7000))
      candidates.push_back(&place);
  if (candidates.empty()) throw std::logic_error("datagen: no place of kind " + kind);
  for (;;) {
    const XY p =
        candidates[random_.index(candidates.size())]->at + XY{random_.normal() * sigma, random_.normal() * sigma};
    if (insideCity(p)) return p;
  }
}

XY Sampler::inCommunity(double centralWeight) {
  std::vector<double> weights;
  for (const auto& community : context_.city.communities)
    weights.push_back(community.cableProgramme ? centralWeight : 1.0);
  const auto& community = context_.city.communities[random_.weighted(weights)];
  return randomPointIn(context_.geos, community.polygon.get(), random_);
}

XY Sampler::nearTownSeat(double sigma) {
  std::vector<const TownshipArea*> towns;
  for (const auto& township : context_.city.townships)
    if (township.place.type != "街道") towns.push_back(&township);
  for (;;) {
    const XY p = towns[random_.index(towns.size())]->seat + XY{random_.normal() * sigma, random_.normal() * sigma};
    if (insideCity(p)) return p;
  }
}

XY Sampler::inFringe(double side) {
  const auto& roads = context_.network.roads;
  std::vector<const Road*> county;
  for (const auto& road : roads)
    if (road.roadClass == "乡道") county.push_back(&road);
  for (;;) {
    const Road& road = *county[random_.index(county.size())];
    double heading = 0;
    const XY onRoad = pointAlong(road.line, random_.uniform() * lineLength(road.line), &heading);
    const double fromCentre = distance(onRoad, context_.city.centre);
    if (fromCentre < 3000 || fromCentre > 10000) continue;
    const XY p = onRoad + rotated({0, (random_.uniform() < 0.5 ? -1 : 1) * side}, heading);
    if (insideCity(p)) return p;
  }
}

std::string Sampler::date(const Season& season) {
  const size_t month = random_.weighted(std::vector<double>(season.begin(), season.end()));
  int day = static_cast<int>(random_.index(static_cast<size_t>(kDaysInMonth2023[month])));
  for (size_t m = 0; m < month; ++m) day += kDaysInMonth2023[m];
  return dateOf(day);
}

std::string Sampler::addDays(const std::string& date, int days) { return dateOf(dayOfYear(date) + days); }

std::vector<int64_t> allocateExactly(int64_t total, const std::vector<double>& weights, int64_t unit) {
  if (total % unit != 0) throw std::logic_error("datagen: total is not a multiple of the unit");
  const int64_t units = total / unit;
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int64_t> parts(weights.size());
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(units) * weights[i] / sum;
    parts[i] = static_cast<int64_t>(std::floor(exact));
    given += parts[i];
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int64_t k = 0; given < units; ++k, ++given)
    ++parts[remainders[static_cast<size_t>(k) % remainders.size()].second];
  for (auto& part : parts) part *= unit;
  return parts;
}

std::vector<int64_t> scaled(std::vector<int64_t> counts, int64_t scale) {
  for (auto& count : counts) count *= scale;
  return counts;
}

std::vector<std::string> shuffledLabels(const std::vector<std::string>& labels, const std::vector<int64_t>& counts,
                                        Random& random) {
  std::vector<std::string> out;
  for (size_t i = 0; i < labels.size(); ++i) out.insert(out.end(), static_cast<size_t>(counts[i]), labels[i]);
  for (size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[random.index(i)]);
  return out;
}

}  // namespace urbangis::datagen
