#pragma once
// Dates and times as bureaus' data writes them, to seconds since 1970-01-01 (local time as
// written; no time-zone shift).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace urbangis {

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t daysFromCivil(int year, unsigned month, unsigned day);

// "2023-05-28", "2023/05/28 19:57", "2023-05-28T19:57:00", "2023-05-28 19:57:00+08"
// (the zone is ignored) → seconds; nullopt when unreadable.
std::optional<int64_t> parseTimestamp(std::string_view text);

// Months as one ordered number, year · 12 + month − 1 (2023-05 → 24280), and back.
int32_t monthKeyOf(int64_t seconds);
int64_t monthStartSeconds(int32_t monthKey);
std::string monthKeyText(int32_t monthKey);                     // "2023-05"
std::optional<int32_t> parseMonthKey(std::string_view text);    // "2023-05" → key

}  // namespace urbangis
