#pragma once
// The CLI's reference outside the terminal, printed from the same specs as `--help`: man pages
// (roff, section 1) and the Markdown reference in docs/cli.md.

#include <string>
#include <vector>

#include "cli/commands.h"

namespace urbangis::cli {

struct ManPage {
  std::string fileName;  // "urbangis.1", "urbangis-hotspot-kde.1"
  std::string roff;
};

// urbangis(1) with the command list, common options, environment and exit codes, and one page
// per command.
std::vector<ManPage> manPages(const std::vector<Command>& commands, const std::string& version);

// Every command's usage, options and examples as Markdown (docs/cli.md's generated part).
std::string markdownReference(const std::vector<Command>& commands);

}  // namespace urbangis::cli
