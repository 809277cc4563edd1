#include "app/viewer_support.h"

#include <QColor>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace viewer_test {

std::filesystem::path copyCatalog(const urbangis::test::TempDir& dir) {
  std::ifstream in(urbangis::test::sourceDir() / "layers" / "daye.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "\"../data/", to = "\"" + urbangis::test::dataDir().string() + "/";
  for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  const std::string style = "\"style\": \"",
                    styleTo = "\"style\": \"" + (urbangis::test::sourceDir() / "styles").string() + "/";
  for (size_t at = 0; (at = text.find(style, at)) != std::string::npos; at += styleTo.size())
    text.replace(at, style.size(), styleTo);
  const auto file = dir.path() / "daye.json";
  std::ofstream(file) << text;
  return file;
}

bool waitForFrame(MainWindow& window) {
  return QTest::qWaitFor([&] { return window.canvas().frameIsCurrent(); }, 20000);
}

bool openAndWait(MainWindow& window, const std::filesystem::path& catalog) {
  bool loaded = false;
  // Disconnected on return: a later reload must not write to `loaded` once it is gone.
  const QMetaObject::Connection connection =
      QObject::connect(&window, &MainWindow::catalogLoaded, [&] { loaded = true; });
  const bool opened = window.openCatalog(catalog, true) && QTest::qWaitFor([&] { return loaded; }, 30000);
  QObject::disconnect(connection);
  return opened && waitForFrame(window);
}

double inkShare(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t ink = 0;
  for (int y = 0; y < rgb.height(); y += 2)
    for (int x = 0; x < rgb.width(); x += 2)
      if (rgb.pixel(x, y) != qRgb(0xFA, 0xFA, 0xF8)) ++ink;
  return static_cast<double>(ink) / (rgb.width() / 2.0 * rgb.height() / 2.0);
}

size_t markerPixels(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t ink = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) ink += rgb.pixel(x, y) != qRgb(0xFA, 0xFA, 0xF8) ? 1 : 0;
  return ink;
}

size_t yellowPixels(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  size_t count = 0;
  for (int y = 0; y < rgb.height(); ++y)
    for (int x = 0; x < rgb.width(); ++x) {
      const QColor c(rgb.pixel(x, y));
      if (c.red() > 220 && c.green() > 180 && c.blue() < 140) ++count;
    }
  return count;
}

void screenshot(QWidget& window, const char* name) {
  const QByteArray dir = qgetenv("URBANGIS_SCREENSHOTS");
  if (!dir.isEmpty()) window.grab().save(QString::fromUtf8(dir) + "/" + name);
}

QTreeWidgetItem* layerItem(LayerPanel& panel, const QString& id) {
  for (int i = 0; i < panel.topLevelItemCount(); ++i)
    if (panel.topLevelItem(i)->data(0, Qt::UserRole).toString() == id) return panel.topLevelItem(i);
  return nullptr;
}

std::filesystem::path copyCatalogWithData(const urbangis::test::TempDir& dir) {
  namespace fs = std::filesystem;
  fs::copy(urbangis::test::sourceDir() / "layers", dir.path() / "layers", fs::copy_options::recursive);
  fs::copy(urbangis::test::sourceDir() / "styles", dir.path() / "styles", fs::copy_options::recursive);
  fs::copy(urbangis::test::dataDir(), dir.path() / "data", fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(dir.path() / "layers"))  // a state left by someone's viewer
    if (entry.path().string().ends_with(".viewer.json")) fs::remove(entry.path());
  return dir.path() / "layers" / "daye.json";
}

std::map<std::string, std::string> treeFingerprints(const std::filesystem::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
    if (entry.is_regular_file())
      files[std::filesystem::relative(entry.path(), folder).string()] =
          urbangis::test::fileFingerprint(entry.path()) + " @" +
          std::to_string(entry.last_write_time().time_since_epoch().count());
  return files;
}

MapView canvasView(const MapCanvas& canvas) {
  return MapView(canvas.visibleExtent(), QRectF(0, 0, canvas.width(), canvas.height()), 96);
}

void doubleClick(QWidget& widget, QPoint at) {
  QTest::mouseClick(&widget, Qt::LeftButton, Qt::NoModifier, at);
  QTest::mouseDClick(&widget, Qt::LeftButton, Qt::NoModifier, at);
}

void drawPolygon(MapCanvas& canvas, const std::vector<QPoint>& corners, bool closeWithEnter) {
  for (size_t i = 0; i + 1 < corners.size(); ++i)
    QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, corners[i]);
  if (closeWithEnter) {
    QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, corners.back());
    QTest::keyClick(&canvas, Qt::Key_Return);
  } else {
    doubleClick(canvas, corners.back());
  }
}

size_t cyanPixels(const QImage& image) {
  size_t cyan = 0;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) {
      const QColor c(image.pixel(x, y));
      if (c.red() < 60 && c.green() > 150 && c.blue() > 190) ++cyan;
    }
  return cyan;
}

const DrawFeature* featureLabelled(const DocumentLayer& layer, const std::string& label) {
  for (const DrawFeature& feature : layer.rendered->features)
    if (feature.label == label) return &feature;
  return nullptr;
}

std::vector<int64_t> sorted(std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace viewer_test
