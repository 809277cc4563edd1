// The PostGIS tests' main: they run against the throwaway cluster the CTest fixture starts
// (scripts/pg-test-cluster.sh, state in URBANGIS_PG_TEST_STATE). Without one they exit 77, which
// CTest shows as skipped -- unless CI=true, where a missing cluster fails them.

#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <string>

#include "postgis/postgis_support.h"

int main(int argc, char** argv) {
  bool listing = false;
  for (int i = 1; i < argc; ++i) listing = listing || std::string(argv[i]).rfind("--list", 0) == 0;
  if (!listing)
    if (const int status = urbangis::test::usePgTestCluster(); status != 0) return status;
  return Catch::Session().run(argc, argv);
}
