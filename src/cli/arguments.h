#pragma once
// A small command-line parser: positionals, `--name value`, `--name=value` and switches.
// Unknown options are errors (typos must not pass silently).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace urbangis::cli {

class Arguments {
 public:
  // `valued` are options that take a value, `switches` those that do not.
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& switches);

  const std::vector<std::string>& positionals() const { return positionals_; }
  // The value of an option (the last one when it is given several times).
  std::optional<std::string> value(const std::string& name) const;
  // Every value of a repeatable option (--via A --via B), in order.
  std::vector<std::string> values(const std::string& name) const;
  bool has(const std::string& name) const { return switches_.count(name) > 0; }

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> switches_;
};

// A finite decimal number that is the whole of `text` ("12", "0.5", "1e3"; not "12m", "inf"):
// what every numeric option reads before checking its own range.
std::optional<double> parseNumber(const std::string& text);

// The non-empty items of a comma-separated list (--layers a,b,c).
std::vector<std::string> splitList(const std::string& text);

}  // namespace urbangis::cli
