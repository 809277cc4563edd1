#pragma once
// The --since/--until filter: both days inclusive, in wall-clock seconds of the catalog's
// time_zone, as io/values/timestamps.h reads times.

#include <cstdint>
#include <optional>
#include <string>

namespace urbangis {

struct TimeWindow {
  std::optional<int64_t> since;  // seconds since 1970-01-01, inclusive
  std::optional<int64_t> until;  // exclusive (the start of the day after --until)

  bool active() const { return since || until; }
  // A feature with no usable time is outside any active window.
  bool holds(std::optional<int64_t> seconds) const {
    if (!active()) return true;
    if (!seconds) return false;
    return (!since || *seconds >= *since) && (!until || *seconds < *until);
  }

  // From "YYYY-MM-DD" strings (either may be empty); throws InputError on a bad date.
  static TimeWindow parse(const std::string& since, const std::string& until);
};

}  // namespace urbangis
