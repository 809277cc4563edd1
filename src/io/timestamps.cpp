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

int32_t monthKeyOf(int64_t seconds) {
  using namespace std::chrono;
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const year_month_day date{sys_days{std::chrono::days{days}}};
  return static_cast<int32_t>(static_cast<int>(date.year()) * 12 + static_cast<int>(static_cast<unsigned>(date.month())) - 1);
}

int64_t monthStartSeconds(int32_t monthKey) {
  const int year = monthKey >= 0 ? monthKey / 12 : (monthKey - 11) / 12;
  return daysFromCivil(year, static_cast<unsigned>(monthKey - year * 12 + 1), 1) * 86400;
}

std::string monthKeyText(int32_t monthKey) {
  const int year = monthKey >= 0 ? monthKey / 12 : (monthKey - 11) / 12;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, monthKey - year * 12 + 1);
  return buffer;
}

std::optional<int32_t> parseMonthKey(std::string_view text) {
  int year = 0, month = 0;
  char tail = 0;
  const std::string copy(text.substr(0, 16));
  if (std::sscanf(copy.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2 || month < 1 || month > 12) return std::nullopt;
  return year * 12 + month - 1;
}

}  // namespace urbangis
