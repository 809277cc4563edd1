#pragma once
// The CLI's commands: each parses its own arguments and makes one call into the libraries.
// They return the process exit code and throw InputError for bad input (exit code 2).

#include <string>
#include <vector>

namespace urbangis::cli {

int runInfo(const std::vector<std::string>& args);
int runStats(const std::vector<std::string>& args);
int runConvert(const std::vector<std::string>& args);
int runHotspot(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runRouteCommand(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runReport(const std::vector<std::string>& args);
int runLoad(const std::vector<std::string>& args);
int runGrid(const std::vector<std::string>& args);
int runCache(const std::vector<std::string>& args);
int runCatalog(const std::vector<std::string>& args);
int runWebmap(const std::vector<std::string>& args);

}  // namespace urbangis::cli
