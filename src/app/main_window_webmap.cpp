// File → Export web map…: what the window shows (the view, its layers switched on or off, the
// choropleth, the hot spots, the month, the route or tour) as one HTML page (src/webmap),
// written in the background with progress and Cancel.

#include "app/main_window.h"

#include <QProgressDialog>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>

#include "app/analysis_panel.h"
#include "app/flag_progress.h"
#include "app/map_canvas.h"
#include "app/month_slider.h"
#include "app/route_panel.h"
#include "core/error.h"
#include "io/outputs/table_writer.h"
#include "webmap/web_map_builder.h"
#include "webmap/web_page.h"

namespace urbangis::viewer {

WebMapRequest MainWindow::webMapRequest() const {
  WebMapRequest request;
  request.language = language_;
  const Catalog& catalog = document_.catalog();
  for (const DocumentLayer& layer : document_.layers()) {
    if (!catalog.find(layer.spec->id)) continue;  // analysis overlays: asked for below
    request.layers.push_back(layer.spec->id);
    if (!layer.visible) request.hidden.push_back(layer.spec->id);
  }
  if (const std::optional<ChoroplethState> choropleth = analysisPanel_->choropleth()) {
    request.choroplethZones = choropleth->zones;
    request.choroplethColumn = choropleth->column;
    request.classes.method = parseClassMethod(choropleth->method).value_or(ClassMethod::jenks);
    request.classes.count = choropleth->classes;
    request.classes.palette = choropleth->palette;
  }
  for (const HotspotState& hotspot : analysisPanel_->hotspots())
    if (const auto method = parseHotspotMethod(hotspot.method)) request.hotspots.emplace_back(*method, hotspot.layer);
  request.month = monthSlider_->month();
  // The view's corners in lon/lat (a rotated projection would need more; a working CRS is not).
  const MapExtent view = canvas_->visibleExtent();
  double x[2] = {view.minX, view.maxX}, y[2] = {view.minY, view.maxY};
  if (cursor_ && cursor_->toLonLat.applyLenient(x, y, 2) == 0 && std::isfinite(x[0]) && std::isfinite(x[1]))
    request.view = std::array<double, 4>{x[0], y[0], x[1], y[1]};
  return request;
}

void MainWindow::exportWebMap(const QString& file) {
  if (!document_.isOpen() || webMapWatcher_.isRunning()) return;
  WebMapRequest request = webMapRequest();
  const Catalog catalog = document_.catalog();
  std::optional<OutputTable> route;
  if (routePanel_->outcome() && !routePanel_->outcome()->table.rows.empty()) route = routePanel_->outcome()->table;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* dialog = new QProgressDialog(tr("Writing the web map…"), tr("Cancel"), 0, 100, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  dialog->setMinimumDuration(300);
  dialog->setAutoClose(false);
  dialog->setAutoReset(false);
  connect(dialog, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
  webMapDialog_ = dialog;
  // The dialog's bar follows; stages of unknown length leave it where it is.
  const PostedProgress<QProgressDialog> progress(
      QPointer<QProgressDialog>(dialog),
      [](QProgressDialog& bar, double fraction) {
        if (fraction >= 0) bar.setValue(static_cast<int>(std::lround(fraction * 100)));
      },
      cancel);
  const std::filesystem::path target = file.toStdString();
  webMapWatcher_.setFuture(QtConcurrent::run([catalog, request, route, progress, target]() mutable -> QString {
    try {
      QTemporaryDir scratch;
      if (!scratch.isValid()) return tr("Cannot make a temporary folder");
      const std::filesystem::path folder = scratch.path().toStdString();
      if (route) {  // the route panel's result, handed to the page as a file like `--route`
        request.route = folder / "route.gpkg";
        writeTable(*route, *request.route, {});
      }
      const WebMapData map = buildWebMap(catalog, request, folder, progress);
      progress.checkCancelled();
      writeWebMap(map.data, target, map.inputs);
      return {};
    } catch (const Cancelled&) {
      return tr("Cancelled");
    } catch (const std::exception& error) {
      return QString::fromStdString(error.what());
    }
  }));
}

void MainWindow::webMapWritten() {
  const QString error = webMapWatcher_.result();
  if (webMapDialog_) webMapDialog_->close();
  if (error.isEmpty()) statusBar()->showMessage(tr("Wrote the web map"), 8000);
  emit webMapExported(error);
}

}  // namespace urbangis::viewer
