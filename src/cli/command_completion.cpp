// urbangis completion bash|zsh: the shell completion script, on stdout.

#include <iostream>

#include "cli/commands.h"
#include "cli/shell_completion.h"
#include "core/error.h"

namespace urbangis::cli {
namespace {

int runCompletion(const Arguments& arguments) {
  const auto& positionals = arguments.positionals();
  if (positionals.size() != 1) throw InputError("completion needs one shell: bash or zsh");
  if (positionals[0] == "bash")
    std::cout << bashCompletion(commands());
  else if (positionals[0] == "zsh")
    std::cout << zshCompletion(commands());
  else
    throw InputError("completion: \"" + positionals[0] + "\" is not a shell urbangis completes; use bash or zsh");
  return 0;
}

}  // namespace

Command completionCommand() {
  CommandSpec spec{
      "completion",
      "bash|zsh",
      "The shell completion script for bash or zsh, on stdout.",
      "The Debian package installs both; from a build, load one into the running shell.",
      {},
      {
          {"source <(urbangis completion bash)", "Tab-complete urbangis in this bash session."},
          {"urbangis completion zsh > ~/.zfunc/_urbangis", "For zsh, with ~/.zfunc on $fpath before compinit."},
      },
      ValueKind::text,
      {"bash", "zsh"}};
  return {std::move(spec), &runCompletion};
}

}  // namespace urbangis::cli
