#pragma once
// How deep the JSON files we read ourselves (catalogs, styles) may nest, and where a file first
// nests deeper, for the message (docs/robustness.md, "Depth limits"). Header-only: the catalog
// and style loaders live in libraries that share no other code.
//
// nlohmann::json parses and destroys without recursion, so depth alone costs it only memory; the
// limit keeps a file of a million "[" from building a million arrays before anything looks at
// it, and keeps every later walk of a parsed value (copies, dump(), ==, our readers) shallow.

#include <cstddef>
#include <optional>
#include <string_view>

namespace urbangis {

// Catalogs and styles nest four levels ({"layers": [{"title": {"zh": …}}]}); 256 refuses nothing
// a person writes, and is nlohmann's own default for its binary formats' nesting.
inline constexpr int kMaxJsonNesting = 256;

// Thrown by a parse callback when an array or object opens level kMaxJsonNesting + 1; the loader
// catches it and names the place with jsonTooDeepAt.
struct JsonTooDeep {};

struct TextPosition {
  size_t line = 1, column = 1;  // 1-based; columns count UTF-8 characters
};

// Where the "[" or "{" that opens level `limit + 1` stands; nullopt when the text never nests
// that deep. Brackets inside strings are skipped (with their escapes), which is exact on the
// valid JSON before that point: all a parser has read when it stops there.
inline std::optional<TextPosition> jsonTooDeepAt(std::string_view text, int limit) {
  TextPosition at;
  int depth = 0;
  bool inString = false, escaped = false;
  for (const char c : text) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return at;
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return std::nullopt;
}

}  // namespace urbangis
