// The viewer tests: a QApplication (a real window under xvfb-run in CTest, or offscreen), then
// Catch2. Asked for the [postgis] tests, it first takes the PostGIS test cluster's settings (or
// exits 77, skipped, without one).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>

#include <string>

#include "postgis/postgis_support.h"

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication application(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("UrbanGIS-tests"));
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).find("[postgis]") != std::string::npos)
      if (const int status = urbangis::test::usePgTestCluster(); status != 0) return status;
  return Catch::Session().run(argc, argv);
}
