#include "io/filter/filter_expression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "io/filter/filter_expression_tree.h"

namespace urbangis {

namespace {

using Node = FilterExpression::Node;
using NodePtr = std::shared_ptr<const Node>;

// ---- tokens --------------------------------------------------------------------------------

enum class TokenKind { name, quotedName, text, number, symbol, end };

struct Token {
  TokenKind kind;
  std::string text;  // for names: as written; keywords are names compared case-insensitively
  size_t column;     // 1-based, in characters
};

bool isNameByte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

size_t columnOf(const std::string& text, size_t byte) {
  size_t column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

[[noreturn, gnu::noinline]] void fail(const std::string& text, size_t column, const std::string& problem) {
  throw InputError(quotedFilter(text) + ": column " + std::to_string(column) + ": " + problem);
}

std::vector<Token> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  size_t i = 0;
  size_t counted = 0, column = 1;  // the column of byte `counted`, counted on as i moves (never from 0 again)
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    for (; counted < i; ++counted)
      if ((static_cast<unsigned char>(text[counted]) & 0xC0) != 0x80) ++column;
    if (std::isspace(c)) {
      ++i;
    } else if (c == '\'' || c == '"') {
      // 'text' or "name"; a doubled quote stands for itself.
      std::string value;
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= text.size()) fail(text, column, std::string("unterminated ") + (c == '\'' ? "text" : "name"));
        if (text[j] == static_cast<char>(c)) {
          if (j + 1 < text.size() && text[j + 1] == static_cast<char>(c)) {
            value += static_cast<char>(c);
            ++j;
            continue;
          }
          break;
        }
        value += text[j];
      }
      tokens.push_back({c == '\'' ? TokenKind::text : TokenKind::quotedName, value, column});
      i = j + 1;
    } else if (std::isdigit(c) ||
               (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      char* end = nullptr;
      std::strtod(text.c_str() + i, &end);
      const size_t length = static_cast<size_t>(end - (text.c_str() + i));
      tokens.push_back({TokenKind::number, text.substr(i, length), column});
      i += length;
    } else if (isNameByte(c)) {
      size_t j = i;
      while (j < text.size() && isNameByte(static_cast<unsigned char>(text[j]))) ++j;
      tokens.push_back({TokenKind::name, text.substr(i, j - i), column});
      i = j;
    } else {
      static const char* kSymbols[] = {"<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", "-"};
      bool matched = false;
      for (const char* symbol : kSymbols)
        if (text.compare(i, std::strlen(symbol), symbol) == 0) {
          tokens.push_back({TokenKind::symbol, symbol, column});
          i += std::strlen(symbol);
          matched = true;
          break;
        }
      if (!matched) fail(text, column, std::string("unexpected character '") + text[i] + "'");
    }
  }
  tokens.push_back({TokenKind::end, "", columnOf(text, text.size())});
  return tokens;
}

bool isKeyword(const Token& token, const char* keyword) {
  if (token.kind != TokenKind::name || token.text.size() != std::strlen(keyword)) return false;
  for (size_t i = 0; i < token.text.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != keyword[i]) return false;
  return true;
}

// ---- parser ----------------------------------------------------------------------------------

[[gnu::noinline]] std::shared_ptr<Node> branch(NodeKind kind, NodePtr first) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->children.push_back(std::move(first));
  return node;
}

