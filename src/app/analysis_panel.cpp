#include "app/analysis_panel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "analysis/hotspots/hotspots.h"
#include "analysis/stats/stats_run.h"
#include "app/flag_progress.h"
#include "app/map_document.h"
#include "core/error.h"
#include "io/catalog/resources.h"
#include "io/outputs/table_writer.h"
#include "io/values/timestamps.h"
#include "render/hotspot_overlay.h"

namespace urbangis::viewer {
namespace {

// Fractions from a worker shown by the panel's progress bar (progressed is emitted on the UI thread).
using PanelProgress = PostedProgress<AnalysisPanel>;
PanelProgress panelProgress(AnalysisPanel* panel, std::shared_ptr<std::atomic<bool>> cancel) {
  return PanelProgress(
      QPointer<AnalysisPanel>(panel),
      [](AnalysisPanel& receiver, double fraction) { emit receiver.progressed(fraction); }, std::move(cancel));
}

QString overlayId(const std::string& method) {
  return method == "kde" ? QStringLiteral("analysis_density") : QStringLiteral("analysis_gistar");
}

QString cellText(const CellValue& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return QString::fromStdString(*text);
  if (const auto* integer = std::get_if<int64_t>(&cell)) return QString::number(*integer);
  if (const auto* real = std::get_if<double>(&cell)) return QString::number(*real, 'g', 6);
  return {};
}

}  // namespace

AnalysisPanel::AnalysisPanel(MapDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  zones_ = new QComboBox(this);
  column_ = new QComboBox(this);
  classes_ = new QComboBox(this);
  palette_ = new QComboBox(this);
  points_ = new QComboBox(this);
  method_ = new QComboBox(this);
  classCount_ = new QSpinBox(this);
  classCount_->setRange(3, 9);  // every palette offered has 3 to 9 classes
  classCount_->setValue(5);
  // Names for tests and style sheets.
  zones_->setObjectName(QStringLiteral("zonesLayer"));
  column_->setObjectName(QStringLiteral("statsColumn"));
  classes_->setObjectName(QStringLiteral("classMethod"));
  classCount_->setObjectName(QStringLiteral("classCount"));
  palette_->setObjectName(QStringLiteral("palette"));
  points_->setObjectName(QStringLiteral("pointsLayer"));
  method_->setObjectName(QStringLiteral("hotspotMethod"));
  for (const char* method : {"jenks", "quantile", "equal_interval"})
    classes_->addItem(QString(), QString::fromLatin1(method));
  for (const char* name : {"YlOrRd", "OrRd", "Reds", "Blues", "Greens", "Purples", "YlGnBu", "RdYlGn", "Spectral"})
    palette_->addItem(QString::fromLatin1(name));
  runStats_ = new QPushButton(this);
  runHotspots_ = new QPushButton(this);
  cancel_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  table_ = new QTableWidget(this);
  table_->setSortingEnabled(true);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  method_->addItem(QString(), QStringLiteral("kde"));
  method_->addItem(QString(), QStringLiteral("gistar"));
  for (QLabel** label : {&zonesLabel_, &mapLabel_, &classesLabel_, &coloursLabel_, &pointsLabel_, &methodLabel_})
    *label = new QLabel(this);
  auto* statsForm = new QFormLayout;
  statsForm->addRow(zonesLabel_, zones_);
  statsForm->addRow(runStats_);
  statsForm->addRow(mapLabel_, column_);
  auto* classRow = new QHBoxLayout;
  classRow->addWidget(classes_, 1);
  classRow->addWidget(classCount_);
  statsForm->addRow(classesLabel_, classRow);
  statsForm->addRow(coloursLabel_, palette_);
  auto* hotForm = new QFormLayout;
  hotForm->addRow(pointsLabel_, points_);
  hotForm->addRow(methodLabel_, method_);
  hotForm->addRow(runHotspots_);
  auto* running = new QHBoxLayout;
  running->addWidget(progress_, 1);
  running->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(statsForm);
  layout->addLayout(hotForm);
  layout->addLayout(running);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);
  cancel_->setEnabled(false);
  progress_->setRange(0, 100);
  connect(runStats_, &QPushButton::clicked, this, &AnalysisPanel::runStats);
  connect(runHotspots_, &QPushButton::clicked, this, &AnalysisPanel::runHotspots);
  connect(cancel_, &QPushButton::clicked, this, [this] {
    pendingChoropleth_.reset();  // Cancel also stops what a reopen was computing again
    pendingHotspots_.clear();
    rerunAfterCancel_ = false;
    cancel();
  });
  connect(&document_, &MapDocument::opened, this, &AnalysisPanel::forgetResults);
  connect(&watcher_, &QFutureWatcher<AnalysisOutcome>::finished, this, &AnalysisPanel::done);
  connect(this, &AnalysisPanel::progressed, this, [this](double fraction) {
    if (fraction < 0)
      progress_->setRange(0, 0);  // busy, length unknown
    else
      progress_->setRange(0, 100), progress_->setValue(static_cast<int>(fraction * 100));
  });
  for (QComboBox* choice : {column_, classes_, palette_})
    connect(choice, &QComboBox::currentIndexChanged, this, [this] {
      if (column_->count() > 0) showColumn(column_->currentText());
    });
  connect(points_, &QComboBox::currentIndexChanged, this, &AnalysisPanel::pointsLayerChanged);
  connect(classCount_, &QSpinBox::valueChanged, this, [this] {
    if (column_->count() > 0) showColumn(column_->currentText());
  });
}

