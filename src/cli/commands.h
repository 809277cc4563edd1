#pragma once
// The CLI's commands: each declares what it accepts (CommandSpec), reads its arguments and makes
// one call into the libraries. They return the process exit code and throw InputError for bad
// input (exit code 2).

#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/command_spec.h"

namespace urbangis::cli {

struct Command {
  CommandSpec spec;
  int (*run)(const Arguments& arguments);
};

// Every command and subcommand, in the order `urbangis --help` lists them.
const std::vector<Command>& commands();

Command infoCommand();
Command statsCommand();
Command hotspotKdeCommand();
Command hotspotHexbinCommand();
Command hotspotGistarCommand();
Command exportCommand();
Command routeCommand();
Command routeTourCommand();
Command routeGraphCommand();
Command renderCommand();
Command webmapCommand();
Command reportCommand();
Command gridCommand();
Command loadCommand();
Command convertCommand();
Command catalogInitCommand();
Command cacheCommand();
Command completionCommand();

}  // namespace urbangis::cli
