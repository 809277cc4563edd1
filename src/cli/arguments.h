#pragma once
// The command-line parser: positionals, `--name value`, `--name=value` and switches, as the
// command's spec declares them (cli/command_spec.h). Unknown options are errors (typos must not
// pass silently); a deprecated spelling is read as the option it names, with a note.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/command_spec.h"

namespace urbangis::cli {

class Arguments {
 public:
  // Throws InputError for an unknown option, a missing value or a value given to a switch.
  Arguments(const std::vector<std::string>& args, const CommandSpec& spec);

  const CommandSpec& spec() const { return *spec_; }
  const std::vector<std::string>& positionals() const { return positionals_; }
  // The value of an option (the last one when it is given several times). Asking for an option
  // the spec does not declare is a programming error (std::logic_error).
  std::optional<std::string> value(const std::string& name) const;
  // Every value of a repeatable option (--via A --via B), in order.
  std::vector<std::string> values(const std::string& name) const;
  bool has(const std::string& name) const;

  bool helpRequested() const { return has("help"); }
  // Notes for the deprecated spellings used ("--size is deprecated: use --hex").
  const std::vector<std::string>& deprecations() const { return deprecations_; }
  // Progress lines: on a terminal by default, always with --progress, never with --quiet.
  bool showProgress(bool stderrIsTerminal) const;

 private:
  const OptionSpec& declared(const std::string& name) const;

  const CommandSpec* spec_;
  std::vector<std::string> positionals_;
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> switches_;
  std::vector<std::string> deprecations_;
};

// A finite decimal number that is the whole of `text` ("12", "0.5", "1e3"; not "12m", "inf"):
// what every numeric option reads before checking its own range.
std::optional<double> parseNumber(const std::string& text);

// The non-empty items of a comma-separated list (--layers a,b,c).
std::vector<std::string> splitList(const std::string& text);

}  // namespace urbangis::cli