void AnalysisPanel::retranslate() {
  runStats_->setText(tr("Statistics by zone"));
  runHotspots_->setText(tr("Hot spots"));
  cancel_->setText(tr("Cancel"));
  classes_->setItemText(0, tr("Natural breaks (Jenks)"));
  classes_->setItemText(1, tr("Quantiles"));
  classes_->setItemText(2, tr("Equal intervals"));
  method_->setItemText(0, tr("Kernel density"));
  method_->setItemText(1, tr("Gi* hot spots (500 m hexagons)"));
  zonesLabel_->setText(tr("Zones"));
  mapLabel_->setText(tr("Map"));
  classesLabel_->setText(tr("Classes"));
  coloursLabel_->setText(tr("Colours"));
  classCount_->setToolTip(tr("Number of classes"));
  pointsLabel_->setText(tr("Points"));
  methodLabel_->setText(tr("Method"));
}

// The worker holds copies of the catalog and a share of the scratch folder, and reports through
// a guarded pointer: nothing it touches goes away with the panel, so the panel need not wait.
AnalysisPanel::~AnalysisPanel() { cancel(); }

void AnalysisPanel::rebuild(const std::string& language) {
  language_ = language;
  retranslate();
  zones_->clear();
  points_->clear();
  if (!document_.isOpen()) return;
  for (const LayerSpec& spec : document_.catalog().layers) {
    if (spec.role == LayerRole::zones)
      zones_->addItem(QString::fromStdString(spec.title.in(language)), QString::fromStdString(spec.id));
    if (spec.role == LayerRole::points)
      points_->addItem(QString::fromStdString(spec.title.in(language)), QString::fromStdString(spec.id));
  }
}

void AnalysisPanel::cancel() {
  if (cancelFlag_) cancelFlag_->store(true);
}

void AnalysisPanel::runStats() {
  if (!document_.isOpen() || running_ || zones_->count() == 0) return;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  const Catalog catalog = document_.catalog();
  statsZones_ = zones_->currentData().toString();
  const std::string zones = statsZones_.toStdString();
  const TimeWindow window = monthWindow(month_);
  const PanelProgress progress = panelProgress(this, cancelFlag_);
  status_->setText(month_ ? tr("Counting by zone for %1…").arg(QString::fromStdString(monthKeyText(*month_)))
                          : tr("Counting by zone…"));
  cancel_->setEnabled(true);
  running_ = true;
  watcher_.setFuture(QtConcurrent::run([catalog, zones, window, progress]() {
    AnalysisOutcome outcome;
    outcome.kind = AnalysisOutcome::Kind::stats;
    try {
      // PostGIS when the catalog's layers are there (analysis/stats/stats_run.h), as `stats` does.
      StatsRun run;
      run.request.zonesLayer = zones;
      run.request.window = window;
      outcome.table = urbangis::runStats(catalog, run, progress).table;
    } catch (const Cancelled&) {
      outcome.error = AnalysisPanel::tr("Cancelled");
    } catch (const std::exception& error) {
      outcome.error = QString::fromStdString(error.what());
    }
    return outcome;
  }));
}

