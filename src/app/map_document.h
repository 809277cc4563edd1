#pragma once
// What the viewer has open: a catalog, its layers loaded for drawing (or the error that kept
// each from loading), and how the user arranged them: order, visibility, opacity. Loading runs
// off the UI thread; a layer that fails is marked and the others still draw.

#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/catalog.h"
#include "core/crs.h"
#include "render/render_layer.h"

namespace urbangis::viewer {

struct DocumentLayer {
  const LayerSpec* spec = nullptr;              // into Document::catalog
  std::shared_ptr<const RenderLayer> rendered;  // null while loading or after a failure
  QString error;                                // why it could not be loaded
  bool visible = true;
  double opacity = 1;
  // Read only around the view (a PostGIS table over the window threshold): `rendered` holds the
  // features of its window, read again when the view leaves it.
  bool windowed = false;
};

class MapDocument : public QObject {
  Q_OBJECT
 public:
  explicit MapDocument(QObject* parent = nullptr);
  ~MapDocument() override;

  // Reads the catalog (throws InputError) and starts loading its layers in the background.
  void open(const std::filesystem::path& catalogFile, const std::string& language);
  // The same for a catalog already read (one made of added files, or the open one again).
  void open(Catalog catalog, const std::string& language);
  // Adds layers to the open catalog (ids it does not use; io/catalog/catalog_with_files.h gives
  // them) and loads them in the background, drawn on top.
  void addLayers(const std::vector<LayerSpec>& specs);
  // Replaces the catalog entry of the layer with `spec`'s id (its role, fields or CRS corrected)
  // and loads it again.
  void updateLayer(const LayerSpec& spec);
  // The catalog was saved as `file`: its relative paths and messages now refer to it.
  void setCatalogFile(const std::filesystem::path& file) { catalog_->file = file; }
  void cancelLoading();
  bool isOpen() const { return catalog_.has_value(); }
  const Catalog& catalog() const { return *catalog_; }
  const CrsSpec& workingCrs() const { return working_; }

  // Layers in drawing order, bottom first.
  const std::vector<DocumentLayer>& layers() const { return layers_; }
  DocumentLayer* find(const QString& id);
  void setVisible(const QString& id, bool visible);
  void setOpacity(const QString& id, double opacity);
  // New drawing order by ids, bottom first; unknown ids are ignored, missing ones kept.
  void reorder(const std::vector<QString>& bottomFirst);
  // Replaces what a layer draws (e.g. a choropleth of a statistic).
  void setRendered(const QString& id, std::shared_ptr<const RenderLayer> rendered);
  // Adds (or replaces) an analysis result drawn over the map, e.g. a density surface; its spec
  // points at a temporary file, never at the catalog's data.
  void addOverlay(LayerSpec spec, std::shared_ptr<const RenderLayer> rendered);
  // PostGIS points, lines and areas layers of more rows than this (the planner's estimate, or
  // unknown) are read by view window; at most `maxFeatures` per window.
  void setWindowing(double rowThreshold, size_t maxFeatures);
  // The view moved: windowed layers whose window does not hold it are read again for it (grown
  // by half on each side), off the UI thread; the newest read wins.
  void setViewExtent(double minX, double minY, double maxX, double maxY);
  // An overlay that could not be computed again (e.g. no points in the month chosen): it stops
  // drawing and shows why, instead of showing a result that no longer matches the map.
  void failOverlay(const QString& id, const QString& error);

 signals:
  void layerLoaded(const QString& id);
  void layerFailed(const QString& id, const QString& error);
  void loadingFinished();
  void opened();                       // a catalog replaced what was open; its layers start loading
  void changed();                      // order, visibility, opacity, or what a layer draws
  void layersReplaced();               // a layer added or its drawing replaced (the panels rebuild)
  void windowRead(const QString& id);  // a windowed layer holds a new window's features

 private:
  void loadAll(std::string language);
  void load(const std::vector<const DocumentLayer*>& layers);

  std::optional<Catalog> catalog_;
  CrsSpec working_;
  std::vector<DocumentLayer> layers_;
  std::deque<LayerSpec> overlaySpecs_;  // stable addresses for DocumentLayer::spec
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::string language_ = "zh";
  double windowRowThreshold_ = 200000;
  size_t windowMaxFeatures_ = 1000000;
  // The window read in flight per layer: its box and its number (an older read's result is dropped).
  struct WindowRead {
    ReadWindow window;
    unsigned number = 0;
    std::shared_ptr<std::atomic<bool>> cancel;
  };
  std::map<QString, WindowRead> windowReads_;
  unsigned windowReadCount_ = 0;
};

}  // namespace urbangis::viewer
