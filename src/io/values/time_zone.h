#pragma once
// The catalog's time zone (an IANA name such as "Asia/Shanghai", read from the system's tzdata
// through Howard Hinnant's date/tz library, Debian libhowardhinnant-date-dev): times written
// with a UTC offset are brought to its wall clock, and durations are measured between instants.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalog.h"

namespace date {
class time_zone;
}

namespace urbangis {

class TimeZone {
 public:
  // Throws InputError when tzdata does not know `name` (or is not installed).
  explicit TimeZone(std::string_view name = kDefaultTimeZone);

  const std::string& name() const { return name_; }
  // Wall-clock seconds (since 1970-01-01 as if it were UTC) of an instant in UTC seconds.
  int64_t localFromUtc(int64_t utcSeconds) const;
  // The instant of a wall-clock time; a time a daylight-saving change repeats is its first
  // occurrence, one it skips is the instant of the change.
  int64_t utcFromLocal(int64_t localSeconds) const;

 private:
  const date::time_zone* zone_;  // owned by the tz database, which lives as long as the program
  std::string name_;
};

}  // namespace urbangis
