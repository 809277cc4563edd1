#pragma once
// The analysis panel: statistics by zone shown as a choropleth with a sortable table, and hot
// spots of a points layer (kernel density surface, Gi* on hexagons) drawn over the map. Work
// runs in a worker thread with a progress bar and Cancel; the UI never waits.

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <string>

#include "io/output_table.h"
#include "render/render_layer.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTemporaryDir;

namespace urbangis::viewer {

class MapDocument;

struct AnalysisOutcome {
  enum class Kind { stats, kde, gistar } kind = Kind::stats;
  QString error, message;
  OutputTable table;                        // stats
  std::shared_ptr<const RenderLayer> layer;  // kde / gistar overlay
  LayerSpec spec;                           // its (temporary) source
};

class AnalysisPanel : public QWidget {
  Q_OBJECT
 public:
  AnalysisPanel(MapDocument& document, QWidget* parent = nullptr);
  ~AnalysisPanel() override;
  // Lists the catalog's layers and sets every text in the current UI language.
  void rebuild(const std::string& language);
  void retranslate();
  void runStats();
  void runHotspots();
  void cancel();
  bool isRunning() const { return watcher_.isRunning(); }
  // Shows the stats column as a choropleth of the zones layer; false if there is no such column.
  bool showColumn(const QString& column);
  const OutputTable& statsTable() const { return stats_; }

 signals:
  void finished(const QString& error);
  void progressed(double fraction);  // from the worker, delivered on the UI thread

 private:
  void done();
  void fillTable();

  MapDocument& document_;
  std::string language_ = "zh";
  QComboBox *zones_ = nullptr, *column_ = nullptr, *classes_ = nullptr, *palette_ = nullptr, *points_ = nullptr,
            *method_ = nullptr;
  QPushButton *runStats_ = nullptr, *runHotspots_ = nullptr, *cancel_ = nullptr;
  QLabel *zonesLabel_ = nullptr, *mapLabel_ = nullptr, *classesLabel_ = nullptr, *coloursLabel_ = nullptr,
         *pointsLabel_ = nullptr, *methodLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QTableWidget* table_ = nullptr;
  QFutureWatcher<AnalysisOutcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancelFlag_;
  std::unique_ptr<QTemporaryDir> scratch_;  // analysis results drawn over the map
  OutputTable stats_;
  QString statsZones_;
};

}  // namespace urbangis::viewer
