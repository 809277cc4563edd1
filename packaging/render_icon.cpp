// urbangis-render-icon SVG SIZE OUT.png: the icon at one pixel size, for the desktop's hicolor
// theme (16 … 256 px), rendered at build time so the SVG is the only source.

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: urbangis-render-icon SVG SIZE OUT.png\n");
    return 2;
  }
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
  const int size = std::atoi(argv[2]);
  if (!svg.isValid() || size < 8 || size > 1024) {
    std::fprintf(stderr, "urbangis-render-icon: cannot render %s at %s px\n", argv[1], argv[2]);
    return 2;
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  svg.render(&painter);
  painter.end();
  if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
    std::fprintf(stderr, "urbangis-render-icon: cannot write %s\n", argv[3]);
    return 1;
  }
  return 0;
}