void AnalysisPanel::runHotspots() {
  if (points_->count() == 0) return;
  startHotspots(
      HotspotState{points_->currentData().toString().toStdString(), method_->currentData().toString().toStdString()},
      false);
}

// Runs one hot-spot analysis in the background; the panel's choices are left as the user set them.
void AnalysisPanel::startHotspots(const HotspotState& wanted, bool fromState) {
  if (!document_.isOpen() || running_) return;
  const int layerIndex = points_->findData(QString::fromStdString(wanted.layer));
  if (layerIndex < 0) return;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  if (!scratch_) scratch_ = std::make_shared<const QTemporaryDir>();
  const Catalog catalog = document_.catalog();
  const std::string layer = wanted.layer;
  const bool kde = wanted.method == "kde";
  // A timed layer's hot spots are those of the month on the slider, like its points on the map.
  const std::optional<int32_t> month = isTimedLayer(catalog, layer) ? month_ : std::nullopt;
  runningHotspot_ = wanted;
  runningFromState_ = fromState;
  const std::shared_ptr<const QTemporaryDir> scratchShare = scratch_;  // the folder lives until the worker ends
  const std::filesystem::path scratch = scratch_->path().toStdString();
  const CrsSpec working = document_.workingCrs();
  const std::string language = language_;
  const PanelProgress progress = panelProgress(this, cancelFlag_);
  status_->setText(tr("Looking for hot spots…"));
  cancel_->setEnabled(true);
  running_ = true;
  watcher_.setFuture(QtConcurrent::run([catalog, layer, month, kde, scratchShare, scratch, working, language,
                                        progress]() {
    AnalysisOutcome outcome;
    try {
      outcome.kind = kde ? AnalysisOutcome::Kind::kde : AnalysisOutcome::Kind::gistar;
      HotspotOverlay overlay = computeHotspotOverlay(catalog, layer, kde ? HotspotMethod::kde : HotspotMethod::gistar,
                                                     month, scratch, working, language, progress);
      outcome.spec = std::move(overlay.spec);
      outcome.message = QString::fromStdString(overlay.message);
      outcome.layer = std::make_shared<const RenderLayer>(std::move(overlay.layer));
    } catch (const Cancelled&) {
      outcome.error = AnalysisPanel::tr("Cancelled");
    } catch (const std::exception& error) {
      outcome.error = QString::fromStdString(error.what());
    }
    return outcome;
  }));
}

