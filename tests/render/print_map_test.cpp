// Print maps: a PNG page with its white margin, title, framed map and a round scale bar; a PDF
// page whose text is text (searchable, Chinese intact) and whose map is vector, not an image.

#include <catch2/catch.hpp>

#include <QImage>
#include <QString>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "render/decorations.h"
#include "render/fonts.h"
#include "render/print_export.h"
#include "render/render_support.h"
#include "test_support.h"

using namespace urbangis;
using namespace urbangis::test;

namespace {

bool isRound(double metres) {
  const double power = std::pow(10.0, std::floor(std::log10(metres) + 1e-9));
  const double leading = metres / power;
  return std::abs(leading - 1) < 1e-9 || std::abs(leading - 2) < 1e-9 || std::abs(leading - 5) < 1e-9;
}

int darkPixels(const QImage& image, const QRect& area) {
  int dark = 0;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x) dark += qGray(image.pixel(x, y)) < 96 ? 1 : 0;
  return dark;
}

}  // namespace

TEST_CASE("scale bars are 1, 2 or 5 times a power of ten and about a fifth of the map", "[render]") {
  for (double width : {3.0, 70.0, 999.0, 1000.0, 1234.5, 48000.0, 51000.0, 250000.0, 3.3e6})
    for (double pixels : {200.0, 777.0, 1600.0}) {
      const MapView view(MapExtent{0, 0, width, width / 2}, QRectF(0, 0, pixels, pixels / 2), 96);
      const double metres = scaleBarMetres(view);
      const double fifth = view.frame().width() * view.unitsPerPixel() / 5;
      INFO("map " << width << " m over " << pixels << " px: bar " << metres << " m");
      CHECK(isRound(metres));
      CHECK(metres <= fifth * (1 + 1e-12));
      CHECK(metres * 2.5 > fifth);
    }
}

TEST_CASE("a PNG print map has a white margin, a dark title, and a framed map", "[render]") {
  const TempDir temp;
  PrintMap map;
  map.title = QStringLiteral("大冶市测试地图");
  map.sourceNote = QStringLiteral("数据来源：测试");
  map.crsText = QStringLiteral("坐标系 EPSG:4547");
  map.dateText = QStringLiteral("制图日期 2024-01-01");
  const RenderLayer& districts = dayeLayer("districts");
  const RenderLayer& roads = dayeLayer("roads");
  map.layers = {{&districts, 1.0}, {&roads, 1.0}};
  map.extent = MapExtent{districts.minX, districts.minY, districts.maxX, districts.maxY}.grownBy(0.02);
  const std::filesystem::path file = temp.path() / "map.png";
  const QSize size(1600, 1130);
  const PrintResult result = exportPrintMap(map, file, size, 150, {});
  REQUIRE(std::filesystem::exists(file));
  // Written atomically: nothing else is left in the folder.
  CHECK(std::distance(std::filesystem::directory_iterator(temp.path()), std::filesystem::directory_iterator()) == 1);
  const QImage page(QString::fromStdString(file.string()));
  REQUIRE(page.size() == size);
  keepForInspection(page, "print_map.png");
  CHECK(result.frame.featuresDrawn > 0);

  // The margin (3.5 % of the short side) is white all round.
  const int margin = static_cast<int>(std::floor(std::min(size.width(), size.height()) * 0.035)) - 1;
  for (int y = 0; y < size.height(); ++y)
    for (int x = 0; x < size.width(); ++x) {
      if (x >= margin && y >= margin && x < size.width() - margin && y < size.height() - margin) continue;
      INFO("margin pixel " << x << "," << y);
      REQUIRE(page.pixelColor(x, y) == QColor(Qt::white));
    }

  // The title, top left above the map, is dark text.
  const QRectF frame = result.mapFrame;
  REQUIRE(frame.top() > margin + 20);
  const QRect titleBand(margin + 1, margin + 1, static_cast<int>(frame.width() / 2),
                        static_cast<int>(frame.top()) - margin - 2);
  const int titleInk = darkPixels(page, titleBand);
  CHECK(titleInk > 1000);
  // …and it is the title: a page without one has no ink there.
  PrintMap untitled = map;
  untitled.title.clear();
  exportPrintMap(untitled, temp.path() / "untitled.png", size, 150, {});
  CHECK(darkPixels(QImage(QString::fromStdString((temp.path() / "untitled.png").string())), titleBand) == 0);

  // The map's frame is a dark line on all four sides, with white paper just outside.
  auto darkAcross = [&](double x, double y, bool vertical) {  // the line, within a pixel and a half
    int darkest = 255;
    for (int d = -2; d <= 1; ++d)
      darkest = std::min(darkest, qGray(page.pixel(static_cast<int>(x) + (vertical ? d : 0),
                                                   static_cast<int>(y) + (vertical ? 0 : d))));
    return darkest;
  };
  for (int i = 1; i < 20; ++i) {
    const double fx = frame.left() + frame.width() * i / 20, fy = frame.top() + frame.height() * i / 20;
    INFO("frame sample " << i);
    CHECK(darkAcross(fx, frame.top(), false) < 96);
    CHECK(darkAcross(fx, frame.bottom(), false) < 96);
    CHECK(darkAcross(frame.left(), fy, true) < 96);
    CHECK(darkAcross(frame.right(), fy, true) < 96);
    CHECK(page.pixelColor(static_cast<int>(frame.left()) - 6, static_cast<int>(fy)) == QColor(Qt::white));
  }
}

