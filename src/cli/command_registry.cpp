#include "cli/commands.h"

namespace urbangis::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all{
      infoCommand(),        statsCommand(),  hotspotKdeCommand(), hotspotHexbinCommand(), hotspotGistarCommand(),
      exportCommand(),      routeCommand(),  routeTourCommand(),  routeGraphCommand(),    renderCommand(),
      webmapCommand(),      reportCommand(), gridCommand(),       loadCommand(),          convertCommand(),
      catalogInitCommand(), cacheCommand(),  completionCommand(),
  };
  return all;
}

}  // namespace urbangis::cli