void AnalysisPanel::done() {
  running_ = false;
  cancel_->setEnabled(false);
  progress_->setRange(0, 100);
  progress_->setValue(0);
  AnalysisOutcome outcome = watcher_.result();
  const std::optional<HotspotState> hotspot = std::exchange(runningHotspot_, std::nullopt);
  if (std::exchange(dropResult_, false)) {
    status_->clear();
    runPending();
    return;
  }
  // A choropleth being restored waits for its statistics: shown below, or given up on failure.
  const std::optional<ChoroplethState> restoring =
      outcome.kind == AnalysisOutcome::Kind::stats ? std::exchange(pendingChoropleth_, std::nullopt) : std::nullopt;
  if (std::exchange(rerunAfterCancel_, false)) {  // stopped because the month changed: again, for it
    status_->clear();
    if (outcome.kind == AnalysisOutcome::Kind::stats) {
      pendingChoropleth_ = restoring ? restoring : shownChoropleth_;
      if (!pendingChoropleth_) return runStats();  // statistics asked for before any map of them
    }
    runPending();
    return;
  }
  if (!outcome.error.isEmpty()) {
    status_->setText(outcome.error);
    // An overlay shown for another month that cannot be computed for this one is not left
    // on the map as if it were this month's.
    if (hotspot && std::any_of(overlays_.begin(), overlays_.end(), [&](const HotspotState& shown) {
          return shown.method == hotspot->method && shown.layer == hotspot->layer;
        }))
      document_.failOverlay(overlayId(hotspot->method), outcome.error);
    emit finished(outcome.error);
    runPending();
    return;
  }
  if (outcome.kind == AnalysisOutcome::Kind::stats) {
    stats_ = std::move(outcome.table);
    fillTable();
    column_->blockSignals(true);
    column_->clear();
    QString preferred;
    for (size_t c = 2; c < stats_.columns.size(); ++c) {
      if (stats_.columns[c].type == ColumnType::text) continue;
      const QString name = QString::fromStdString(stats_.columns[c].name);
      column_->addItem(name);
      if (preferred.isEmpty() && isStatisticColumn(stats_.columns[c].name, ZoneStatistic::perKm2)) preferred = name;
    }
    if (restoring) {
      const int method = classes_->findData(QString::fromStdString(restoring->method));
      const int palette = palette_->findText(QString::fromStdString(restoring->palette));
      for (QWidget* choice : std::initializer_list<QWidget*>{classes_, palette_, classCount_})
        choice->blockSignals(true);
      if (method >= 0) classes_->setCurrentIndex(method);
      if (palette >= 0) palette_->setCurrentIndex(palette);
      classCount_->setValue(restoring->classes);
      for (QWidget* choice : std::initializer_list<QWidget*>{classes_, palette_, classCount_})
        choice->blockSignals(false);
      if (column_->findText(QString::fromStdString(restoring->column)) >= 0)
        preferred = QString::fromStdString(restoring->column);
    }
    column_->blockSignals(false);
    if (!preferred.isEmpty()) column_->setCurrentText(preferred);
    showColumn(column_->currentText());
    status_->setText(tr("%1 zones").arg(stats_.rows.size()));
  } else {
    document_.addOverlay(outcome.spec, outcome.layer);
    if (hotspot) {
      std::erase_if(overlays_, [&](const HotspotState& shown) { return shown.method == hotspot->method; });
      overlays_.push_back(*hotspot);  // one overlay per method: a new one replaces the last
    }
    status_->setText(outcome.message);
  }
  emit finished({});
  runPending();
}

// What is shown is computed again for the month, with the same settings: the choropleth's
// statistics and the overlays of timed layers. A run for the month before is stopped and
// started again when it ends.
void AnalysisPanel::setMonth(std::optional<int32_t> month) {
  if (month == month_) return;
  month_ = month;
  if (const std::optional<ChoroplethState> shown = choropleth()) pendingChoropleth_ = shown;
  const Catalog* catalog = document_.isOpen() ? &document_.catalog() : nullptr;
  const auto queue = [&](const HotspotState& overlay) {
    if (!catalog || !isTimedLayer(*catalog, overlay.layer)) return;
    std::erase_if(pendingHotspots_, [&](const HotspotState& queued) { return queued.method == overlay.method; });
    pendingHotspots_.push_back(overlay);
  };
  for (const HotspotState& overlay : overlays_) queue(overlay);
  const bool runningForMonth =
      running_ && (!runningHotspot_ || (catalog && isTimedLayer(*catalog, runningHotspot_->layer)));
  if (runningForMonth && runningHotspot_) queue(*runningHotspot_);
  if (running_) {
    if (runningForMonth) {
      rerunAfterCancel_ = true;
      cancel();
    }
    return;
  }
  runPending();
}

QString AnalysisPanel::pointsLayer() const { return points_->currentData().toString(); }

std::optional<ChoroplethState> AnalysisPanel::choropleth() const {
  return pendingChoropleth_ ? pendingChoropleth_ : shownChoropleth_;
}

std::vector<HotspotState> AnalysisPanel::hotspots() const {
  std::vector<HotspotState> all;
  // One overlay per method: one being computed again (for the state or a new month) replaces
  // the one shown; one the user started and left unfinished (closing the window to stop it,
  // say) is not started again on the next opening.
  const auto keep = [&](const HotspotState& overlay) {
    std::erase_if(all, [&](const HotspotState& kept) { return kept.method == overlay.method; });
    all.push_back(overlay);
  };
  for (const HotspotState& overlay : overlays_) keep(overlay);
  if (runningHotspot_ && runningFromState_ && !dropResult_) keep(*runningHotspot_);
  for (const HotspotState& overlay : pendingHotspots_) keep(overlay);
  return all;
}

void AnalysisPanel::restore(std::optional<ChoroplethState> choropleth, std::vector<HotspotState> hotspots) {
  pendingChoropleth_ = std::move(choropleth);
  pendingHotspots_ = std::move(hotspots);
  runPending();
}

