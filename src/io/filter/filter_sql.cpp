// A `--where` filter as SQL: field names quoted as identifiers, every literal a $n placeholder,
// never pasted into the text. toSql writes the tree as it is; toExactSql writes it so that
// PostgreSQL selects exactly what our evaluator (filter_expression.cpp) selects, or declines.

#include <cstdio>

#include "io/filter/filter_expression.h"
#include "io/filter/filter_expression_tree.h"

namespace urbangis {
namespace {

using Node = FilterExpression::Node;

std::string placeholder(std::vector<FilterValue>& parameters, const FilterValue& literal, const char* cast = "") {
  parameters.push_back(literal);
  return "$" + std::to_string(parameters.size()) + cast;
}

[[gnu::noinline]] std::string sqlOfTest(const Node& node, std::vector<FilterValue>& parameters);

// AND, OR and NOT here; the tests of fields out of line, to keep this recursive frame small (the
// tree is as deep as the filter's nesting, kMaxFilterNesting at most).
std::string sqlOf(const Node& node, std::vector<FilterValue>& parameters) {
  switch (node.kind) {
    case NodeKind::orNode:
    case NodeKind::andNode: {
      std::string sql = "(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i) sql += node.kind == NodeKind::orNode ? " OR " : " AND ";
        sql += sqlOf(*node.children[i], parameters);
      }
      return sql + ")";
    }
    case NodeKind::notNode:
      return "(NOT " + sqlOf(*node.children.front(), parameters) + ")";
    default:
      return sqlOfTest(node, parameters);
  }
}

[[gnu::noinline]] std::string sqlOfTest(const Node& node, std::vector<FilterValue>& parameters) {
  const auto parameter = [&](const FilterValue& literal) { return placeholder(parameters, literal); };
  const std::string field = quoteIdentifier(node.field);
  const std::string negation = node.negated ? "NOT " : "";
  switch (node.kind) {
    case NodeKind::orNode:
    case NodeKind::andNode:
    case NodeKind::notNode:
      break;  // sqlOf's
    case NodeKind::isNull:
      return field + (node.negated ? " IS NOT NULL" : " IS NULL");
    case NodeKind::compare:
      return field + " " + (node.op == "!=" ? "<>" : node.op) + " " + parameter(node.values.front());
    case NodeKind::in: {
      std::string sql = field + " " + negation + "IN (";
      for (size_t i = 0; i < node.values.size(); ++i) sql += (i ? ", " : "") + parameter(node.values[i]);
      return sql + ")";
    }
    case NodeKind::like:
      return field + " " + negation + "LIKE " + parameter(node.values.front());
    case NodeKind::between: {
      const std::string low = parameter(node.values[0]);
      return field + " " + negation + "BETWEEN " + low + " AND " + parameter(node.values[1]);
    }
  }
  return "FALSE";
}

std::string describe(const FilterValue& literal) {
  if (const auto* text = std::get_if<std::string>(&literal)) return "the text '" + *text + "'";
  char number[32];
  std::snprintf(number, sizeof number, "%.15g", std::get<double>(literal));
  return std::string("the number ") + number;
}

// The exact writer: each comparison is written only when the literal's kind is the column's
// (text with text, numbers with numbers), since that is where SQL and our evaluator agree:
//  - text: equality is bytewise under any deterministic collation; order is bytewise only
//    under COLLATE "C" (UTF-8 bytes order as code points, as std::string compares them); LIKE
//    has no escape character in our language, hence ESCAPE '';
//  - numbers: our evaluator compares doubles, so the parameter is float8 and the column's value
//    is read as float8 (int8 rounds as static_cast<double> does), NaN as NULL (no number to us).
// Three-valued logic is SQL's in both, so AND, OR and NOT compose exactly.
class ExactWriter {
 public:
  ExactWriter(const SqlColumnOf& columnOf, std::vector<FilterValue>& parameters, std::string& whyNot)
      : columnOf_(columnOf), parameters_(parameters), whyNot_(whyNot) {}

  // Recursive once per level of the tree; comparison() is out of line to keep this frame small.
  std::optional<std::string> write(const Node& node) {
    switch (node.kind) {
      case NodeKind::orNode:
      case NodeKind::andNode: {
        std::string sql = "(";
        for (size_t i = 0; i < node.children.size(); ++i) {
          const auto child = write(*node.children[i]);
          if (!child) return std::nullopt;
          if (i) sql += node.kind == NodeKind::orNode ? " OR " : " AND ";
          sql += *child;
        }
        return sql + ")";
      }
      case NodeKind::notNode: {
        const auto child = write(*node.children.front());
        if (!child) return std::nullopt;
        return "(NOT " + *child + ")";
      }
      default:
        return comparison(node);
    }
  }

 private:
  [[gnu::noinline]] std::optional<std::string> comparison(const Node& node) {
    const auto column = columnOf_(node.field);
    if (!column) return refuse("the table has no column \"" + node.field + "\"");
    if (node.kind == NodeKind::isNull) return "(" + column->presence + (node.negated ? " IS NOT NULL)" : " IS NULL)");
    if (column->kind == SqlColumn::Kind::nullsOnly)
      return refuse("column \"" + node.field + "\" is " + column->type +
                    ", which only IS [NOT] NULL reads alike in SQL");
    const bool text = column->kind == SqlColumn::Kind::text;
    for (const FilterValue& literal : node.values)
      if (std::holds_alternative<std::string>(literal) != text)
        return refuse(describe(literal) + " against " + column->type + " column \"" + node.field + "\"");

    const char* cast = text ? "::text" : "::float8";
    const auto parameter = [&](const FilterValue& literal) { return placeholder(parameters_, literal, cast); };
    const std::string ordered = text ? column->value + " COLLATE \"C\"" : column->value;
    const std::string negation = node.negated ? "NOT " : "";
    switch (node.kind) {
      case NodeKind::compare: {
        const bool equality = node.op == "=" || node.op == "!=";
        return "(" + (equality ? column->value : ordered) + " " + (node.op == "!=" ? "<>" : node.op) + " " +
               parameter(node.values.front()) + ")";
      }
      case NodeKind::in: {
        std::string sql = "(" + column->value + " " + negation + "IN (";
        for (size_t i = 0; i < node.values.size(); ++i) sql += (i ? ", " : "") + parameter(node.values[i]);
        return sql + "))";
      }
      case NodeKind::like:
        return "(" + column->value + " " + negation + "LIKE " + parameter(node.values.front()) + " ESCAPE '')";
      case NodeKind::between: {
        const std::string low = parameter(node.values[0]);
        return "(" + ordered + " " + negation + "BETWEEN " + low + " AND " + parameter(node.values[1]) + ")";
      }
      default:
        return refuse("an unknown comparison");
    }
  }

  std::optional<std::string> refuse(const std::string& why) {
    whyNot_ = why;
    return std::nullopt;
  }

  const SqlColumnOf& columnOf_;
  std::vector<FilterValue>& parameters_;
  std::string& whyNot_;
};

}  // namespace

std::string FilterExpression::toSql(std::vector<FilterValue>& parameters) const { return sqlOf(*root_, parameters); }

std::optional<std::string> FilterExpression::toExactSql(const SqlColumnOf& columnOf,
                                                        std::vector<FilterValue>& parameters,
                                                        std::string& whyNot) const {
  std::vector<FilterValue> collected = parameters;  // appended to only when the whole filter is exact
  std::optional<std::string> sql = ExactWriter(columnOf, collected, whyNot).write(*root_);
  if (sql) parameters = std::move(collected);
  return sql;
}

std::string quoteIdentifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace urbangis
