// urbangis-viewer [CATALOG]: the map viewer. Without a catalog it opens the embedded Daye one.
// The UI follows the system locale (zh_* gives Chinese) unless the user chose in the menu.

#include <QApplication>
#include <QLocale>
#include <QSettings>

#include "app/main_window.h"
#include "io/catalog/resources.h"

int main(int argc, char** argv) {
  QApplication application(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("UrbanGIS"));
  QApplication::setApplicationName(QStringLiteral("urbangis-viewer"));
  const QString saved = QSettings().value("language").toString();
  const std::string language = !saved.isEmpty()
                                   ? saved.toStdString()
                                   : (QLocale::system().name().startsWith(QStringLiteral("zh")) ? "zh" : "en");
  urbangis::viewer::MainWindow window(language);
  const QStringList arguments = QApplication::arguments();
  const std::filesystem::path catalog =
      arguments.size() > 1 ? std::filesystem::path(arguments[1].toStdString()) : urbangis::defaultCatalog();
  window.show();
  window.openCatalog(catalog);
  const int code = QApplication::exec();
  QSettings().setValue("language", QString::fromStdString(window.language()));
  return code;
}
