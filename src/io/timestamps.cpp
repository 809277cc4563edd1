#include "io/timestamps.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace urbangis {

int64_t daysFromCivil(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}}
      .time_since_epoch()
      .count();
}

std::optional<int64_t> parseTimestamp(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char separator = 0;
  const std::string copy(text.substr(0, 40));
  const int read = std::sscanf(copy.c_str(), "%4d%c%2d%*c%2d%*c%2d:%2d:%2d", &year, &separator,
                               &month, &day, &hour, &minute, &second);
  if (read < 4 || (separator != '-' && separator != '/') || month < 1 || month > 12 || day < 1 ||
      day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

}  // namespace urbangis
