// The main window's own-data part: File → Add layers… and files or folders dropped on the
// window (each layer's role, fields and CRS inferred as `catalog init` infers them), the layer
// properties dialog to correct what was inferred, and File → Save catalog (as).

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>

#include "app/add_layers_dialog.h"
#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/layer_panel.h"
#include "app/layer_properties_dialog.h"
#include "app/legend_widget.h"
#include "app/main_window.h"
#include "app/map_canvas.h"
#include "app/month_counts.h"
#include "app/month_slider.h"
#include "app/postgis_dialog.h"
#include "app/route_panel.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_loader.h"
#include "io/catalog/catalog_with_files.h"
#include "io/catalog/catalog_writer.h"
#include "io/catalog/resources.h"

namespace urbangis::viewer {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> localFiles(const QMimeData& mime) {
  std::vector<fs::path> files;
  for (const QUrl& url : mime.urls())
    if (url.isLocalFile()) files.emplace_back(url.toLocalFile().toStdString());
  return files;
}

// Whether a person must choose: one of the sources holds several layers (a GeoPackage), or a
// folder gave several.
bool hasChoice(const CatalogDraft& draft) { return draft.layers.size() > 1; }

}  // namespace

void MainWindow::addLayers(const std::vector<fs::path>& paths) {
  lastProblems_.clear();
  CatalogDraft draft;
  QApplication::setOverrideCursor(Qt::WaitCursor);
  try {
    draft = draftCatalog({paths, {}, {}});
  } catch (const std::exception& error) {
    QApplication::restoreOverrideCursor();
    lastError_ = QString::fromStdString(error.what());
    statusBar()->showMessage(tr("No layer added: %1").arg(lastError_), 15000);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Add layers"), lastError_, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return;
  }
  QApplication::restoreOverrideCursor();
  for (const std::string& problem : draft.problems) lastProblems_ << QString::fromStdString(problem);
  if (!hasChoice(draft)) {
    addDrafted(std::move(draft.layers), paths.front());
    return;
  }
  auto* dialog = new AddLayersDialog(draft, language_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  const fs::path anchor = paths.front();
  connect(dialog, &QDialog::accepted, this, [this, dialog, layers = draft.layers, anchor]() mutable {
    std::vector<InferredLayer> chosen;
    for (size_t index : dialog->chosen()) chosen.push_back(std::move(layers[index]));
    if (!chosen.empty()) addDrafted(std::move(chosen), anchor);
  });
  dialog->open();  // not exec(): the window stays responsive and tests reach the dialog
}

void MainWindow::addDrafted(std::vector<InferredLayer> layers, const fs::path& anchor) {
  // A layer whose data declares no CRS is drawn in the likeliest one its coordinates suggest,
  // and the person is asked below (without one it could not be drawn, nor a map made of it alone).
  for (InferredLayer& layer : layers)
    if (!layer.spec.crs && !layer.crsCandidates.empty()) {
      layer.spec.crs = parseCrsName(layer.crsCandidates.front());
      lastProblems_ << tr("%1: the data declares no CRS; drawn as %2 until you choose")
                           .arg(QString::fromStdString(layer.spec.id),
                                QString::fromStdString(layer.crsCandidates.front()));
    }
  // The embedded sample is for looking: files added to it start a catalog of their own.
  const bool own = document_.isOpen() && !catalogFile_.empty() &&
                   fs::absolute(catalogFile_).lexically_normal() != fs::absolute(defaultCatalog()).lexically_normal();
  std::optional<Catalog> catalog;
  if (own) catalog = document_.catalog();
  const size_t before = catalog ? catalog->layers.size() : 0;
  std::vector<std::string> ids;
  try {
    ids = addInferredLayers(catalog, layers, fs::is_directory(anchor) ? anchor / "." : anchor);
  } catch (const std::exception& error) {
    lastError_ = QString::fromStdString(error.what());
    QMessageBox::warning(this, tr("Add layers"), lastError_);
    return;
  }
  for (const InferredLayer& layer : layers) {
    QString why;
    for (const Decision& decision : layer.decisions)
      if (decision.key == "role") why = QString::fromStdString(decision.reason);
    roleReasons_[layer.spec.id] = why;
    if (!layer.crsCandidates.empty()) crsCandidates_[layer.spec.id] = layer.crsCandidates;
    // A missing CRS was said above, in the viewer's words (the inference's speak of --crs).
    if (layer.crsCandidates.empty())
      for (const std::string& warning : layer.warnings) lastProblems_ << QString::fromStdString(warning);
  }
  addedIds_ = ids;
  if (own) {
    document_.addLayers(
        std::vector<LayerSpec>(catalog->layers.begin() + static_cast<std::ptrdiff_t>(before), catalog->layers.end()));
  } else {
    saveState();            // of the sample, before it goes
    catalog->file.clear();  // not saved yet: Save catalog asks where
    stateApplied_ = false;
    catalogFile_.clear();
    openDocument(std::move(*catalog), true);
  }
  // A layer without a CRS cannot be drawn: ask for it now, with what its coordinates suggest.
  for (const InferredLayer& layer : layers)
    if (!layer.crsCandidates.empty()) {
      showLayerProperties(QString::fromStdString(layer.spec.id));
      break;
    }
  const QString added = tr("%n layer(s) added", nullptr, static_cast<int>(ids.size()));
  statusBar()->showMessage(lastProblems_.isEmpty() ? added : added + QStringLiteral("; ") + lastProblems_.join("; "),
                           15000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!localFiles(*event->mimeData()).empty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const std::vector<fs::path> files = localFiles(*event->mimeData());
  if (files.empty()) return;
  event->acceptProposedAction();
  addLayers(files);
}

bool MainWindow::saveCatalogAs(const fs::path& file) {
  if (!document_.isOpen()) return false;
  try {
    Catalog catalog = document_.catalog();
    writeCatalog(catalog, file);
    loadCatalog(file);  // what was written must be a catalog the loader takes
  } catch (const std::exception& error) {
    lastError_ = QString::fromStdString(error.what());
    QMessageBox::critical(this, tr("Save catalog"), lastError_);
    return false;
  }
  document_.setCatalogFile(file);
  catalogFile_ = file;
  addRecent(QString::fromStdString(fs::absolute(file).string()));
  saveState();
  retranslate();
  statusBar()->showMessage(tr("Saved %1").arg(QString::fromStdString(file.string())), 10000);
  return true;
}

void MainWindow::saveCatalog() {
  const bool sample =
      fs::absolute(catalogFile_).lexically_normal() == fs::absolute(defaultCatalog()).lexically_normal();
  if (!catalogFile_.empty() && !sample) {
    saveCatalogAs(catalogFile_);
    return;
  }
  const QString file =
      QFileDialog::getSaveFileName(this, tr("Save catalog"), QStringLiteral("city.json"), tr("Catalogs (*.json)"));
  if (!file.isEmpty()) saveCatalogAs(file.toStdString());
}

PostgisDialog* MainWindow::showPostgisDialog() {
  auto* dialog = new PostgisDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    // libpq reads it from the environment; the catalog never sees it.
    if (!dialog->password().isEmpty()) qputenv("PGPASSWORD", dialog->password().toUtf8());
    addLayers({dialog->connection()});
  });
  dialog->open();
  return dialog;
}

