#pragma once
// The Qt GUI application that `render` and `report` need to draw maps and documents: offscreen
// unless QT_QPA_PLATFORM says otherwise (no display needed), with a warning on stderr when the
// CJK font is missing and Chinese would show as boxes.

#include <QGuiApplication>

namespace urbangis::cli {

class OffscreenGui {
 public:
  OffscreenGui();
  OffscreenGui(const OffscreenGui&) = delete;
  OffscreenGui& operator=(const OffscreenGui&) = delete;

 private:
  // QGuiApplication keeps references to these: they must outlive it, so they come first.
  int argc_ = 1;
  char name_[9] = "urbangis";
  char* argv_[2] = {name_, nullptr};
  QGuiApplication application_;
};

}  // namespace urbangis::cli
