#include "render/render_support.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>

#include "core/progress.h"
#include "io/catalog/catalog_loader.h"
#include "render/catalog_layers.h"
#include "test_support.h"

namespace urbangis::test {

const Catalog& dayeCatalogLoaded() {
  static const Catalog catalog = loadCatalog(dayeCatalog());
  return catalog;
}

const CrsSpec& dayeWorkingCrs() {
  static const CrsSpec working = mapCrsFor(dayeCatalogLoaded());
  return working;
}

const RenderLayer& dayeLayer(const std::string& id) {
  static std::map<std::string, std::unique_ptr<RenderLayer>> loaded;
  auto& slot = loaded[id];
  if (!slot)
    slot = std::make_unique<RenderLayer>(
        loadRenderLayer(dayeCatalogLoaded().layer(id), dayeWorkingCrs(), "zh", std::nullopt, SilentProgress()));
  return *slot;
}

QColor over(const Rgba& colour, const QColor& background) {
  const double a = colour.a / 255.0;
  auto mix = [a](int top, int bottom) { return static_cast<int>(std::lround(top * a + bottom * (1 - a))); };
  return QColor(mix(colour.r, background.red()), mix(colour.g, background.green()), mix(colour.b, background.blue()));
}

int colourDistance(const QColor& a, const QColor& b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

QColor pixelAt(const QImage& image, double x, double y) {
  return image.pixelColor(static_cast<int>(std::floor(x)), static_cast<int>(std::floor(y)));
}

double differingFraction(const QImage& a, const QImage& b, int tolerance) {
  const QImage left = a.convertToFormat(QImage::Format_ARGB32), right = b.convertToFormat(QImage::Format_ARGB32);
  size_t differing = 0;
  for (int y = 0; y < left.height(); ++y) {
    const auto* l = reinterpret_cast<const QRgb*>(left.constScanLine(y));
    const auto* r = reinterpret_cast<const QRgb*>(right.constScanLine(y));
    for (int x = 0; x < left.width(); ++x)
      if (std::max({std::abs(qRed(l[x]) - qRed(r[x])), std::abs(qGreen(l[x]) - qGreen(r[x])),
                    std::abs(qBlue(l[x]) - qBlue(r[x])), std::abs(qAlpha(l[x]) - qAlpha(r[x]))}) > tolerance)
        ++differing;
  }
  return static_cast<double>(differing) / (static_cast<double>(left.width()) * left.height());
}

void keepForInspection(const QImage& image, const std::string& name) {
  const QByteArray folder = qgetenv("URBANGIS_RENDER_CHECK_DIR");
  if (folder.isEmpty()) return;
  std::error_code ignored;
  std::filesystem::create_directories(folder.toStdString(), ignored);
  image.save(QString::fromUtf8(folder) + QStringLiteral("/") + QString::fromStdString(name));
}

}  // namespace urbangis::test
