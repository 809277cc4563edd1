// The PostGIS tests' main: they run against the throwaway cluster the CTest fixture starts
// (scripts/pg-test-cluster.sh, state in URBANGIS_PG_TEST_STATE). Without one they exit 77, which
// CTest shows as skipped -- unless CI=true, where a missing cluster fails them.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "postgis/postgis_support.h"

int main(int argc, char** argv) {
  bool listing = false;
  for (int i = 1; i < argc; ++i) listing = listing || std::string(argv[i]).rfind("--list", 0) == 0;
  if (!listing) {
    std::ifstream env(urbangis::test::pgStateDir() / "env");
    if (!env) {
      const char* ci = std::getenv("CI");
      const bool inCi = ci && (std::string(ci) == "true" || std::string(ci) == "TRUE" || std::string(ci) == "True");
      std::cerr << (inCi ? "error" : "SKIPPED") << ": no PostGIS test cluster in " << urbangis::test::pgStateDir()
                << " (the CTest fixture postgis.cluster_start starts one: see docs/postgis.md)"
                << (inCi ? "; CI=true, so this is a failure\n" : "\n");
      return inCi ? 1 : 77;
    }
    std::string line;
    while (std::getline(env, line)) {
      const auto equals = line.find('=');
      if (equals != std::string::npos) setenv(line.substr(0, equals).c_str(), line.substr(equals + 1).c_str(), 1);
    }
  }
  return Catch::Session().run(argc, argv);
}
