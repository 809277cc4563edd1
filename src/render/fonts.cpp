#include "render/fonts.h"

#include <QFontDatabase>
#include <QStringList>

#include <algorithm>

namespace urbangis {
namespace {

constexpr const char* kCjkFamily = "Noto Sans CJK SC";

}  // namespace

bool cjkFontAvailable() { return QFontDatabase::families().contains(kCjkFamily); }

QFont mapFont(double pixelSize, bool bold) {
  QFont font(kCjkFamily);
  font.setStyleHint(QFont::SansSerif);
  font.setPixelSize(std::max(1, static_cast<int>(pixelSize + 0.5)));
  font.setBold(bold);
  return font;
}

}  // namespace urbangis
