#pragma once
// The parsed tree of a `--where` filter, shared by its evaluator (filter_expression.cpp) and its
// SQL writers (filter_sql.cpp). Internal to src/io.

#include <memory>
#include <string>
#include <vector>

#include "io/filter/filter_expression.h"

namespace urbangis {

enum class NodeKind { orNode, andNode, notNode, compare, in, like, isNull, between };

struct FilterExpression::Node {
  NodeKind kind;
  std::vector<std::shared_ptr<const Node>> children;  // or, and, not
  std::string field;
  std::string op;                   // compare: = != < <= > >=
  std::vector<FilterValue> values;  // compare: 1, in: n, like: 1 (pattern), between: 2
  bool negated = false;             // NOT IN, NOT LIKE, IS NOT NULL, NOT BETWEEN
};

}  // namespace urbangis
