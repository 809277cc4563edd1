#include "io/values/timestamps.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace urbangis {
namespace {

// A forward-only reader over one value.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  bool eat(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }
  // ASCII letters compared without case ("pm", "PM").
  bool eatWord(std::string_view word) {
    if (text_.size() - at_ < word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
      if ((text_[at_ + k] | 0x20) != (word[k] | 0x20)) return false;
    at_ += word.size();
    return true;
  }
  bool skipBlanks() {
    const size_t start = at_;
    while (peek() == ' ' || peek() == '\t') ++at_;
    return at_ > start;
  }
  // Up to `maxDigits` digits (what follows is the caller's to judge); `count` gets how many.
  std::optional<int> numberCounting(size_t maxDigits, size_t& count) {
    count = 0;
    int value = 0;
    while (count < maxDigits && peek() >= '0' && peek() <= '9') {
      ++count;
      value = value * 10 + (text_[at_++] - '0');
    }
    if (count == 0) return std::nullopt;
    return value;
  }
  std::optional<int> number(size_t minDigits, size_t maxDigits) {
    size_t count = 0;
    const auto value = numberCounting(maxDigits, count);
    return value && count >= minDigits ? value : std::nullopt;
  }

 private:
  std::string_view text_;
  size_t at_ = 0;
};

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

ReadTime problem(TimeProblem what) { return {std::nullopt, what}; }

bool plainNumber(std::string_view text) {
  bool digit = false, point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

// Excel's 1900 date system: serial 1 is 1900-01-01 and 60 the 29 February 1900 that never was,
// so from 61 on the days count from 1899-12-30.
ReadTime excelSerialTime(std::string_view text) {
  const double serial = std::strtod(std::string(text).c_str(), nullptr);
  if (!std::isfinite(serial) || serial < 1 || serial >= 1e7 || std::floor(serial) == 60)
    return problem(TimeProblem::unreadable);
  const double whole = std::floor(serial);
  const int64_t days =
      static_cast<int64_t>(whole) + (whole < 60 ? daysFromCivil(1899, 12, 31) : daysFromCivil(1899, 12, 30));
  return checkedWallClock(days * 86400 + std::llround((serial - whole) * 86400.0));
}

// The numbers of a date written NN/NN/YYYY (separator '/', '.' or '-'); false for other forms.
bool readNumberFirstDate(Cursor& cursor, int& first, int& second, int& year) {
  size_t digits = 0;
  const auto a = cursor.numberCounting(2, digits);
  if (!a) return false;
  const char separator = cursor.peek();
  if (separator != '/' && separator != '.' && separator != '-') return false;
  cursor.eat(separator);
  const auto b = cursor.number(1, 2);
  if (!b || !cursor.eat(separator)) return false;
  const auto y = cursor.number(4, 4);
  if (!y) return false;
  first = *a, second = *b, year = *y;
  return true;
}

// "hh:mm[:ss[.fff]]" or "h时[m分[s秒]]" / "h点…", then AM/PM; false when malformed.
bool readClock(Cursor& cursor, int& hour, int& minute, int& second) {
  const auto h = cursor.number(1, 2);
  if (!h) return false;
  hour = *h;
  if (cursor.eat(':')) {
    const auto m = cursor.number(2, 2);
    if (!m) return false;
    minute = *m;
    if (cursor.eat(':')) {
      const auto s = cursor.number(2, 2);
      if (!s) return false;
      second = *s;
      if (cursor.eat('.') || cursor.eat(',')) {
        size_t digits = 0;
        if (!cursor.numberCounting(9, digits)) return false;  // fractions of a second are dropped
        while (cursor.peek() >= '0' && cursor.peek() <= '9') cursor.eat(cursor.peek());
      }
    }
  } else if (cursor.eat("时") || cursor.eat("點") || cursor.eat("点")) {
    if (const auto m = cursor.number(1, 2)) {
      minute = *m;
      if (!cursor.eat("分")) return false;
      if (const auto s = cursor.number(1, 2)) {
        second = *s;
        if (!cursor.eat("秒")) return false;
      }
    }
  } else {
    return false;
  }
  cursor.skipBlanks();  // blanks before AM/PM or an offset ("08:00 +08:00")
  const bool pm = cursor.eatWord("PM") || cursor.eatWord("P.M.");
  const bool am = !pm && (cursor.eatWord("AM") || cursor.eatWord("A.M."));
  if (am || pm) {
    if (hour < 1 || hour > 12) return false;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  return true;
}

// "Z", "UTC", "+08", "+0800", "+08:00", "-05:00"; nullopt offset when absent; false when malformed.
bool readOffset(Cursor& cursor, std::optional<int>& offsetMinutes) {
  cursor.skipBlanks();
  if (cursor.done()) return true;
  if (cursor.eat('Z') || cursor.eat('z') || cursor.eatWord("UTC") || cursor.eatWord("GMT")) {
    offsetMinutes = 0;
    return true;
  }
  const int sign = cursor.eat('+') ? 1 : cursor.eat('-') ? -1 : 0;
  if (sign == 0) return false;
  const auto hours = cursor.number(2, 2);
  if (!hours || *hours > 14) return false;
  int minutes = 0;
  const bool colon = cursor.eat(':');
  if (colon || !cursor.done()) {
    const auto m = cursor.number(2, 2);
    if (!m || *m > 59) return false;
    minutes = *m;
  }
  offsetMinutes = sign * (*hours * 60 + minutes);
  return true;
}

}  // namespace

int64_t daysFromCivil(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}}
      .time_since_epoch()
      .count();
}

