#pragma once
// The route tool: click the start, the end and any via places on the map (or type LON,LAT),
// press Route for the shortest way along the roads with its length and turn list, or pick a
// corridors layer (and a filter) and press Tour for the inspection tour. Routes are computed off
// the UI thread and drawn over the map; Export writes them as GeoJSON, GPX or GeoPackage.

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/output_table.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace urbangis::viewer {

class MapDocument;

struct RouteOutcome {
  OutputTable table;  // the route (one row) or the tour's stretches, working CRS
  QString summary, directions, error;
  std::vector<std::filesystem::path> inputs;
};

class RoutePanel : public QWidget {
  Q_OBJECT
 public:
  RoutePanel(MapDocument& document, QWidget* parent = nullptr);
  // Stops a route or tour being computed; the worker owns what it reads, so nothing waits.
  ~RoutePanel() override;
  // Lists the corridors layers and sets every text in the current UI language.
  void rebuild(const std::string& language);
  void retranslate();
  // A place clicked on the map (lon/lat WGS84): fills from, then to, then adds vias.
  void addPlace(double lon, double lat);
  void clearPlaces();
  // Starts a route / tour; `routeFinished` reports it.
  void startRoute();
  void startTour();
  void cancel();
  // A run was started and its result is not handled yet (a worker that has just ended still has
  // its result on the way to finished()).
  bool isRunning() const { return running_; }
  const std::optional<RouteOutcome>& outcome() const { return outcome_; }

 signals:
  void routeFinished();  // outcome() holds the result (or its error)

 private:
  void finished();
  void exportRoute();

  MapDocument& document_;
  std::string language_ = "zh";
  QLineEdit *from_ = nullptr, *to_ = nullptr, *vias_ = nullptr, *where_ = nullptr;
  QComboBox* corridors_ = nullptr;
  QPushButton *route_ = nullptr, *tour_ = nullptr, *clear_ = nullptr, *export_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel *fromLabel_ = nullptr, *toLabel_ = nullptr, *viaLabel_ = nullptr, *corridorsLabel_ = nullptr,
         *filterLabel_ = nullptr;
  QPlainTextEdit* directions_ = nullptr;
  QFutureWatcher<RouteOutcome> watcher_;
  bool running_ = false;  // from setFuture until finished() takes the result
  std::shared_ptr<std::atomic<bool>> cancelFlag_;
  std::optional<RouteOutcome> outcome_;
};

}  // namespace urbangis::viewer