// Starts the next run a reopen asked for, when nothing else is running (done() calls again).
void AnalysisPanel::runPending() {
  if (running_ || !document_.isOpen()) return;
  if (pendingChoropleth_) {
    const int zones = zones_->findData(QString::fromStdString(pendingChoropleth_->zones));
    if (zones >= 0) {
      zones_->setCurrentIndex(zones);
      return runStats();
    }
    pendingChoropleth_.reset();  // the catalog has no such zones layer any more
  }
  while (!pendingHotspots_.empty()) {
    const HotspotState next = pendingHotspots_.front();
    pendingHotspots_.erase(pendingHotspots_.begin());
    const int layer = points_->findData(QString::fromStdString(next.layer));
    const int method = method_->findData(QString::fromStdString(next.method));
    if (layer < 0 || method < 0) continue;
    startHotspots(next, true);
    return;
  }
}

// Results of the catalog open before belong to it: a run in flight is stopped and dropped, and
// what was shown is forgotten (the document dropped its overlays and styles too).
void AnalysisPanel::forgetResults() {
  cancel();
  dropResult_ = running_;
  pendingChoropleth_.reset();
  pendingHotspots_.clear();
  shownChoropleth_.reset();
  overlays_.clear();
  stats_ = OutputTable();
  statsZones_.clear();
  column_->blockSignals(true);
  column_->clear();
  column_->blockSignals(false);
  table_->clear();
  table_->setRowCount(0);
  table_->setColumnCount(0);
  status_->clear();
}

ChoroplethState AnalysisPanel::chosenStyle(const QString& column) const {
  ChoroplethState style;
  style.zones = statsZones_.toStdString();
  style.column = column.toStdString();
  style.method = classes_->currentData().toString().toStdString();
  style.classes = classCount_->value();
  style.palette = palette_->currentText().toStdString();
  return style;
}

void AnalysisPanel::fillTable() {
  table_->setSortingEnabled(false);
  table_->clear();
  table_->setColumnCount(static_cast<int>(stats_.columns.size()));
  table_->setRowCount(static_cast<int>(stats_.rows.size()));
  QStringList headers;
  for (const Column& column : stats_.columns) headers << QString::fromStdString(column.name);
  table_->setHorizontalHeaderLabels(headers);
  for (size_t r = 0; r < stats_.rows.size(); ++r)
    for (size_t c = 0; c < stats_.columns.size(); ++c) {
      auto* item = new QTableWidgetItem;
      const CellValue& cell = stats_.rows[r][c];
      if (std::holds_alternative<double>(cell) || std::holds_alternative<int64_t>(cell))
        item->setData(Qt::DisplayRole, std::holds_alternative<double>(cell)
                                           ? std::get<double>(cell)
                                           : static_cast<double>(std::get<int64_t>(cell)));
      else
        item->setText(cellText(cell));
      table_->setItem(static_cast<int>(r), static_cast<int>(c), item);
    }
  table_->setSortingEnabled(true);
}

bool AnalysisPanel::showColumn(const QString& column) {
  if (statsZones_.isEmpty()) return false;
  size_t index = stats_.columns.size();
  for (size_t c = 0; c < stats_.columns.size(); ++c)
    if (QString::fromStdString(stats_.columns[c].name) == column) index = c;
  if (index == stats_.columns.size()) return false;
  const ChoroplethState style = chosenStyle(column);
  Choropleth choropleth;
  choropleth.column = style.column;
  choropleth.classes.method = parseClassMethod(style.method).value_or(ClassMethod::jenks);
  choropleth.classes.count = style.classes;
  choropleth.classes.palette = style.palette;
  choropleth.valueById = numbersById(stats_, index);
  DocumentLayer* zones = document_.find(statsZones_);
  if (!zones) return false;
  try {
    document_.setRendered(
        statsZones_, std::make_shared<const RenderLayer>(loadRenderLayer(*zones->spec, document_.workingCrs(),
                                                                         language_, choropleth, SilentProgress())));
  } catch (const std::exception& error) {
    status_->setText(QString::fromStdString(error.what()));
    return false;
  }
  shownChoropleth_ = style;
  return true;
}

}  // namespace urbangis::viewer
