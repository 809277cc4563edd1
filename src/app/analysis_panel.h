#pragma once
// The analysis panel: statistics by zone shown as a choropleth with a sortable table, and hot
// spots of a points layer (kernel density surface, Gi* on hexagons) drawn over the map. Work
// runs in a worker thread with a progress bar and Cancel; the UI never waits, not even when the
// window closes during a long run (the worker is cancelled and owns all it uses). What is shown
// can be saved with the viewer's state and computed again on reopen.

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/viewer_state.h"

#include "core/output_table.h"
#include "render/render_layer.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTemporaryDir;

namespace urbangis::viewer {

class MapDocument;

struct AnalysisOutcome {
  enum class Kind { stats, kde, gistar } kind = Kind::stats;
  QString error, message;
  OutputTable table;                         // stats
  std::shared_ptr<const RenderLayer> layer;  // kde / gistar overlay
  LayerSpec spec;                            // its (temporary) source
};

class AnalysisPanel : public QWidget {
  Q_OBJECT
 public:
  AnalysisPanel(MapDocument& document, QWidget* parent = nullptr);
  // Cancels a run without waiting for it.
  ~AnalysisPanel() override;
  // Lists the catalog's layers and sets every text in the current UI language.
  void rebuild(const std::string& language);
  void retranslate();
  void runStats();
  void runHotspots();
  void cancel();
  // A run was started and its result is not handled yet. Not the worker's own state: a worker
  // that has just ended still has its result on the way to done().
  bool isRunning() const { return running_; }
  // Shows the stats column as a choropleth of the zones layer; false if there is no such column.
  bool showColumn(const QString& column);
  const OutputTable& statsTable() const { return stats_; }
  // The month (monthKeyOf) the statistics count, nullopt for all: a choropleth shown is
  // computed again for it in the background.
  void setMonth(std::optional<int32_t> month);
  std::optional<int32_t> month() const { return month_; }
  // The points layer chosen for hot spots, also the one the trend chart counts.
  QString pointsLayer() const;

  // The choropleth and hot-spot overlays shown, or being computed to be shown, for the state.
  std::optional<ChoroplethState> choropleth() const;
  std::vector<HotspotState> hotspots() const;
  // Computes them again in the background, one after the other, after a catalog is reopened;
  // what the catalog no longer has (a layer, a column) is left out.
  void restore(std::optional<ChoroplethState> choropleth, std::vector<HotspotState> hotspots);

 signals:
  void finished(const QString& error);
  void progressed(double fraction);  // from the worker, delivered on the UI thread
  void pointsLayerChanged();

 private:
  void done();
  void fillTable();
  void runPending();
  // fromState: computing again an overlay of the saved state or of the month before.
  void startHotspots(const HotspotState& wanted, bool fromState);
  void forgetResults();  // the document opened a catalog
  ChoroplethState chosenStyle(const QString& column) const;

  MapDocument& document_;
  std::string language_ = "zh";
  QComboBox *zones_ = nullptr, *column_ = nullptr, *classes_ = nullptr, *palette_ = nullptr, *points_ = nullptr,
            *method_ = nullptr;
  QSpinBox* classCount_ = nullptr;
  QPushButton *runStats_ = nullptr, *runHotspots_ = nullptr, *cancel_ = nullptr;
  QLabel *zonesLabel_ = nullptr, *mapLabel_ = nullptr, *classesLabel_ = nullptr, *coloursLabel_ = nullptr,
         *pointsLabel_ = nullptr, *methodLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QTableWidget* table_ = nullptr;
  QFutureWatcher<AnalysisOutcome> watcher_;
  bool running_ = false;  // from setFuture until done() takes the result
  std::shared_ptr<std::atomic<bool>> cancelFlag_;
  // Analysis results drawn over the map; shared with a worker still writing into it.
  std::shared_ptr<const QTemporaryDir> scratch_;
  OutputTable stats_;
  QString statsZones_;
  std::optional<ChoroplethState> shownChoropleth_, pendingChoropleth_;
  std::vector<HotspotState> overlays_, pendingHotspots_;
  std::optional<HotspotState> runningHotspot_;
  bool runningFromState_ = false;  // the run in flight computes an overlay of the saved state
  std::optional<int32_t> month_;
  bool rerunAfterCancel_ = false;  // the run in flight was stopped because the month changed
  bool dropResult_ = false;        // the run in flight read a catalog that is no longer open
};

}  // namespace urbangis::viewer
