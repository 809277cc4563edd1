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
  // Qt 6.4 shapes Latin runs of Noto Sans CJK (digits included) into glyphs its PDF engine writes
  // without a ToUnicode entry: "840 cases" prints right, but pdftotext, search and copy lose the
  // digits. Simple runs unshaped keep every character; CJK needs no shaping.
  font.setStyleStrategy(QFont::PreferNoShaping);
  return font;
}

}  // namespace urbangis
