#include "cli/command_spec.h"

#include <algorithm>

namespace urbangis::cli {

const std::vector<OptionSpec>& commonOptions() {
  static const std::vector<OptionSpec> options{
      {"help", "", "Print this help (usage, every option, examples, exit codes) and exit."},
      {"quiet", "", "Print nothing on stderr but errors: no progress, notes or warnings."},
      {"progress", "",
       "Print progress lines on stderr even when it is not a terminal (a log file, a pipe); by default "
       "progress shows on a terminal only."},
  };
  return options;
}

const OptionSpec* findOption(const CommandSpec& spec, const std::string& name) {
  for (const auto* options : {&spec.options, &commonOptions()})
    for (const OptionSpec& option : *options) {
      const auto& aliases = option.deprecatedAliases;
      if (option.name == name || std::find(aliases.begin(), aliases.end(), name) != aliases.end()) return &option;
    }
  return nullptr;
}

}  // namespace urbangis::cli
