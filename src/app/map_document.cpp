#include "app/map_document.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "app/flag_progress.h"
#include "core/error.h"
#include "render/catalog_layers.h"

namespace urbangis::viewer {

MapDocument::MapDocument(QObject* parent) : QObject(parent) {}

MapDocument::~MapDocument() { cancelLoading(); }

void MapDocument::cancelLoading() {
  if (cancel_) cancel_->store(true);
}

void MapDocument::open(const std::filesystem::path& catalogFile, const std::string& language) {
  Catalog catalog = loadCatalog(catalogFile);  // throws before anything changes
  const CrsSpec working = mapCrsFor(catalog);
  cancelLoading();
  catalog_ = std::move(catalog);
  working_ = working;
  layers_.clear();
  overlaySpecs_.clear();
  for (const LayerSpec& spec : catalog_->layers) layers_.push_back({&spec, nullptr, {}, true, 1.0});
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  emit opened();
  loadAll(language);
}

void MapDocument::loadAll(std::string language) {
  // The worker owns copies of what it reads; results come back to the UI thread by id, and are
  // dropped if the document was reopened or destroyed meanwhile.
  struct Job {
    LayerSpec spec;
    QString id;
  };
  std::vector<Job> jobs;
  for (const DocumentLayer& layer : layers_) jobs.push_back({*layer.spec, QString::fromStdString(layer.spec->id)});
  auto cancel = cancel_;
  const CrsSpec working = working_;
  QPointer<MapDocument> self(this);
  (void)QtConcurrent::run([jobs = std::move(jobs), cancel, working, language, self]() {
    const FlagProgress progress(cancel);
    for (const Job& job : jobs) {
      if (cancel->load()) return;
      std::shared_ptr<const RenderLayer> layer;
      QString error;
      try {
        layer = std::make_shared<const RenderLayer>(loadRenderLayer(job.spec, working, language, std::nullopt, progress));
      } catch (const Cancelled&) {
        return;
      } catch (const std::exception& failure) {
        error = QString::fromStdString(failure.what());
      }
      // Posted to the application object (always alive); `self` is checked on the UI thread.
      QMetaObject::invokeMethod(
          QCoreApplication::instance(),
          [self, cancel, id = job.id, layer, error]() {
            if (!self || cancel->load()) return;
            DocumentLayer* target = self->find(id);
            if (!target) return;
            target->rendered = layer;
            target->error = error;
            if (layer) emit self->layerLoaded(id);
            else emit self->layerFailed(id, error);
          },
          Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, cancel]() {
          if (self && !cancel->load()) emit self->loadingFinished();
        },
        Qt::QueuedConnection);
  });
}

DocumentLayer* MapDocument::find(const QString& id) {
  for (DocumentLayer& layer : layers_)
    if (QString::fromStdString(layer.spec->id) == id) return &layer;
  return nullptr;
}

void MapDocument::setVisible(const QString& id, bool visible) {
  if (DocumentLayer* layer = find(id); layer && layer->visible != visible) {
    layer->visible = visible;
    emit changed();
  }
}

void MapDocument::setOpacity(const QString& id, double opacity) {
  if (DocumentLayer* layer = find(id)) {
    layer->opacity = std::clamp(opacity, 0.0, 1.0);
    emit changed();
  }
}

void MapDocument::reorder(const std::vector<QString>& bottomFirst) {
  std::vector<DocumentLayer> ordered;
  for (const QString& id : bottomFirst)
    if (DocumentLayer* layer = find(id)) ordered.push_back(*layer);
  for (const DocumentLayer& layer : layers_)
    if (std::none_of(ordered.begin(), ordered.end(), [&](const DocumentLayer& o) { return o.spec == layer.spec; }))
      ordered.push_back(layer);
  layers_ = std::move(ordered);
  emit changed();
}

}  // namespace urbangis::viewer

namespace urbangis::viewer {

void MapDocument::setRendered(const QString& id, std::shared_ptr<const RenderLayer> rendered) {
  if (DocumentLayer* layer = find(id)) {
    layer->rendered = std::move(rendered);
    layer->error.clear();
    emit layersReplaced();
    emit changed();
  }
}

void MapDocument::addOverlay(LayerSpec spec, std::shared_ptr<const RenderLayer> rendered) {
  const QString id = QString::fromStdString(spec.id);
  auto owned = std::find_if(overlaySpecs_.begin(), overlaySpecs_.end(), [&](const LayerSpec& s) { return s.id == spec.id; });
  if (DocumentLayer* existing = find(id); existing && owned != overlaySpecs_.end()) {
    *owned = std::move(spec);
    existing->rendered = std::move(rendered);
  } else {
    overlaySpecs_.push_back(std::move(spec));
    layers_.push_back({&overlaySpecs_.back(), std::move(rendered), {}, true, 0.85});
  }
  emit layersReplaced();
  emit changed();
}

void MapDocument::failOverlay(const QString& id, const QString& error) {
  const bool overlay = std::any_of(overlaySpecs_.begin(), overlaySpecs_.end(),
                                   [&](const LayerSpec& s) { return QString::fromStdString(s.id) == id; });
  DocumentLayer* layer = find(id);
  if (!overlay || !layer) return;
  layer->rendered.reset();
  layer->error = error;
  emit layersReplaced();
  emit changed();
}

}  // namespace urbangis::viewer
