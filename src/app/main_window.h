#pragma once
// The viewer's main window: the map canvas in the middle; layers, legend and identify results
// in docks; File (open, recent, add layers, save catalog, export map), View (zoom, tools, GCJ-02) and Language menus; a
// status bar with the cursor's lon/lat (and GCJ-02), projected coordinates, scale and CRS.

#include <QFutureWatcher>
#include <QLabel>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QTranslator>

#include <QStringList>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/map_document.h"
#include "app/viewer_state.h"
#include "core/crs.h"
#include "io/catalog/layer_inference.h"
#include "render/map_view.h"
#include "webmap/web_map_request.h"

class QAction;
class QDragEnterEvent;
class QDropEvent;
class QLineEdit;
class QMenu;
class QProgressDialog;

namespace urbangis::viewer {

class AnalysisPanel;
class AttributeTable;
class RoutePanel;
class IdentifyPanel;
class LayerPanel;
class LayerPropertiesDialog;
class PostgisDialog;
class LegendWidget;
class MapCanvas;
class MonthSlider;
class TrendChart;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const std::string& language, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a catalog; on failure shows the error in a dialog (unless `quiet`) and keeps what was
  // open. Returns whether it opened.
  bool openCatalog(const std::filesystem::path& file, bool quiet = false);
  void setLanguage(const std::string& language);
  const std::string& language() const { return language_; }
  // Writes the print map of the current view (PNG or PDF); returns an error text or "".
  QString exportMap(const QString& file);
  // Starts writing what the window shows as a web map page (File → Export web map…) in the
  // background, with a progress dialog and Cancel; webMapExported reports the end.
  void exportWebMap(const QString& file);
  // The web map request of what the window shows now.
  WebMapRequest webMapRequest() const;
  // Adds the layers of files and folders (as dropped on the window): roles, fields and CRS
  // inferred as `catalog init` infers them; a choice of layers asked in a dialog when there are
  // several. Added to the open catalog, or, over the embedded sample, as a catalog of their own.
  // Emits catalogLoaded when they have loaded; what could not be added is in lastProblems().
  void addLayers(const std::vector<std::filesystem::path>& paths);
  // Writes the open catalog (with its added layers) to `file`; false with lastError() if not.
  bool saveCatalogAs(const std::filesystem::path& file);
  // Opens File → Add PostGIS layers… (not modal); accepted, the database's tables are listed
  // for Add layers, the password kept for this session only (PGPASSWORD).
  PostgisDialog* showPostgisDialog();
  // Opens the properties dialog of a catalog layer (not modal); null for an analysis overlay.
  LayerPropertiesDialog* showLayerProperties(const QString& id);
  QStringList lastProblems() const { return lastProblems_; }
  const std::filesystem::path& catalogFile() const { return catalogFile_; }

  MapDocument& document() { return document_; }
  MapCanvas& canvas() { return *canvas_; }
  LayerPanel& layerPanel() { return *layerPanel_; }
  IdentifyPanel& identifyPanel() { return *identifyPanel_; }
  AttributeTable& attributeTable() { return *attributeTable_; }
  RoutePanel& routePanel() { return *routePanel_; }
  AnalysisPanel& analysisPanel() { return *analysisPanel_; }
  MonthSlider& monthSlider() { return *monthSlider_; }
  TrendChart& trendChart() { return *trendChart_; }
  // Finds a zone (district, community, grid …) by name or code and zooms to it; false if none.
  bool search(const QString& text);
  // The last measurement: ellipsoidal length (m) and, for three points or more, area (m²).
  double measuredLength() const { return measuredLength_; }
  double measuredArea() const { return measuredArea_; }
  QString lastError() const { return lastError_; }

 signals:
  void catalogLoaded();                       // every layer loaded or failed
  void webMapExported(const QString& error);  // empty: written

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildActions();
  // Shows `catalog` (read from a file, or made of added files); false with the error if not.
  bool openDocument(Catalog catalog, bool quiet);
  void addDrafted(std::vector<InferredLayer> layers, const std::filesystem::path& anchor);
  void applyLayerProperties(const LayerSpec& spec);
  void saveCatalog();
  void finishAddedLayers();
  void retranslate();
  void saveState();
  void applySavedState(const std::optional<ViewerState>& state);
  void applyAwaitedLayerStates();
  void showCursor(double x, double y);
  void updateScale();
  void addRecent(const QString& file);
  void rebuildRecentMenu();
  void buildSearchIndex();
  void highlightFids(const QString& layerId, const std::vector<int64_t>& fids, bool zoom);
  void selectInBox(const MapExtent& extent);
  void selectInPolygon(const std::vector<QPointF>& vertices);
  void showSelection(const QString& layerId, const std::vector<int64_t>& fids);
  void measure(const std::vector<QPointF>& points, bool finished);
  void showRoute();
  void webMapWritten();
  void chooseMonth(std::optional<int32_t> month);
  void showTrend(const QString& zonesId, int64_t zoneFid);

