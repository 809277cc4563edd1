// Depth limits of the `--where` language (docs/robustness.md, "Depth limits"): the inputs that
// overflowed the stack are refused at the level that goes too deep, the deepest filter accepted
// is parsed, evaluated, written as SQL and destroyed on a small thread stack, and chains of AND
// and OR of any length stay flat.
#include <catch2/catch.hpp>

#include <pthread.h>

#include <exception>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/filter/filter_expression.h"
#include "test_support.h"

using namespace urbangis;

namespace {

std::string errorOf(const std::string& where) {
  try {
    FilterExpression::parse(where);
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

// Runs `work` on a thread whose whole stack is `bytes`, rethrowing what it threw.
void onStackOf(size_t bytes, const std::function<void()>& work) {
  struct Job {
    const std::function<void()>* work;
    std::exception_ptr error;
  } job{&work, nullptr};
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  REQUIRE(pthread_attr_setstacksize(&attributes, bytes) == 0);
  pthread_t thread;
  const int created = pthread_create(
      &thread, &attributes,
      [](void* argument) -> void* {
        auto* running = static_cast<Job*>(argument);
        try {
          (*running->work)();
        } catch (...) {
          running->error = std::current_exception();
        }
        return nullptr;
      },
      &job);
  pthread_attr_destroy(&attributes);
  REQUIRE(created == 0);
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

// The viewer's workers (QThreadPool) and std::thread get glibc's default stack: the stack rlimit,
// 8 MiB here, and 2 MiB when it is unlimited. The deepest filter takes about 100 KiB, 320 KiB
// under ASan (measured with smaller stacks): 1 MiB leaves a margin even under ASan.
constexpr size_t kSmallStack = 1024 * 1024;

FilterValue valueOf(const std::string& field) {
  if (field == "a") return 0.0;
  if (field == "b") return 2.0;
  if (field == "c") return 1.0;
  return {};
}

std::optional<SqlColumn> numberColumn(const std::string& field) {
  return SqlColumn{SqlColumn::Kind::number, quoteIdentifier(field), quoteIdentifier(field), "float8"};
}

// LIKE as it was before it lost its recursion, as the oracle for the loop that replaced it.
bool likeByRecursion(const std::string& text, size_t t, const std::string& pattern, size_t p) {
  while (p < pattern.size()) {
    if (pattern[p] == '%') {
      for (size_t k = t; k <= text.size(); ++k)
        if (likeByRecursion(text, k, pattern, p + 1)) return true;
      return false;
    }
    if (t >= text.size()) return false;
    if (pattern[p] == '_') {
      ++t;
      while (t < text.size() && (static_cast<unsigned char>(text[t]) & 0xC0) == 0x80) ++t;
      ++p;
      continue;
    }
    if (pattern[p] != text[t]) return false;
    ++p;
    ++t;
  }
  return t == text.size();
}

bool like(const std::string& text, const std::string& pattern) {
  return FilterExpression::parse("v LIKE '" + pattern + "'").matches([&](const std::string&) -> FilterValue {
    return text;
  });
}

}  // namespace

TEST_CASE("The inputs that overflowed the parser's stack are refused at the level too deep", "[io][where][depth]") {
  // Both were SIGSEGV in `urbangis export --where` (issue 17): the crash inputs, as the CLI got them.
  const std::string parentheses = errorOf(test::repeated("(", 60000));
  CHECK(parentheses.find("column 257: nested more than 256 levels deep") != std::string::npos);
  const std::string nots = errorOf(test::repeated("NOT ", 30000) + "a = 1");
  CHECK(nots.find("column 1025: nested more than 256 levels deep") != std::string::npos);  // the 257th NOT
  // The message quotes the start of so long a filter, not all of it.
  CHECK(parentheses.size() < 300);
  CHECK(parentheses.find("(60000 characters)") != std::string::npos);
  CHECK(nots.find("(120005 characters)") != std::string::npos);
}

TEST_CASE("Filters nest 256 levels of parentheses and NOT, not 257", "[io][where][depth]") {
  // Each repetition opens two levels: NOT and "(".
  const std::string deepest =
      test::repeated("a = 1 OR b = 2 AND NOT (", 128) + "c IN (1, 2)" + test::repeated(")", 128);
  CHECK_NOTHROW(FilterExpression::parse(deepest));
  CHECK_NOTHROW(FilterExpression::parse(test::repeated("(", 256) + "a = 1" + test::repeated(")", 256)));
  CHECK_NOTHROW(FilterExpression::parse(test::repeated("NOT ", 256) + "a = 1"));

  const std::string oneMore =
      test::repeated("a = 1 OR b = 2 AND NOT (", 128) + "NOT c IN (1, 2)" + test::repeated(")", 128);
  const size_t column = 128 * std::string("a = 1 OR b = 2 AND NOT (").size() + 1;
  CHECK(errorOf(oneMore).find("column " + std::to_string(column) + ": nested more than 256") != std::string::npos);
  CHECK(errorOf(test::repeated("(", 257) + "a = 1" + test::repeated(")", 257)).find("column 257: nested") !=
        std::string::npos);
  // Levels are counted where they are, not in total: many shallow groups side by side are fine.
  CHECK_NOTHROW(FilterExpression::parse(test::repeated("(NOT (a = 1)) AND ", 1000) + "b = 2"));
}

TEST_CASE("The deepest filter accepted is parsed, evaluated, written as SQL and destroyed on a 1 MiB stack",
          "[io][where][depth]") {
  const std::string deepest =
      test::repeated("a = 1 OR b = 2 AND NOT (", 128) + "c IN (1, 2)" + test::repeated(")", 128);
  bool matched = false;
  std::vector<std::string> fields;
  std::string sql, exactSql, whyNot;
  std::vector<FilterValue> parameters, exactParameters;
  bool exact = false;
  onStackOf(kSmallStack, [&] {
    const FilterExpression filter = FilterExpression::parse(deepest);
    matched = filter.matches(valueOf);
    fields = filter.fields();
    sql = filter.toSql(parameters);
    const auto written = filter.toExactSql(numberColumn, exactParameters, whyNot);
    exact = written.has_value();
    if (written) exactSql = *written;
  });  // the filter's tree is destroyed on that stack too
  // c = 1 is in (1, 2); 128 NOTs around it with a = 1 false and b = 2 true: even, so true.
  CHECK(matched);
  CHECK(fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(parameters.size() == 2 * 128 + 2);
  CHECK(sql.rfind("(\"a\" = $1 OR (\"b\" = $2 AND (NOT (\"a\" = $3", 0) == 0);
  REQUIRE(exact);
  CHECK(exactParameters.size() == parameters.size());
  CHECK(exactSql.find("(\"c\" IN ($257::float8, $258::float8))") != std::string::npos);
}

TEST_CASE("Chains of AND and OR of any length are one level, evaluated and destroyed on a small stack",
          "[io][where][depth]") {
  const size_t terms = 100000;
  std::string chainAnd = "c = 1", chainOr = "a = 1", mixed = "NOT a = 1";
  for (size_t i = 1; i < terms; ++i) {
    chainAnd += " AND c = 1";
    chainOr += " OR a = 1";
    mixed += i % 2 ? " AND NOT a = 1" : " OR (b = 2 AND NOT a = 1)";
  }
  chainOr += " OR b = 2";
  std::vector<bool> results;
  size_t andParameters = 0;
  onStackOf(kSmallStack, [&] {
    for (const std::string* text : {&chainAnd, &chainOr, &mixed}) {
      const FilterExpression filter = FilterExpression::parse(*text);
      results.push_back(filter.matches(valueOf));
      std::vector<FilterValue> parameters;
      (void)filter.toSql(parameters);
      if (text == &chainAnd) andParameters = parameters.size();
    }
  });
  CHECK(results == std::vector<bool>{true, true, true});
  CHECK(andParameters == terms);
}

TEST_CASE("LIKE runs in a loop: a pattern of 100,000 % neither overflows nor backtracks for ever",
          "[io][where][depth]") {
  bool longPattern = true, manyStars = true, matching = false;
  onStackOf(kSmallStack, [&] {
    longPattern = like(test::repeated("y", 1000), test::repeated("%", 100000) + "x");
    // Trying every split was exponential in the number of %: 40 of them against 400 a's.
    manyStars = like(test::repeated("a", 400), test::repeated("%a", 40) + "b");
    matching = like(test::repeated("a", 400) + "b", test::repeated("%a", 40) + "b");
  });
  CHECK_FALSE(longPattern);
  CHECK_FALSE(manyStars);
  CHECK(matching);
}

TEST_CASE("LIKE without recursion matches what the recursive LIKE matched", "[io][where][depth]") {
  // Random short texts and patterns over a, b, a three-byte character and the two wildcards,
  // including patterns that are not valid UTF-8 on their own ("\xE4" alone).
  const std::vector<std::string> textPieces = {"a", "b", "中", "\xE4"};
  const std::vector<std::string> patternPieces = {"a", "b", "中", "%", "_", "\xE4"};
  std::mt19937 random(17);
  size_t matches = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text, pattern;
    for (size_t i = random() % 7; i > 0; --i) text += textPieces[random() % textPieces.size()];
    for (size_t i = random() % 6; i > 0; --i) pattern += patternPieces[random() % patternPieces.size()];
    const bool expected = likeByRecursion(text, 0, pattern, 0);
    matches += expected;
    INFO("'" << text << "' LIKE '" << pattern << "'");
    REQUIRE(like(text, pattern) == expected);
  }
  CHECK(matches > 1000);  // both outcomes are well represented
}

TEST_CASE("A long filter is quoted by its start in messages, cut between characters", "[io][where][depth]") {
  CHECK(quotedFilter("a = 1") == "--where \"a = 1\"");
  const std::string chinese = test::repeated("中", 100);  // 300 bytes: the cut at 60 bytes is a character's start
  CHECK(quotedFilter(chinese) == "--where \"" + test::repeated("中", 20) + "…\" (100 characters)");
  const std::string offset = "x" + chinese;  // the cut at 60 bytes falls inside a character
  CHECK(quotedFilter(offset) == "--where \"x" + test::repeated("中", 19) + "…\" (101 characters)");
}