std::optional<TimeFormat> parseTimeFormat(std::string_view name) {
  if (name == "MM/DD/YYYY") return TimeFormat{DayOrder::monthFirst, false};
  if (name == "DD/MM/YYYY") return TimeFormat{DayOrder::dayFirst, false};
  if (name == "excel_days") return TimeFormat{DayOrder::unknown, true};
  return std::nullopt;
}

ReadTime wallClockTime(int year, int month, int day, int hour, int minute, int second, std::optional<int> offsetMinutes,
                       const TimeZone& zone) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60)
    return problem(TimeProblem::unreadable);
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return problem(TimeProblem::unreadable);
  if (year < kFirstYear - 1 || year > kLastYear + 1) return problem(TimeProblem::outOfRange);
  // A leap second (23:59:60) is read as the last second of its minute.
  int64_t seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                    hour * 3600 + minute * 60 + std::min(second, 59);
  if (offsetMinutes) seconds = zone.localFromUtc(seconds - int64_t{*offsetMinutes} * 60);
  return checkedWallClock(seconds);
}

ReadTime checkedWallClock(int64_t seconds) {
  const int year = monthKeyOf(seconds) / 12;
  if (year < kFirstYear || year > kLastYear) return problem(TimeProblem::outOfRange);
  return {seconds, TimeProblem::none};
}

ReadTime readTimestamp(std::string_view raw, const TimeRules& rules) {
  const std::string_view text = trimmed(raw);
  if (text.empty()) return problem(TimeProblem::empty);
  if (plainNumber(text)) return rules.format.excelDays ? excelSerialTime(text) : problem(TimeProblem::unreadable);

  Cursor cursor(text);
  int year = 0, month = 0, day = 0;
  bool chinese = false;
  size_t digits = 0;
  const auto leading = cursor.numberCounting(4, digits);
  if (!leading) return problem(TimeProblem::unreadable);
  if (digits == 4) {
    // Year first: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one separator throughout) or YYYY年M月D日.
    year = *leading;
    if (cursor.eat("年")) {
      chinese = true;
      const auto m = cursor.number(1, 2);
      if (!m || !cursor.eat("月")) return problem(TimeProblem::unreadable);
      const auto d = cursor.number(1, 2);
      if (!d || !cursor.eat("日")) return problem(TimeProblem::unreadable);
      month = *m, day = *d;
    } else {
      const char separator = cursor.peek();
      if (separator != '-' && separator != '/' && separator != '.') return problem(TimeProblem::unreadable);
      cursor.eat(separator);
      const auto m = cursor.number(1, 2);
      if (!m || !cursor.eat(separator)) return problem(TimeProblem::unreadable);
      const auto d = cursor.number(1, 2);
      if (!d) return problem(TimeProblem::unreadable);
      month = *m, day = *d;
    }
  } else {
    // Day or month first: NN/NN/YYYY. Only the values or the catalog can say which.
    Cursor again(text);
    int first = 0, second = 0;
    if (!readNumberFirstDate(again, first, second, year)) return problem(TimeProblem::unreadable);
    cursor = again;
    DayOrder order = rules.format.order;
    if (first > 12 && second > 12) return problem(TimeProblem::unreadable);
    if (year < kFirstYear || year > kLastYear) return problem(TimeProblem::outOfRange);  // in either order
    if (first > 12) {
      if (order == DayOrder::monthFirst) return problem(TimeProblem::unreadable);
      order = DayOrder::dayFirst;
    } else if (second > 12) {
      if (order == DayOrder::dayFirst) return problem(TimeProblem::unreadable);
      order = DayOrder::monthFirst;
    }
    if (order == DayOrder::unknown) return problem(TimeProblem::ambiguous);
    month = order == DayOrder::monthFirst ? first : second;
    day = order == DayOrder::monthFirst ? second : first;
  }

  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset;
  const bool blank = cursor.skipBlanks();
  if (!cursor.done()) {
    if (!blank && !cursor.eat('T') && !chinese) return problem(TimeProblem::unreadable);
    if (!readClock(cursor, hour, minute, second) || !readOffset(cursor, offset) || !cursor.done())
      return problem(TimeProblem::unreadable);
  }
  return wallClockTime(year, month, day, hour, minute, second, offset, rules.zone);
}

DayOrder dayOrderShownBy(std::string_view text, bool& slashForm) {
  Cursor cursor(trimmed(text));
  int first = 0, second = 0, year = 0;
  slashForm = readNumberFirstDate(cursor, first, second, year);
  if (!slashForm || (first > 12 && second > 12)) return DayOrder::unknown;
  if (first > 12) return DayOrder::dayFirst;
  if (second > 12) return DayOrder::monthFirst;
  return DayOrder::unknown;
}

int32_t monthKeyOf(int64_t seconds) {
  using namespace std::chrono;
  const int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const year_month_day date{sys_days{std::chrono::days{days}}};
  return static_cast<int32_t>(static_cast<int>(date.year()) * 12 +
                              static_cast<int>(static_cast<unsigned>(date.month())) - 1);
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
