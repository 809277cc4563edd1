#include "cli/offscreen_gui.h"

#include <iostream>

#include "render/fonts.h"

namespace urbangis::cli {
namespace {

// Runs before the application is constructed: the platform plugin is chosen then.
int& argcOffscreen(int& argc) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  return argc;
}

}  // namespace

OffscreenGui::OffscreenGui() : application_(argcOffscreen(argc_), argv_) {
  if (!cjkFontAvailable())
    std::cerr << "urbangis: warning: the font Noto Sans CJK SC is not installed (Debian fonts-noto-cjk); Chinese may "
                 "show as boxes\n";
}

}  // namespace urbangis::cli