LayerPropertiesDialog* MainWindow::showLayerProperties(const QString& id) {
  const DocumentLayer* layer = document_.find(id);
  if (!layer || !document_.catalog().find(id.toStdString())) return nullptr;  // an analysis overlay
  const auto reason = roleReasons_.find(id.toStdString());
  const auto candidates = crsCandidates_.find(id.toStdString());
  auto* dialog = new LayerPropertiesDialog(
      *layer->spec, reason == roleReasons_.end() ? QString() : reason->second, language_,
      candidates == crsCandidates_.end() ? std::vector<std::string>{} : candidates->second, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
    try {
      applyLayerProperties(dialog->edited());
      crsCandidates_.erase(id.toStdString());  // the CRS is the person's now, not a guess
    } catch (const std::exception& error) {
      lastError_ = QString::fromStdString(error.what());
      QMessageBox::warning(this, tr("Layer properties"), lastError_);
    }
  });
  dialog->open();
  return dialog;
}

void MainWindow::applyLayerProperties(const LayerSpec& spec) {
  // The catalog with the layer changed must still be one the loader takes (a role's keys, a
  // field that exists …) before the open one changes.
  Catalog changed = document_.catalog();
  for (LayerSpec& layer : changed.layers)
    if (layer.id == spec.id) layer = spec;
  const fs::path anchor = changed.file.empty() ? fs::current_path() / "catalog.json" : changed.file;
  const Catalog checked = parseCatalog(catalogJson(changed, anchor.parent_path()), anchor);
  const LayerSpec& entry = checked.layer(spec.id);
  if (spec.role != document_.find(QString::fromStdString(spec.id))->spec->role)
    roleReasons_[spec.id] = tr("chosen by you");
  document_.updateLayer(entry);
}

// Added layers have loaded: the panels learn of them and the view shows them.
void MainWindow::finishAddedLayers() {
  attributeTable_->rebuild(language_);
  routePanel_->rebuild(language_);
  analysisPanel_->rebuild(language_);
  monthSlider_->setMonths(monthsPresent(document_.layers()));
  buildSearchIndex();
  layerPanel_->rebuild(language_);
  legend_->update();
  std::optional<MapExtent> shown;
  for (const std::string& id : addedIds_) {
    const DocumentLayer* layer = document_.find(QString::fromStdString(id));
    if (!layer || !layer->rendered || layer->rendered->minX > layer->rendered->maxX) continue;
    const RenderLayer& drawn = *layer->rendered;
    if (!shown) shown = MapExtent{drawn.minX, drawn.minY, drawn.maxX, drawn.maxY};
    shown->minX = std::min(shown->minX, drawn.minX), shown->minY = std::min(shown->minY, drawn.minY);
    shown->maxX = std::max(shown->maxX, drawn.maxX), shown->maxY = std::max(shown->maxY, drawn.maxY);
  }
  if (shown) canvas_->zoomTo(shown->grownBy(0.05));
  addedIds_.clear();
  emit catalogLoaded();
}

}  // namespace urbangis::viewer
