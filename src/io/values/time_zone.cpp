#include "io/values/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

#include "core/error.h"

namespace urbangis {

TimeZone::TimeZone(std::string_view name) : zone_(nullptr), name_(name) {
  try {
    zone_ = date::locate_zone(name_);
  } catch (const std::runtime_error& error) {
    // locate_zone throws for an unknown name, and for a missing /usr/share/zoneinfo.
    const std::string why = error.what();
    if (why.find("zoneinfo") != std::string::npos)
      throw InputError("time zone \"" + name_ + "\": the system has no time-zone data (" + why +
                       "); install Debian's tzdata");
    throw InputError("time zone \"" + name_ +
                     "\" is not an IANA time-zone name such as \"Asia/Shanghai\", "
                     "\"UTC\" or \"America/New_York\"");
  }
}

int64_t TimeZone::localFromUtc(int64_t utcSeconds) const {
  const date::sys_seconds instant{std::chrono::seconds{utcSeconds}};
  return zone_->to_local(instant).time_since_epoch().count();
}

int64_t TimeZone::utcFromLocal(int64_t localSeconds) const {
  const date::local_seconds wallClock{std::chrono::seconds{localSeconds}};
  return zone_->to_sys(wallClock, date::choose::earliest).time_since_epoch().count();
}

}  // namespace urbangis
