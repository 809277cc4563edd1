#pragma once
// The fonts maps are lettered in: Noto Sans CJK (Debian fonts-noto-cjk) so Chinese renders as
// characters, not boxes, on every machine with the package.

#include <QFont>

namespace urbangis {

// A sans-serif font with CJK glyphs at `pixelSize`; `bold` for titles.
QFont mapFont(double pixelSize, bool bold = false);

// True when the CJK family is installed (else Qt falls back, and Chinese may show as boxes).
bool cjkFontAvailable();

}  // namespace urbangis
