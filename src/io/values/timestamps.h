#pragma once
// Dates and times as real data writes them, to wall-clock seconds since 1970-01-01 in the
// catalog's time zone. One parser for every path (stats, cases, report, viewer): a value is read
// as what it says or not at all — never turned into another date. Forms and rules:
// docs/catalog.md ("Dates and times").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "io/values/time_zone.h"

namespace urbangis {

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t daysFromCivil(int year, unsigned month, unsigned day);

// The order of day and month in dates written NN/NN/YYYY (also with '.' or '-').
enum class DayOrder { unknown, monthFirst, dayFirst };

// What the catalog key time_format declares about a layer's times.
struct TimeFormat {
  DayOrder order = DayOrder::unknown;
  bool excelDays = false;  // plain numbers are Excel serial days (1900 date system)
};
// "MM/DD/YYYY", "DD/MM/YYYY" or "excel_days"; nullopt for anything else.
std::optional<TimeFormat> parseTimeFormat(std::string_view name);
inline constexpr std::string_view kTimeFormatNames = "\"MM/DD/YYYY\", \"DD/MM/YYYY\" or \"excel_days\"";

// Years outside this range are refused as typos or placeholders (0001-01-01, 9999-12-31).
inline constexpr int kFirstYear = 1900, kLastYear = 2100;

struct TimeRules {
  TimeFormat format;
  TimeZone zone;  // offsets are converted to its wall clock; naive times are taken as its own
};

enum class TimeProblem { none, empty, unreadable, ambiguous, outOfRange };

struct ReadTime {
  std::optional<int64_t> seconds;  // wall-clock seconds in rules.zone; set when problem is none
  TimeProblem problem = TimeProblem::none;
};

// Reads "2023-07-01", "2023-07-01T08:00:00Z", "2023-07-01 08:00+08:00", "2023/7/1 8:00",
// "2023.07.01", "2023年7月1日 8时30分", "01/24/2015 02:36:52 PM", "24/01/2015 14:36", and with
// excelDays "45108.5". Surrounding blanks are ignored; an empty text is TimeProblem::empty.
ReadTime readTimestamp(std::string_view text, const TimeRules& rules);

// The wall-clock seconds of a date and time written with an offset (minutes east of UTC) or
// none, checked against the sane year range.
ReadTime wallClockTime(int year, int month, int day, int hour, int minute, int second, std::optional<int> offsetMinutes,
                       const TimeZone& zone);

// Wall-clock seconds already known (an OGR or Arrow date), checked against the sane year range.
ReadTime checkedWallClock(int64_t seconds);

// What a value written NN/NN/YYYY says about the day order: unknown when both numbers are at
// most 12 (or the value has another form); `slashForm` tells whether it has that form at all.
DayOrder dayOrderShownBy(std::string_view text, bool& slashForm);

// Months as one ordered number, year · 12 + month − 1 (2023-05 → 24280), and back.
int32_t monthKeyOf(int64_t seconds);
int64_t monthStartSeconds(int32_t monthKey);
std::string monthKeyText(int32_t monthKey);                   // "2023-05"
std::optional<int32_t> parseMonthKey(std::string_view text);  // "2023-05" → key

}  // namespace urbangis
