// urbangis_render_tests: what a person sees on rendered maps. Qt draws offscreen, so the tests
// need no display; QT_QPA_PLATFORM is set before the application exists.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QGuiApplication>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  const QGuiApplication application(argc, argv);
  return Catch::Session().run(argc, argv);
}
