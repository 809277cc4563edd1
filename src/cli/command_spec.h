#pragma once
// What a command accepts, said once: the parser reads options from it, and `--help`, the man
// pages, the shell completions and docs/cli.md's reference are all printed from it, so none of
// them can name an option the command does not take or miss one it does.

#include <string>
#include <vector>

namespace urbangis::cli {

// What a shell may complete an option's value (or a positional) with.
enum class ValueKind { text, file, directory, layer };

struct OptionSpec {
  std::string name;   // without "--"
  std::string value;  // the value's placeholder ("ZONES"); empty for a switch
  std::string help;   // English sentences, wrapped when printed
  bool repeatable = false;
  ValueKind kind = ValueKind::text;
  std::vector<std::string> choices = {};  // the only values allowed, when the list is closed
  // Earlier spellings still accepted for one release, each with a note on stderr (docs/cli.md).
  std::vector<std::string> deprecatedAliases = {};
};

struct Example {
  std::string command;  // a whole command line, starting with "urbangis"
  std::string what;     // what it does, one sentence
};

struct CommandSpec {
  std::string path;      // "stats", "hotspot kde", "route tour"
  std::string synopsis;  // what follows the path in the usage line
  std::string summary;   // one line, for the command list
  std::string description;
  std::vector<OptionSpec> options;
  std::vector<Example> examples;
  ValueKind positional = ValueKind::layer;          // layer: a catalog, data file or folder
  std::vector<std::string> positionalChoices = {};  // the only positionals allowed, when the list is closed
};

// The options every command takes, after its own.
const std::vector<OptionSpec>& commonOptions();

// The option named `name` (or one of its deprecated aliases) in `spec` or the common options;
// nullptr when there is none.
const OptionSpec* findOption(const CommandSpec& spec, const std::string& name);

}  // namespace urbangis::cli
