#pragma once
// Class breaks for graduated (choropleth) styles: equal interval, quantile and Jenks natural
// breaks, as QGIS and PySAL's mapclassify compute them (docs/style.schema.json, "classes").

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace urbangis {

enum class ClassMethod { equalInterval, quantile, jenks };

// "equal_interval", "quantile" or "jenks" (the style file's names); nullopt for anything else.
std::optional<ClassMethod> parseClassMethod(std::string_view name);

// Ascending class bounds [min, b1, …, max] for `count` classes over the finite values (NaN and
// ±inf are ignored): bounds.size() - 1 classes. Fewer classes when there are fewer distinct
// values than `count` (the count is lowered to that number before any method runs); empty when
// there is no finite value; one class [v, v] when all values are equal. A count below 1 is taken
// as 1. The bounds strictly increase, except that the first two are both min when the first class
// holds the minimum alone (possible with quantile and jenks).
//
// - equalInterval: min + i·(max − min)/count, the last bound exactly max (mapclassify
//   EqualInterval, QGIS "Equal Interval").
// - quantile: mapclassify's Quantiles: bound i is the (i/count)-quantile with linear
//   interpolation between order statistics (numpy's default percentile, position i·(n−1)/count
//   in the sorted values), duplicate bounds merged, and min in front. (With fewer distinct values
//   than `count`, mapclassify would keep `count` and could give empty classes; here the count is
//   lowered first, as above.)
// - jenks: Fisher–Jenks natural breaks, exact: the partition of the sorted values into `count`
//   contiguous classes with the least sum of squared deviations from the class means (Fisher
//   1958, mapclassify FisherJenks), by dynamic programming; equal values always share a class.
//   Bound i is the largest value of class i − 1. Up to 10,000 values it uses all of them; above
//   that, a deterministic sample of 10,000: the order statistics at ranks ⌊i·(n−1)/9999⌋,
//   i = 0…9999, of the sorted values (evenly spaced, min and max included), so the same input
//   always gives the same breaks and the bounds still span [min, max].
std::vector<double> classBreaks(std::vector<double> values, ClassMethod method, int count);

// The largest number of values Jenks classifies exactly; larger inputs are sampled to this size.
inline constexpr std::size_t kJenksMaxValues = 10000;

// The class (0-based) of a value: class i holds (bounds[i], bounds[i+1]], class 0 also holds
// bounds[0]. -1 for NaN, for a value outside [bounds.front(), bounds.back()] and for fewer than
// two bounds.
int classOf(const std::vector<double>& bounds, double value);

}  // namespace urbangis
