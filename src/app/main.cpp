// urbangis-viewer [CATALOG] [--snapshot FILE.png]: the map viewer. Without a catalog it opens the
// embedded Daye one. The UI follows the system locale (zh_* gives Chinese) unless the user chose
// in the menu. --snapshot saves the window as the screen shows it once the catalog has loaded
// and the map is drawn, then exits (as QGIS's --snapshot): for checking an installation
// headless under xvfb, and for documentation screenshots.

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <cstdio>

#include "app/main_window.h"
#include "app/map_canvas.h"
#include "io/catalog/resources.h"

namespace {

// Saves the window's pixels (from the screen, not a re-render) to `file` when the map is drawn
// after the catalog has loaded; quits with 0, or 1 when that fails or takes over two minutes.
void snapshotWhenDrawn(urbangis::viewer::MainWindow& window, const QString& file) {
  auto save = [&window, file] {
    if (!window.canvas().frameIsCurrent()) return;  // a later frame will come
    window.repaint();
    const QPixmap pixels = window.screen()->grabWindow(window.winId());
    const bool saved = !pixels.isNull() && pixels.save(file, "PNG");
    if (!saved) std::fprintf(stderr, "urbangis-viewer: cannot save the snapshot %s\n", qPrintable(file));
    QApplication::exit(saved ? 0 : 1);
  };
  QObject::connect(&window, &urbangis::viewer::MainWindow::catalogLoaded, &window, [&window, save] {
    QObject::connect(&window.canvas(), &urbangis::viewer::MapCanvas::frameRendered, &window, save,
                     Qt::QueuedConnection);
    QTimer::singleShot(0, &window, save);  // the frame may be current already
  });
  QTimer::singleShot(120000, &window, [] {
    std::fprintf(stderr, "urbangis-viewer: the map was not drawn within two minutes; no snapshot\n");
    QApplication::exit(1);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("UrbanGIS"));
  QApplication::setApplicationName(QStringLiteral("urbangis-viewer"));
  QApplication::setApplicationVersion(QStringLiteral(URBANGIS_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("urbangis-viewer"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("UrbanGIS map viewer"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption snapshot(QStringLiteral("snapshot"),
                                    QStringLiteral("Save the window to FILE once the map is drawn, then exit."),
                                    QStringLiteral("FILE"));
  parser.addOption(snapshot);
  parser.addPositionalArgument(QStringLiteral("catalog"), QStringLiteral("The layer catalog to open (default: Daye)."),
                               QStringLiteral("[CATALOG]"));
  parser.process(application);

  const QString saved = QSettings().value("language").toString();
  const std::string language = !saved.isEmpty()
                                   ? saved.toStdString()
                                   : (QLocale::system().name().startsWith(QStringLiteral("zh")) ? "zh" : "en");
  urbangis::viewer::MainWindow window(language);
  const QStringList positionals = parser.positionalArguments();
  const std::filesystem::path catalog =
      !positionals.isEmpty() ? std::filesystem::path(positionals[0].toStdString()) : urbangis::defaultCatalog();
  if (parser.isSet(snapshot)) snapshotWhenDrawn(window, parser.value(snapshot));
  window.show();
  if (!window.openCatalog(catalog, parser.isSet(snapshot)) && parser.isSet(snapshot)) {
    std::fprintf(stderr, "urbangis-viewer: %s\n", qPrintable(window.lastError()));
    return 1;
  }
  const int code = QApplication::exec();
  if (!parser.isSet(snapshot)) QSettings().setValue("language", QString::fromStdString(window.language()));
  return code;
}
