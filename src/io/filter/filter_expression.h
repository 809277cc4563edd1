#pragma once
// The project's one filter language (`--where`), shared by export, route tours and PostGIS
// sources. A small grammar, parsed into our own tree and evaluated by us, or turned into SQL
// with every literal as a bound parameter — never pasted into SQL text.
//
//   expr     := or
//   or       := and ("OR" and)*
//   and      := not ("AND" not)*
//   not      := "NOT" not | primary
//   primary  := "(" expr ")" | field test
//   test     := op value | ["NOT"] "IN" "(" value ("," value)* ")" | ["NOT"] "LIKE" string
//             | "IS" ["NOT"] "NULL" | ["NOT"] "BETWEEN" value "AND" value
//   op       := "=" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   field    := name | "quoted name"          value := 'text' | number
// Keywords are case-insensitive; text compares as UTF-8 bytes, numbers as numbers; LIKE takes
// % and _ wildcards. A comparison with a missing (NULL) value is false, as in SQL.
//
// Nesting is bounded: each "(" and each NOT opens a level, and a filter deeper than
// kMaxFilterNesting is refused at the "(" or NOT that goes too deep. The parser, the evaluator,
// the SQL writers and the tree's destructor all recurse once per level, so this bound is what
// keeps them on the stack of any thread (docs/robustness.md, "Depth limits"). Chains of AND and
// OR of any length are one level: they parse into one node with many children.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace urbangis {

// Hand-written filters nest a handful of levels and generated ones are flat (IN lists, long AND
// or OR chains), so 256 refuses nothing real. At 256 levels a walk of the tree takes about
// 100 KiB of stack, 320 KiB under ASan, against the 8 MiB (at least 2 MiB) of any thread of ours
// (tests/io/filter/filter_depth_test.cpp runs the deepest filter on a 1 MiB stack).
inline constexpr int kMaxFilterNesting = 256;

using FilterValue = std::variant<std::monostate, std::string, double>;

// A column as PostgreSQL holds it, for FilterExpression::toExactSql: how SQL must read it to see
// what our evaluator sees in the feature OGR builds from it.
struct SqlColumn {
  enum class Kind {
    text,       // compared bytewise with text literals (COLLATE "C" for order), LIKE as ours
    number,     // compared as float8 with number literals
    nullsOnly,  // only IS [NOT] NULL means in SQL what it means to us
  };
  Kind kind = Kind::nullsOnly;
  std::string value;     // SQL compared with literals: "fine", NULLIF("area", 'NaN'::float8) …
  std::string presence;  // SQL that is NULL exactly when our evaluator sees a null
  std::string type;      // the column's SQL type, for messages
};
// The column behind a filter field, or nullopt when the table has none of that name.
using SqlColumnOf = std::function<std::optional<SqlColumn>(const std::string& field)>;

class FilterExpression {
 public:
  // Throws InputError "…: column N: …" pointing at the offending character of `text`.
  static FilterExpression parse(const std::string& text);

  // The fields the expression reads (to check they exist before running).
  std::vector<std::string> fields() const;
  // `value(field)` gives a feature's value: text, number, or monostate for NULL.
  bool matches(const std::function<FilterValue(const std::string&)>& value) const;
  // SQL for a WHERE clause with $1, $2 … placeholders; `parameters` receives the literals in
  // order. Field names are quoted as identifiers (quoteIdentifier).
  std::string toSql(std::vector<FilterValue>& parameters) const;
  // SQL for a WHERE clause that selects in PostgreSQL exactly the rows `matches` selects: every
  // literal a $n placeholder cast to the kind of its column (::text, ::float8), `parameters`
  // receiving the literals. nullopt, with `whyNot` in words and `parameters` untouched, when
  // some comparison could not be exact (a number against a text column, LIKE on a number …).
  std::optional<std::string> toExactSql(const SqlColumnOf& columnOf, std::vector<FilterValue>& parameters,
                                        std::string& whyNot) const;
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

// `--where "text"` for messages; a long filter is cut to its start with its length, so an error
// about a 60,000-character filter stays one readable line (the column still says where).
std::string quotedFilter(const std::string& text);

// "name" with embedded quotes doubled, as SQL identifiers are quoted.
std::string quoteIdentifier(const std::string& name);

}  // namespace urbangis
