#include "core/redact.h"

#include <regex>

namespace urbangis {

std::string redactSecrets(const std::string& text) {
  static const std::regex kKeyword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s'",;)]+))", std::regex::icase);
  static const std::regex kUri(R"((postgres(?:ql)?://[^:/@\s]*):[^@\s]*@)", std::regex::icase);
  std::string result = std::regex_replace(text, kKeyword, "$1***");
  return std::regex_replace(result, kUri, "$1:***@");
}

}  // namespace urbangis
