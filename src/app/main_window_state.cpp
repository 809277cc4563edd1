// The viewer's state kept beside the catalog (layers, view, analysis overlays) and the recent
// catalogs of the File menu.

#include "app/analysis_panel.h"
#include "app/layer_panel.h"
#include "app/legend_widget.h"
#include "app/main_window.h"
#include "app/map_canvas.h"
#include "app/month_slider.h"
#include "io/values/timestamps.h"

#include <QMenu>
#include <QSettings>

namespace urbangis::viewer {

void MainWindow::applySavedState(const std::optional<ViewerState>& state) {
  restoring_ = true;
  if (state) {
    for (const LayerState& layer : state->layers) {
      const QString id = QString::fromStdString(layer.id);
      savedOrder_.push_back(id);
      if (!document_.find(id)) {
        awaitedLayers_.push_back(layer);
        continue;
      }
      document_.setVisible(id, layer.visible);
      document_.setOpacity(id, layer.opacity);
    }
    if (!savedOrder_.empty()) document_.reorder(savedOrder_);
  }
  restoring_ = false;
  layerPanel_->rebuild(language_);
  legend_->update();
  if (state && state->extent)
    canvas_->zoomTo(*state->extent);
  else
    canvas_->zoomToFullExtent();
}

// An analysis overlay saved with the state arrives when it has been computed again: it gets
// its saved visibility, opacity and place.
void MainWindow::applyAwaitedLayerStates() {
  bool arrived = false;
  for (auto it = awaitedLayers_.begin(); it != awaitedLayers_.end();) {
    const QString id = QString::fromStdString(it->id);
    if (!document_.find(id)) {
      ++it;
      continue;
    }
    document_.setVisible(id, it->visible);
    document_.setOpacity(id, it->opacity);
    it = awaitedLayers_.erase(it);
    arrived = true;
  }
  if (arrived) document_.reorder(savedOrder_);
}

void MainWindow::saveState() {
  if (!document_.isOpen() || !stateApplied_ || catalogFile_.empty()) return;  // a catalog not saved yet
  ViewerState state;
  state.language = language_;
  state.extent = canvas_->visibleExtent();
  for (const DocumentLayer& layer : document_.layers())
    state.layers.push_back({layer.spec->id, layer.visible, layer.opacity});
  // Overlays still being computed again keep their saved place, visibility and opacity.
  state.layers.insert(state.layers.end(), awaitedLayers_.begin(), awaitedLayers_.end());
  state.choropleth = analysisPanel_->choropleth();
  state.hotspots = analysisPanel_->hotspots();
  if (const std::optional<int32_t> month = monthSlider_->month()) state.month = monthKeyText(*month);
  saveViewerState(catalogFile_, state);
}

void MainWindow::addRecent(const QString& file) {
  QSettings settings;
  QStringList recent = settings.value("recentCatalogs").toStringList();
  recent.removeAll(file);
  recent.prepend(file);
  while (recent.size() > 8) recent.removeLast();
  settings.setValue("recentCatalogs", recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentCatalogs").toStringList();
  for (const QString& file : recent)
    recentMenu_->addAction(file, this, [this, file] { openCatalog(file.toStdString()); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

}  // namespace urbangis::viewer
