// Chinese names on maps are characters, not the boxes a font without CJK glyphs draws.

#include <catch2/catch.hpp>

#include <QFontDatabase>
#include <QFontInfo>
#include <QImage>
#include <QPainter>

#include "render/fonts.h"
#include "render/render_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

QImage lettered(const QString& text, const QFont& font) {
  QImage image(320, 80, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  painter.setFont(font);
  painter.setPen(Qt::black);
  painter.drawText(QPointF(10, 56), text);
  painter.end();
  return image;
}

int inkPixels(const QImage& image) {
  int ink = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) ink += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
  return ink;
}

// A family installed here that has no Chinese glyphs.
QString familyWithoutCjk() {
  const QStringList families = QFontDatabase::families();
  if (families.contains(QStringLiteral("DejaVu Sans"))) return QStringLiteral("DejaVu Sans");
  for (const QString& family : families)
    if (!QFontDatabase::writingSystems(family).contains(QFontDatabase::SimplifiedChinese) &&
        QFontDatabase::writingSystems(family).contains(QFontDatabase::Latin))
      return family;
  return {};
}

}  // namespace

TEST_CASE("Chinese place names render as characters in the map font, not as boxes", "[render]") {
  REQUIRE(cjkFontAvailable());
  const QFont font = mapFont(40);
  CHECK(QFontInfo(font).family() == QStringLiteral("Noto Sans CJK SC"));
  CHECK(QFontInfo(font).pixelSize() == 40);

  const QString name = QStringLiteral("金湖街道");
  const QImage chinese = lettered(name, font);
  keepForInspection(chinese, "cjk_text.png");
  const int ink = inkPixels(chinese);
  CHECK(ink > 400);

  // Each character is its own glyph: four boxes would all look alike.
  std::vector<QImage> characters;
  for (const QChar character : name) characters.push_back(lettered(QString(character), font));
  for (size_t i = 0; i < characters.size(); ++i)
    for (size_t j = i + 1; j < characters.size(); ++j) {
      INFO("characters " << i << " and " << j);
      CHECK(differingFraction(characters[i], characters[j], 64) > 0.01);
    }

  // The same text in a font without CJK glyphs (and no fallback) comes out differently: boxes.
  const QString family = familyWithoutCjk();
  REQUIRE_FALSE(family.isEmpty());
  INFO("font without CJK glyphs: " << family.toStdString());
  QFont plain(family);
  plain.setPixelSize(40);
  plain.setStyleStrategy(QFont::NoFontMerging);
  const QImage boxes = lettered(name, plain);
  keepForInspection(boxes, "cjk_text_without_cjk_font.png");
  const double differing = differingFraction(chinese, boxes, 64);
  CHECK(differing > 0.05);
  CHECK(differing * chinese.width() * chinese.height() > 0.5 * ink);
}