namespace {

// pdftotext's text of `pdf`, NFKC-normalised: it returns some CJK characters as Kangxi radicals
// (大 as U+2F24), which NFKC maps back.
// (Not every one: 黄 comes back as U+2EE9 and 户 as 戶, so the checks avoid them.)
QString pdfText(const std::filesystem::path& pdf) {
  const ProcessResult text = run("/usr/bin/pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
  INFO(text.err);
  REQUIRE(text.exitCode == 0);
  return QString::fromStdString(text.out).normalized(QString::NormalizationForm_KC);
}

}  // namespace

TEST_CASE("a PDF print map keeps its title and legend as text and its map as vectors", "[render]") {
  REQUIRE(cjkFontAvailable());
  if (!std::filesystem::exists("/usr/bin/pdftotext") || !std::filesystem::exists("/usr/bin/pdfimages"))
    FAIL("pdftotext and pdfimages are missing: install Debian's poppler-utils (scripts/debian-packages.txt)");
  const TempDir temp;
  const std::filesystem::path pdf = temp.path() / "m.pdf";
  const ProcessResult made = run(URBANGIS_CLI, {"render", dayeCatalog().string(), "--out", pdf.string(), "--size",
                                                "1754x1240", "--dpi", "150", "--title", "大冶市测试地图"});
  INFO(made.err);
  REQUIRE(made.exitCode == 0);
  REQUIRE(std::filesystem::exists(pdf));

  const QString text = pdfText(pdf);
  INFO(text.toStdString());
  for (const char* wanted :
       {"大冶市测试地图", "图例", "空中线缆整治", "已完成", "待整治", "店外经营", "燃气隐患", "金湖街道", "公里"})
    CHECK(text.contains(QString::fromUtf8(wanted)));

  // A map of roads and districts lists the road classes.
  const std::filesystem::path roads = temp.path() / "roads.pdf";
  const ProcessResult roadMap = run(URBANGIS_CLI, {"render", dayeCatalog().string(), "--layers", "districts,roads",
                                                   "--out", roads.string(), "--size", "1754x1240", "--dpi", "150"});
  INFO(roadMap.err);
  REQUIRE(roadMap.exitCode == 0);
  const QString roadText = pdfText(roads);
  INFO(roadText.toStdString());
  for (const char* wanted : {"主干道", "次干道", "支路", "乡道", "乡镇街道", "大冶市城市管理地图"})
    CHECK(roadText.contains(QString::fromUtf8(wanted)));

  // Vector: no image anywhere near the size of the page (pdfimages lists every embedded image).
  const ProcessResult images = run("/usr/bin/pdfimages", {"-list", pdf.string()});
  REQUIRE(images.exitCode == 0);
  std::istringstream lines(images.out);
  std::string line;
  std::getline(lines, line), std::getline(lines, line);  // the two header lines
  for (int row = 0; std::getline(lines, line); ++row) {
    std::istringstream fields(line);
    std::string page, number, type;
    long width = 0, height = 0;
    fields >> page >> number >> type >> width >> height;
    INFO("embedded image: " << line);
    CHECK(width * height < 1754L * 1240L / 20);
  }
  // And far smaller than the page as pixels would be.
  CHECK(std::filesystem::file_size(pdf) < 1754u * 1240u * 3u / 4u);
}