  std::string language_;
  QTranslator translator_;
  QTranslator qtTranslator_;  // qtbase_zh_CN: Qt's own dialogs and buttons
  MapDocument document_;
  MapCanvas* canvas_ = nullptr;
  LayerPanel* layerPanel_ = nullptr;
  LegendWidget* legend_ = nullptr;
  IdentifyPanel* identifyPanel_ = nullptr;
  AttributeTable* attributeTable_ = nullptr;
  RoutePanel* routePanel_ = nullptr;
  AnalysisPanel* analysisPanel_ = nullptr;
  QDockWidget* analysisDock_ = nullptr;
  QDockWidget* routeDock_ = nullptr;
  MonthSlider* monthSlider_ = nullptr;
  TrendChart* trendChart_ = nullptr;
  QDockWidget* timeDock_ = nullptr;
  std::optional<std::pair<QString, int64_t>> trendZone_;  // the zone the trend chart shows
  std::pair<QString, std::vector<int64_t>> highlighted_;  // layer and fids shown selected
  QTimer* windowTimer_ = nullptr;                         // a windowed read once the view has settled
  QLineEdit* searchBox_ = nullptr;
  QDockWidget *layersDock_ = nullptr, *legendDock_ = nullptr, *identifyDock_ = nullptr, *tableDock_ = nullptr;
  struct SearchEntry {
    QString text, layer;
    int64_t fid;
  };
  std::vector<SearchEntry> searchIndex_;
  double measuredLength_ = 0, measuredArea_ = 0;
  QMenu *fileMenu_ = nullptr, *viewMenu_ = nullptr, *languageMenu_ = nullptr, *recentMenu_ = nullptr;
  QAction *openAction_ = nullptr, *addLayersAction_ = nullptr, *addFolderAction_ = nullptr,
          *saveCatalogAction_ = nullptr, *addPostgisAction_ = nullptr, *saveCatalogAsAction_ = nullptr,
          *exportAction_ = nullptr, *exportWebMapAction_ = nullptr, *quitAction_ = nullptr,
          *fullExtentAction_ = nullptr, *zoomInAction_ = nullptr, *zoomOutAction_ = nullptr, *panAction_ = nullptr,
          *zoomBoxAction_ = nullptr, *identifyAction_ = nullptr, *selectAction_ = nullptr,
          *selectPolygonAction_ = nullptr, *measureAction_ = nullptr, *routeAction_ = nullptr, *gcjAction_ = nullptr,
          *chineseAction_ = nullptr, *englishAction_ = nullptr;
  QLabel *lonLatLabel_ = nullptr, *projectedLabel_ = nullptr, *scaleLabel_ = nullptr, *crsLabel_ = nullptr;
  std::filesystem::path catalogFile_;
  // The cursor's lon/lat and GCJ-02: the transforms live with the PROJ context they were made
  // in, so replacing them (a catalog reopened) destroys them before it, never after.
  struct CursorTransforms {
    explicit CursorTransforms(const CrsSpec& working);
    ProjContext proj;
    Crs working;
    Transform toLonLat, toGcj;
  };
  std::unique_ptr<CursorTransforms> cursor_;
  QFutureWatcher<QString> webMapWatcher_;
  QPointer<QProgressDialog> webMapDialog_;
  QString lastError_;
  QStringList lastProblems_;                                       // of the last Add layers: files left out, warnings
  std::map<std::string, QString> roleReasons_;                     // why an added layer got its role
  std::map<std::string, std::vector<std::string>> crsCandidates_;  // added layers without a CRS
  std::vector<std::string> addedIds_;                              // layers added and still loading
  bool restoring_ = false;
  // The saved state was applied to the open catalog: until then saving would overwrite it
  // with what loading shows.
  bool stateApplied_ = false;
  // Saved layers not there yet (analysis overlays computed again), and the saved order.
  std::vector<LayerState> awaitedLayers_;
  std::vector<QString> savedOrder_;
};

}  // namespace urbangis::viewer