[[noreturn, gnu::noinline]] void failTooDeep(const std::string& text, size_t column) {
  fail(text, column,
       "nested more than " + std::to_string(kMaxFilterNesting) +
           " levels deep (each \"(\" and NOT is a level); write the filter flatter");
}

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text), tokens_(tokenize(text)) {}

  NodePtr parse() {
    NodePtr root = parseOr();
    if (peek().kind != TokenKind::end) fail(text_, peek().column, "unexpected \"" + peek().text + "\"");
    return root;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& next() { return tokens_[position_++]; }
  bool accept(const char* keywordOrSymbol) {
    const Token& token = peek();
    if (isKeyword(token, keywordOrSymbol) || (token.kind == TokenKind::symbol && token.text == keywordOrSymbol)) {
      ++position_;
      return true;
    }
    return false;
  }
  [[gnu::noinline]] void expect(const char* what) {
    if (!accept(what))
      fail(text_, peek().column,
           std::string("expected ") + what +
               (peek().kind == TokenKind::end ? " at the end" : " before \"" + peek().text + "\""));
  }

  NodePtr parseOr() {
    NodePtr left = parseAnd();
    if (!isKeyword(peek(), "OR")) return left;
    const std::shared_ptr<Node> node = branch(NodeKind::orNode, std::move(left));
    while (accept("OR")) node->children.push_back(parseAnd());
    return node;
  }

  NodePtr parseAnd() {
    NodePtr left = parseNot();
    if (!isKeyword(peek(), "AND")) return left;
    const std::shared_ptr<Node> node = branch(NodeKind::andNode, std::move(left));
    while (accept("AND")) node->children.push_back(parseNot());
    return node;
  }

  // One level deeper for a "(" or NOT at `column`, one back out when the guard ends.
  class Level {
   public:
    Level(Parser& parser, size_t column) : parser_(parser) {
      if (++parser_.depth_ > kMaxFilterNesting) failTooDeep(parser_.text_, column);
    }
    ~Level() { --parser_.depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    Parser& parser_;
  };

  NodePtr parseNot() {
    const size_t column = peek().column;
    if (accept("NOT")) {
      const Level level(*this, column);
      return branch(NodeKind::notNode, parseNot());
    }
    return parsePrimary();
  }

  FilterValue value() {
    const Token& token = peek();
    if (token.kind == TokenKind::text) return next().text;
    bool negative = false;
    if (token.kind == TokenKind::symbol && token.text == "-") {
      negative = true;
      next();
    }
    if (peek().kind != TokenKind::number)
      fail(text_, peek().column,
           "expected a value ('text' or a number)" +
               (peek().kind == TokenKind::end ? std::string(" at the end") : ", found \"" + peek().text + "\""));
    const double number = std::strtod(next().text.c_str(), nullptr);
    return negative ? -number : number;
  }

  NodePtr parsePrimary() {
    const size_t column = peek().column;
    if (accept("(")) {
      const Level level(*this, column);
      NodePtr inner = parseOr();
      expect(")");
      return inner;
    }
    return parseTest();
  }

  // A field and its test. Out of line, as are branch() and fail(): the frames of the functions
  // that recurse stay small (under ASan a frame holds every temporary string apart), so the
  // deepest filter fits a small thread stack.
  [[gnu::noinline]] NodePtr parseTest() {
    const Token& name = peek();
    if (name.kind != TokenKind::name && name.kind != TokenKind::quotedName)
      fail(text_, name.column,
           "expected a field name" +
               (name.kind == TokenKind::end ? std::string(" at the end") : ", found \"" + name.text + "\""));
    for (const char* keyword : {"AND", "OR", "NOT", "IN", "LIKE", "IS", "NULL", "BETWEEN"})
      if (name.kind == TokenKind::name && isKeyword(name, keyword))
        fail(text_, name.column,
             std::string("expected a field name, found the keyword ") + keyword + " (quote a field of that name: \"" +
                 name.text + "\")");
    next();
    Node node{NodeKind::compare, {}, name.text, {}, {}, false};
    if (accept("IS")) {
      node.kind = NodeKind::isNull;
      node.negated = accept("NOT");
      expect("NULL");
    } else {
      const bool negated = accept("NOT");
      if (accept("IN")) {
        node.kind = NodeKind::in;
        expect("(");
        do node.values.push_back(value());
        while (accept(","));
        expect(")");
      } else if (accept("LIKE")) {
        node.kind = NodeKind::like;
        if (peek().kind != TokenKind::text) fail(text_, peek().column, "LIKE takes a 'pattern' in single quotes");
        node.values.push_back(next().text);
      } else if (accept("BETWEEN")) {
        node.kind = NodeKind::between;
        node.values.push_back(value());
        expect("AND");
        node.values.push_back(value());
      } else if (negated) {
        fail(text_, peek().column, "expected IN, LIKE or BETWEEN after NOT");
      } else {
        const Token& op = peek();
        static const char* kOperators[] = {"=", "!=", "<>", "<", "<=", ">", ">="};
        if (op.kind != TokenKind::symbol ||
            std::find_if(std::begin(kOperators), std::end(kOperators), [&](const char* o) { return op.text == o; }) ==
                std::end(kOperators))
          fail(text_, op.column,
               "expected a comparison (=, !=, <, <=, >, >=, IN, LIKE, IS NULL, BETWEEN)" +
                   (op.kind == TokenKind::end ? std::string(" at the end") : " before \"" + op.text + "\""));
        node.op = next().text == "<>" ? "!=" : tokens_[position_ - 1].text;
        node.values.push_back(value());
      }
      node.negated = negated;
    }
    return std::make_shared<Node>(std::move(node));
  }

  const std::string& text_;
  std::vector<Token> tokens_;
  size_t position_ = 0;
  int depth_ = 0;  // "(" and NOT around the token being read
};

// ---- evaluation (SQL's three-valued logic: nullopt is unknown) ------------------------------

std::optional<double> asNumber(const FilterValue& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) {
    char* end = nullptr;
    const double number = std::strtod(text->c_str(), &end);
    if (!text->empty() && end == text->c_str() + text->size()) return number;
  }
  return std::nullopt;
}

std::string asText(const FilterValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<double>(&value)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", *number);
    return buffer;
  }
  return {};
}

