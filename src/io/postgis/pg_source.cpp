#include "io/postgis/pg_source.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <utility>
#include <vector>

#include "core/error.h"

namespace urbangis {
namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool isUri(const std::string& text) {
  const std::string head = lower(text.substr(0, 13));
  return head.rfind("postgresql://", 0) == 0 || head.rfind("postgres://", 0) == 0;
}

struct Pair {
  std::string key, value, raw;  // raw: as written, for rebuilding the string
};

// libpq's keyword = value list: values may be single-quoted with \ escapes.
std::vector<Pair> parsePairs(const std::string& text) {
  std::vector<Pair> pairs;
  size_t i = 0;
  const auto skipSpace = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  while (true) {
    skipSpace();
    if (i >= text.size()) break;
    const size_t start = i;
    Pair pair;
    while (i < text.size() && text[i] != '=' && !std::isspace(static_cast<unsigned char>(text[i])))
      pair.key += text[i++];
    skipSpace();
    if (i < text.size() && text[i] == '=') {
      ++i;
      skipSpace();
      if (i < text.size() && text[i] == '\'') {
        ++i;
        while (i < text.size() && text[i] != '\'') {
          if (text[i] == '\\' && i + 1 < text.size()) ++i;
          pair.value += text[i++];
        }
        if (i < text.size()) ++i;
      } else {
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) pair.value += text[i++];
      }
    }
    pair.raw = text.substr(start, i - start);
    pair.key = lower(pair.key);
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

std::string body(const std::string& source) {
  if (lower(source.substr(0, 3)) == "pg:") return source.substr(3);
  return source;
}

// Keys GDAL's PostgreSQL driver reads itself and libpq would refuse.
bool isGdalKey(const std::string& key) {
  static const char* const kKeys[] = {"schemas",         "active_schema",     "tables",
                                      "list_all_tables", "preludestatements", "closingstatements"};
  return std::any_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; });
}

}  // namespace

bool isPgSource(const std::string& source) { return lower(source.substr(0, 3)) == "pg:" || isUri(source); }

void refusePassword(const std::string& source, const std::string& where) {
  if (!isPgSource(source)) return;
  bool has = false;
  if (isUri(source)) {
    static const std::regex kUriPassword(R"(^postgres(?:ql)?://[^:/@\s]*:[^@\s]*@)", std::regex::icase);
    has = std::regex_search(source, kUriPassword) || lower(source).find("password=") != std::string::npos;
  } else {
    for (const Pair& pair : parsePairs(body(source))) has = has || pair.key == "password";
  }
  if (has)
    throw InputError(where + ": the PostgreSQL source \"" + redactSecrets(source) +
                     "\" holds a password; remove it and give it through PGPASSWORD, ~/.pgpass "
                     "(or PGPASSFILE) or a service file (PGSERVICEFILE with service=NAME), so it "
                     "never lands in catalogs, logs or outputs");
}

std::string libpqConnInfo(const std::string& source) {
  if (isUri(source)) return source;
  std::string info;
  for (const Pair& pair : parsePairs(body(source))) {
    if (isGdalKey(pair.key)) continue;
    info += (info.empty() ? "" : " ") + pair.raw;
  }
  return info;
}

std::string pgSourceSchema(const std::string& source) {
  if (isUri(source)) return {};
  for (const Pair& pair : parsePairs(body(source)))
    if (pair.key == "active_schema" || pair.key == "schemas") {
      const auto comma = pair.value.find(',');
      return pair.value.substr(0, comma);
    }
  return {};
}

}  // namespace urbangis
