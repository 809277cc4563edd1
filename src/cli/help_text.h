#pragma once
// `--help` text, printed from the command specs (cli/command_spec.h).

#include <string>
#include <vector>

#include "cli/commands.h"

namespace urbangis::cli {

struct ExitCode {
  int code;
  std::string brief;   // "success"
  std::string detail;  // a sentence for the man page and the overview
};

// The exit codes every command uses.
const std::vector<ExitCode>& exitCodes();

// `urbangis --help`: the commands with their summaries, the common options and the exit codes.
std::string overviewHelp(const std::vector<Command>& commands);

// `urbangis COMMAND --help`: usage, description, every option, examples, exit codes, and the
// command's subcommands among `commands` (route: tour, graph).
std::string commandHelp(const CommandSpec& spec, const std::vector<Command>& commands);

// The commands whose path continues `path` ("route" → "route tour", "route graph").
std::vector<const Command*> subcommandsOf(const std::string& path, const std::vector<Command>& commands);

// `urbangis hotspot --help` and the like: the subcommands of a group.
std::string groupHelp(const std::string& group, const std::vector<Command>& commands);

// `text` wrapped at `width` columns, every line after the first indented by `indent` spaces.
std::string wrapped(const std::string& text, size_t indent, size_t width = 100);

// An option as the help shows it: "--by ZONES", "-h, --help".
std::string optionLabel(const OptionSpec& option);

// The option's help with what the spec adds: its allowed values and former spellings.
std::string optionHelp(const OptionSpec& option);

}  // namespace urbangis::cli
