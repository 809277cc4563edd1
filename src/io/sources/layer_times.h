#pragma once
// A layer's times as every path reads them: the rules (the catalog's time_format and time_zone,
// and the day order the values themselves decide), one feature's time under those rules, and the
// values that could not be read, counted and named for the warning.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "io/sources/arrow_batches.h"
#include "io/values/timestamps.h"

class OGRFeature;
class OGRLayer;

namespace urbangis {

// The rules for reading `spec`'s time fields (time_field, close_time_field, deadline_field) in
// `layer`. When the catalog does not declare the day order, the text values are looked at until
// one decides it (a first number over 12: day first; a second one: month first); the layer is
// then rewound. Throws InputError when dates such as 01/05/2015 occur and nothing decides.
TimeRules timeRulesFor(const LayerSpec& spec, OGRLayer& layer);

// The rules from the catalog alone, for values that are read without the layer at hand.
TimeRules declaredTimeRules(const LayerSpec& spec);

// One feature's time in `field` (an index; < 0 or null: TimeProblem::empty): OGR Date and
// DateTime fields with their UTC offset, text in the forms of readTimestamp, numbers only as
// Excel days when declared.
ReadTime featureTime(OGRFeature& feature, int field, const TimeRules& rules);

// GDAL 3.6 streams an OGR DateTime field in columns as the wall clock each value was written in,
// without its offset. The times of the values that carry one, read through the feature API and
// converted, by feature id; empty when `field` is not a DateTime field or no value has an offset.
using TimesByFid = std::unordered_map<int64_t, ReadTime>;
TimesByFid offsetTimesByFid(OGRLayer& layer, const std::string& field, const TimeRules& rules);

// One row's time from a column batch: the column's value, or the converted one of `offsetTimes`
// when the row's feature id (`fids`, a batch read with ArrowBatchReader's includeFid) is there.
ReadTime arrowTime(const ArrowColumn& times, const ArrowColumn* fids, int64_t row, const TimeRules& rules,
                   const TimesByFid& offsetTimes);

// Values of one field that are not usable dates: counted by problem, the first few named.
class TimeIssues {
 public:
  // Notes a problem of `value` at `place` ("feature 12", "row 7"); empty values are not issues.
  void note(TimeProblem problem, std::string_view place, std::string_view value);
  void merge(const TimeIssues& other);
  int64_t count() const { return unreadable_ + ambiguous_ + outOfRange_; }
  // `layer "x" (x.csv): 3 values of OPEN_DT are not usable dates and were left out: 2 unreadable
  // (feature 4 "31/02/2015", …), 1 with a year outside 1900–2100 (feature 9 "0001-01-01")`.
  std::string warning(const LayerSpec& spec, const std::string& field) const;

 private:
  int64_t unreadable_ = 0, ambiguous_ = 0, outOfRange_ = 0;
  std::vector<std::pair<TimeProblem, std::string>> examples_;  // the first few of each problem
};

}  // namespace urbangis
