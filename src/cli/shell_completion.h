#pragma once
// Shell completion scripts for bash and zsh, written from the command specs: the commands, each
// one's options, closed value lists, and files or folders where a value is one.

#include <string>
#include <vector>

#include "cli/commands.h"

namespace urbangis::cli {

// A script for bash's `complete` (share/bash-completion/completions/urbangis).
std::string bashCompletion(const std::vector<Command>& commands);

// A `#compdef urbangis` function for zsh's compsys (share/zsh/vendor-completions/_urbangis).
std::string zshCompletion(const std::vector<Command>& commands);

}  // namespace urbangis::cli
