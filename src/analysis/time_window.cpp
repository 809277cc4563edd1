#include "analysis/time_window.h"

#include <chrono>
#include <cstdio>

#include "core/error.h"
#include "io/values/timestamps.h"

namespace urbangis {
namespace {

int64_t dayStart(const std::string& text, const char* option) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
    throw InputError(std::string(option) + " needs a date as YYYY-MM-DD, got \"" + text + "\"");
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) throw InputError(std::string(option) + ": \"" + text + "\" is not a date");
  return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
}

}  // namespace

TimeWindow TimeWindow::parse(const std::string& since, const std::string& until) {
  TimeWindow window;
  if (!since.empty()) window.since = dayStart(since, "--since");
  if (!until.empty()) window.until = dayStart(until, "--until") + 86400;
  if (window.since && window.until && *window.until <= *window.since)
    throw InputError("--until " + until + " is before --since " + since);
  return window;
}

}  // namespace urbangis
