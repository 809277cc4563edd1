#include "app/map_document.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

#include "app/flag_progress.h"
#include "core/error.h"
#include "io/catalog/catalog_loader.h"
#include "io/postgis/pg_row_estimate.h"
#include "io/postgis/pg_source.h"
#include "render/catalog_layers.h"

namespace urbangis::viewer {
namespace {

// A layer read on a worker thread: its drawing, or the error that kept it from loading.
struct LoadOutcome {
  std::shared_ptr<const RenderLayer> layer;
  QString error;
};

// nullopt when the read was cancelled.
std::optional<LoadOutcome> loadOffThread(const std::function<RenderLayer()>& load) {
  try {
    return LoadOutcome{std::make_shared<const RenderLayer>(load()), {}};
  } catch (const Cancelled&) {
    return std::nullopt;
  } catch (const std::exception& failure) {
    return LoadOutcome{nullptr, QString::fromStdString(failure.what())};
  }
}

}  // namespace

MapDocument::MapDocument(QObject* parent) : QObject(parent) {}

MapDocument::~MapDocument() {
  cancelLoading();
  for (auto& [id, read] : windowReads_) read.cancel->store(true);
}

void MapDocument::cancelLoading() {
  if (cancel_) cancel_->store(true);
}

void MapDocument::open(const std::filesystem::path& catalogFile, const std::string& language) {
  open(loadCatalog(catalogFile), language);  // throws before anything changes
}

void MapDocument::open(Catalog catalog, const std::string& language) {
  const CrsSpec working = mapCrsFor(catalog);
  cancelLoading();
  for (auto& [id, read] : windowReads_) read.cancel->store(true);
  windowReads_.clear();
  language_ = language;
  catalog_ = std::move(catalog);
  working_ = working;
  layers_.clear();
  overlaySpecs_.clear();
  for (const LayerSpec& spec : catalog_->layers) layers_.push_back({&spec, nullptr, {}, true, spec.opacity});
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  emit opened();
  loadAll(language);
}

void MapDocument::addLayers(const std::vector<LayerSpec>& specs) {
  // Growing the catalog moves its entries: note which layers point into it, by id, first.
  std::vector<std::optional<std::string>> catalogIds;
  for (const DocumentLayer& layer : layers_) {
    const bool overlay = std::any_of(overlaySpecs_.begin(), overlaySpecs_.end(),
                                     [&](const LayerSpec& spec) { return &spec == layer.spec; });
    catalogIds.push_back(overlay ? std::nullopt : std::optional<std::string>(layer.spec->id));
  }
  // Rasters (imagery, basemaps) go under everything, first in the catalog as in the drawing;
  // the rest on top of the catalog's layers, under the analysis overlays.
  std::vector<std::string> rasterIds, vectorIds;
  size_t rastersBefore = 0;
  for (const LayerSpec& spec : specs) {
    if (spec.isVector()) {
      catalog_->layers.push_back(spec);
      vectorIds.push_back(spec.id);
    } else {
      catalog_->layers.insert(catalog_->layers.begin() + static_cast<std::ptrdiff_t>(rastersBefore++), spec);
      rasterIds.push_back(spec.id);
    }
  }
  for (size_t i = 0; i < layers_.size(); ++i)
    if (catalogIds[i]) layers_[i].spec = catalog_->find(*catalogIds[i]);
  size_t at = 0;
  while (at < layers_.size() && catalogIds[at]) ++at;
  const auto documentLayers = [&](const std::vector<std::string>& ids) {
    std::vector<DocumentLayer> made;
    for (const std::string& id : ids) {
      const LayerSpec* spec = catalog_->find(id);
      made.push_back({spec, nullptr, {}, true, spec->opacity});
    }
    return made;
  };
  const std::vector<DocumentLayer> added = documentLayers(vectorIds), rasters = documentLayers(rasterIds);
  layers_.insert(layers_.begin() + static_cast<std::ptrdiff_t>(at), added.begin(), added.end());
  layers_.insert(layers_.begin(), rasters.begin(), rasters.end());
  std::vector<const DocumentLayer*> toLoad;
  for (size_t i = 0; i < rasters.size(); ++i) toLoad.push_back(&layers_[i]);
  for (size_t i = 0; i < added.size(); ++i) toLoad.push_back(&layers_[rasters.size() + at + i]);
  emit layersReplaced();
  load(toLoad);
}

void MapDocument::updateLayer(const LayerSpec& spec) {
  LayerSpec* entry = nullptr;
  for (LayerSpec& layer : catalog_->layers)
    if (layer.id == spec.id) entry = &layer;
  DocumentLayer* layer = find(QString::fromStdString(spec.id));
  if (!entry || !layer) return;
  *entry = spec;
  layer->rendered.reset();
  layer->error.clear();
  layer->windowed = false;
  emit layersReplaced();
  load({layer});
}

void MapDocument::loadAll(std::string language) {
  language_ = std::move(language);
  std::vector<const DocumentLayer*> all;
  for (const DocumentLayer& layer : layers_) all.push_back(&layer);
  load(all);
}

void MapDocument::load(const std::vector<const DocumentLayer*>& layers) {
  // The worker owns copies of what it reads; results come back to the UI thread by id, and are
  // dropped if the document was reopened or destroyed meanwhile.
  struct Job {
    LayerSpec spec;
    QString id;
  };
  std::vector<Job> jobs;
  for (const DocumentLayer* layer : layers) jobs.push_back({*layer->spec, QString::fromStdString(layer->spec->id)});
  auto cancel = cancel_;
  const CrsSpec working = working_;
  const std::string language = language_;
  const double threshold = windowRowThreshold_;
  QPointer<MapDocument> self(this);
  (void)QtConcurrent::run([jobs = std::move(jobs), cancel, working, language, threshold, self]() {
    const FlagProgress progress(cancel);
    for (const Job& job : jobs) {
      if (cancel->load()) return;
      bool windowed = false;
      const std::optional<LoadOutcome> outcome = loadOffThread([&] {
        // A big PostGIS table is not read whole: first its extent only, then what the view shows.
        if (isPgSource(job.spec.resolvedSource) && layerKind(job.spec.role).tallied) {
          const std::optional<double> rows = estimatedRowCount(job.spec);
          windowed = !rows || *rows > threshold;
        }
        const std::optional<ReadWindow> nothingYet =
            windowed ? std::optional<ReadWindow>(ReadWindow{0, 0, 0, 0, 0}) : std::nullopt;
        return loadRenderLayer(job.spec, working, language, std::nullopt, progress, nothingYet);
      });
      if (!outcome) return;
      const auto& [layer, error] = *outcome;
      // Posted to the application object (always alive); `self` is checked on the UI thread.
      QMetaObject::invokeMethod(
          QCoreApplication::instance(),
          [self, cancel, id = job.id, layer, error, windowed]() {
            if (!self || cancel->load()) return;
            DocumentLayer* target = self->find(id);
            if (!target) return;
            target->rendered = layer;
            target->error = error;
            target->windowed = windowed && layer;
            if (layer)
              emit self->layerLoaded(id);
            else
              emit self->layerFailed(id, error);
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

void MapDocument::setWindowing(double rowThreshold, size_t maxFeatures) {
  windowRowThreshold_ = rowThreshold;
  windowMaxFeatures_ = maxFeatures;
}

void MapDocument::setViewExtent(double minX, double minY, double maxX, double maxY) {
  if (!catalog_ || !(minX < maxX && minY < maxY)) return;
  const ReadWindow view{minX, minY, maxX, maxY, windowMaxFeatures_};
  const double growX = (maxX - minX) / 2, growY = (maxY - minY) / 2;
  const ReadWindow wanted{minX - growX, minY - growY, maxX + growX, maxY + growY, windowMaxFeatures_};
  const auto area = [](const ReadWindow& w) { return (w.maxX - w.minX) * (w.maxY - w.minY); };
  for (const DocumentLayer& layer : layers_) {
    if (!layer.windowed || !layer.rendered) continue;
    const QString id = QString::fromStdString(layer.spec->id);
    // Still good: the window holds the view, and holds all of it or is not much bigger (a
    // truncated window is read again once the view is a quarter of it, for the detail).
    const auto good = [&](const ReadWindow& window, bool truncated) {
      return window.maxFeatures > 0 && window.holds(view) && (!truncated || area(window) < 4 * area(view));
    };
    if (const auto& loaded = layer.rendered->window; loaded && good(*loaded, layer.rendered->truncated)) continue;
    if (auto pending = windowReads_.find(id); pending != windowReads_.end()) {
      if (good(pending->second.window, false)) continue;
      pending->second.cancel->store(true);
    }
    WindowRead& read = windowReads_[id];
    read = {wanted, ++windowReadCount_, std::make_shared<std::atomic<bool>>(false)};
    const LayerSpec spec = *layer.spec;
    const CrsSpec working = working_;
    const std::string language = language_;
    QPointer<MapDocument> self(this);
    (void)QtConcurrent::run([spec, working, language, wanted, number = read.number, cancel = read.cancel, self, id]() {
      const std::optional<LoadOutcome> outcome = loadOffThread(
          [&] { return loadRenderLayer(spec, working, language, std::nullopt, FlagProgress(cancel), wanted); });
      if (!outcome) return;
      const auto& [loaded, error] = *outcome;
      QMetaObject::invokeMethod(
          QCoreApplication::instance(),
          [self, id, number, loaded, error]() {
            if (!self) return;
            auto current = self->windowReads_.find(id);
            if (current == self->windowReads_.end() || current->second.number != number) return;  // superseded
            self->windowReads_.erase(current);
            DocumentLayer* target = self->find(id);
            if (!target || !target->windowed) return;
            if (loaded) {
              target->rendered = loaded;
              target->error.clear();
              emit self->windowRead(id);
            } else {
              target->error = error;
              emit self->layerFailed(id, error);
            }
            emit self->changed();
          },
          Qt::QueuedConnection);
    });
  }
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
  auto owned =
      std::find_if(overlaySpecs_.begin(), overlaySpecs_.end(), [&](const LayerSpec& s) { return s.id == spec.id; });
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