// <0, 0, >0; nullopt when either side is NULL or a number meets text that is not one. NaN is
// no number either: it would otherwise equal every literal.
std::optional<int> compare(const FilterValue& actual, const FilterValue& literal) {
  if (std::holds_alternative<std::monostate>(actual)) return std::nullopt;
  if (std::holds_alternative<double>(literal)) {
    const auto number = asNumber(actual);
    if (!number || std::isnan(*number)) return std::nullopt;
    const double target = std::get<double>(literal);
    return *number < target ? -1 : *number > target ? 1 : 0;
  }
  const int result = asText(actual).compare(std::get<std::string>(literal));
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

// LIKE with % (any run) and _ (one UTF-8 character), without recursion: on a mismatch only the
// last % seen takes one more byte, which is enough since a later % can take whatever an earlier
// one would have (at most pattern × text steps, where trying every split was exponential and
// recursed once per %: a pattern of 100,000 % overflowed the stack).
bool like(const std::string& text, const std::string& pattern) {
  size_t t = 0, p = 0;
  size_t starPattern = std::string::npos, starText = 0;  // just after the last %, and where its run ends
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      starPattern = ++p;
      starText = t;
    } else if (p < pattern.size() && pattern[p] == '_') {
      ++t;
      while (t < text.size() && (static_cast<unsigned char>(text[t]) & 0xC0) == 0x80) ++t;
      ++p;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (starPattern != std::string::npos) {
      p = starPattern;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

[[gnu::noinline]] std::optional<bool> evaluateTest(const Node& node,
                                                   const std::function<FilterValue(const std::string&)>& value);

// AND, OR and NOT here; the tests of fields out of line, to keep this recursive frame small.
std::optional<bool> evaluate(const Node& node, const std::function<FilterValue(const std::string&)>& value) {
  switch (node.kind) {
    case NodeKind::orNode: {
      bool unknown = false;
      for (const auto& child : node.children) {
        const auto result = evaluate(*child, value);
        if (result == true) return true;
        unknown = unknown || !result;
      }
      return unknown ? std::nullopt : std::optional<bool>(false);
    }
    case NodeKind::andNode: {
      bool unknown = false;
      for (const auto& child : node.children) {
        const auto result = evaluate(*child, value);
        if (result == false) return false;
        unknown = unknown || !result;
      }
      return unknown ? std::nullopt : std::optional<bool>(true);
    }
    case NodeKind::notNode: {
      const auto result = evaluate(*node.children.front(), value);
      return result ? std::optional<bool>(!*result) : std::nullopt;
    }
    default:
      return evaluateTest(node, value);
  }
}

[[gnu::noinline]] std::optional<bool> evaluateTest(const Node& node,
                                                   const std::function<FilterValue(const std::string&)>& value) {
  switch (node.kind) {
    case NodeKind::orNode:
    case NodeKind::andNode:
    case NodeKind::notNode:
      break;  // evaluate's
    case NodeKind::isNull: {
      const bool isNull = std::holds_alternative<std::monostate>(value(node.field));
      return isNull != node.negated;
    }
    case NodeKind::compare: {
      const auto order = compare(value(node.field), node.values.front());
      if (!order) return std::nullopt;
      const std::string& op = node.op;
      return op == "="    ? *order == 0
             : op == "!=" ? *order != 0
             : op == "<"  ? *order < 0
             : op == "<=" ? *order <= 0
             : op == ">"  ? *order > 0
                          : *order >= 0;
    }
    case NodeKind::in: {
      const FilterValue actual = value(node.field);
      if (std::holds_alternative<std::monostate>(actual)) return std::nullopt;
      bool found = false, unknown = false;
      for (const auto& literal : node.values) {
        const auto order = compare(actual, literal);
        found = found || order == 0;
        unknown = unknown || !order;
      }
      if (found) return !node.negated;
      return unknown ? std::nullopt : std::optional<bool>(node.negated);
    }
    case NodeKind::like: {
      const FilterValue actual = value(node.field);
      if (std::holds_alternative<std::monostate>(actual)) return std::nullopt;
      return like(asText(actual), std::get<std::string>(node.values.front())) != node.negated;
    }
    case NodeKind::between: {
      const FilterValue actual = value(node.field);
      const auto low = compare(actual, node.values[0]), high = compare(actual, node.values[1]);
      if (!low || !high) return std::nullopt;
      return (*low >= 0 && *high <= 0) != node.negated;
    }
  }
  return std::nullopt;
}

void collectFields(const Node& node, std::vector<std::string>& fields) {
  if (!node.field.empty() && std::find(fields.begin(), fields.end(), node.field) == fields.end())
    fields.push_back(node.field);
  for (const auto& child : node.children) collectFields(*child, fields);
}

}  // namespace

FilterExpression FilterExpression::parse(const std::string& text) {
  FilterExpression expression;
  expression.text_ = text;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) fail(text, 1, "the filter is empty");
  expression.root_ = Parser(text).parse();
  return expression;
}

std::string quotedFilter(const std::string& text) {
  constexpr size_t kShown = 60;  // bytes of a long filter's start quoted in messages
  if (text.size() <= 2 * kShown) return "--where \"" + text + "\"";
  size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return "--where \"" + text.substr(0, cut) + "…\" (" + std::to_string(columnOf(text, text.size()) - 1) +
         " characters)";
}

std::vector<std::string> FilterExpression::fields() const {
  std::vector<std::string> fields;
  collectFields(*root_, fields);
  return fields;
}

bool FilterExpression::matches(const std::function<FilterValue(const std::string&)>& value) const {
  return evaluate(*root_, value) == true;
}

}  // namespace urbangis
