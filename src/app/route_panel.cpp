#include "app/route_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "analysis/routing/route_plan.h"
#include "analysis/routing/tour_plan.h"
#include "app/flag_progress.h"
#include "app/map_document.h"
#include "io/outputs/table_writer.h"

namespace urbangis::viewer {
namespace {

QString metres(double value) {
  return value >= 1000 ? QString::number(value / 1000, 'f', 2) + QStringLiteral(" km")
                       : QString::number(value, 'f', 0) + QStringLiteral(" m");
}

}  // namespace

RoutePanel::RoutePanel(MapDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  from_ = new QLineEdit(this);
  to_ = new QLineEdit(this);
  vias_ = new QLineEdit(this);
  where_ = new QLineEdit(this);
  corridors_ = new QComboBox(this);
  route_ = new QPushButton(this);
  tour_ = new QPushButton(this);
  clear_ = new QPushButton(this);
  export_ = new QPushButton(this);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  directions_ = new QPlainTextEdit(this);
  directions_->setReadOnly(true);
  for (QLabel** label : {&fromLabel_, &toLabel_, &viaLabel_, &corridorsLabel_, &filterLabel_})
    *label = new QLabel(this);
  auto* form = new QFormLayout;
  form->addRow(fromLabel_, from_);
  form->addRow(toLabel_, to_);
  form->addRow(viaLabel_, vias_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(route_);
  buttons->addWidget(clear_);
  auto* tourForm = new QFormLayout;
  tourForm->addRow(corridorsLabel_, corridors_);
  tourForm->addRow(filterLabel_, where_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addLayout(tourForm);
  layout->addWidget(tour_);
  layout->addWidget(summary_);
  layout->addWidget(directions_, 1);
  layout->addWidget(export_);
  where_->setPlaceholderText(QStringLiteral("status = '待整治'"));
  export_->setEnabled(false);
  connect(route_, &QPushButton::clicked, this, &RoutePanel::startRoute);
  connect(tour_, &QPushButton::clicked, this, &RoutePanel::startTour);
  connect(clear_, &QPushButton::clicked, this, &RoutePanel::clearPlaces);
  connect(export_, &QPushButton::clicked, this, &RoutePanel::exportRoute);
  connect(&watcher_, &QFutureWatcher<RouteOutcome>::finished, this, &RoutePanel::finished);
}

RoutePanel::~RoutePanel() { cancel(); }

void RoutePanel::cancel() {
  if (cancelFlag_) cancelFlag_->store(true);
}

void RoutePanel::retranslate() {
  fromLabel_->setText(tr("From"));
  toLabel_->setText(tr("To"));
  viaLabel_->setText(tr("Via"));
  corridorsLabel_->setText(tr("Corridors"));
  filterLabel_->setText(tr("Filter"));
  route_->setText(tr("Route"));
  tour_->setText(tr("Tour along the corridors"));
  clear_->setText(tr("Clear"));
  export_->setText(tr("Export…"));
  from_->setPlaceholderText(tr("click the map, or LON,LAT"));
  to_->setPlaceholderText(tr("click the map, or LON,LAT"));
  vias_->setPlaceholderText(tr("more clicks add vias; LON,LAT;LON,LAT"));
}

void RoutePanel::rebuild(const std::string& language) {
  language_ = language;
  retranslate();
  corridors_->clear();
  if (!document_.isOpen()) return;
  for (const LayerSpec& spec : document_.catalog().layers)
    if (spec.role == LayerRole::lines)
      corridors_->addItem(QString::fromStdString(spec.title.in(language)), QString::fromStdString(spec.id));
  tour_->setEnabled(corridors_->count() > 0);
}

void RoutePanel::addPlace(double lon, double lat) {
  const QString place = QStringLiteral("%1,%2").arg(lon, 0, 'f', 6).arg(lat, 0, 'f', 6);
  if (from_->text().isEmpty())
    from_->setText(place);
  else if (to_->text().isEmpty())
    to_->setText(place);
  else
    vias_->setText(vias_->text().isEmpty() ? to_->text() : vias_->text() + ";" + to_->text()), to_->setText(place);
}

void RoutePanel::clearPlaces() {
  from_->clear();
  to_->clear();
  vias_->clear();
  outcome_.reset();
  summary_->clear();
  directions_->clear();
  export_->setEnabled(false);
  emit routeFinished();
}

void RoutePanel::startRoute() {
  if (!document_.isOpen() || running_) return;
  RouteRequest request;
  request.language = language_;
  request.graph.cacheDir = defaultGraphCacheDir();
  const Catalog catalog = document_.catalog();
  const QString from = from_->text(), to = to_->text(), vias = vias_->text();
  summary_->setText(tr("Routing…"));
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  running_ = true;
  watcher_.setFuture(
      QtConcurrent::run([catalog, request, from, to, vias, progress = FlagProgress(cancelFlag_)]() mutable {
        RouteOutcome outcome;
        try {
          request.stops.push_back(parseLonLat(from.toStdString(), "From"));
          for (const QString& via : vias.split(';', Qt::SkipEmptyParts))
            request.stops.push_back(parseLonLat(via.toStdString(), "Via"));
          request.stops.push_back(parseLonLat(to.toStdString(), "To"));
          RouteResult result = planRoute(catalog, request, progress);
          outcome.table = std::move(result.table);
          outcome.inputs = result.inputs;
          outcome.summary = RoutePanel::tr("Route %1").arg(metres(result.lengthM));
          outcome.directions = QString::fromStdString(result.directions);
        } catch (const std::exception& error) {
          outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
      }));
}

void RoutePanel::startTour() {
  if (!document_.isOpen() || running_ || corridors_->count() == 0) return;
  TourRequest request;
  request.language = language_;
  request.corridors = corridors_->currentData().toString().toStdString();
  request.graph.cacheDir = defaultGraphCacheDir();
  request.skipOffNetwork = true;
  const Catalog catalog = document_.catalog();
  const QString where = where_->text(), depot = from_->text();
  summary_->setText(tr("Planning the tour…"));
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  running_ = true;
  watcher_.setFuture(
      QtConcurrent::run([catalog, request, where, depot, progress = FlagProgress(cancelFlag_)]() mutable {
        RouteOutcome outcome;
        try {
          if (!where.trimmed().isEmpty()) request.where = FilterExpression::parse(where.toStdString());
          if (!depot.trimmed().isEmpty()) request.depot = parseLonLat(depot.toStdString(), "From");
          TourResult result = planTour(catalog, request, progress);
          outcome.table = std::move(result.table);
          outcome.inputs = result.inputs;
          outcome.summary = RoutePanel::tr("Tour %1: %2 along corridors, %3 between them")
                                .arg(metres(result.totalM), metres(result.requiredM), metres(result.deadheadM));
          QStringList order;
          for (const auto& id : result.corridorOrder) order << QString::fromStdString(id);
          outcome.directions = order.join(QStringLiteral(" → "));
        } catch (const std::exception& error) {
          outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
      }));
}

void RoutePanel::finished() {
  running_ = false;
  outcome_ = watcher_.result();
  if (!outcome_->error.isEmpty()) {
    summary_->setText(outcome_->error);
    directions_->clear();
    export_->setEnabled(false);
  } else {
    summary_->setText(outcome_->summary);
    directions_->setPlainText(outcome_->directions);
    export_->setEnabled(true);
  }
  emit routeFinished();
}

void RoutePanel::exportRoute() {
  if (!outcome_ || !outcome_->error.isEmpty()) return;
  const QString file = QFileDialog::getSaveFileName(this, tr("Export route"), QStringLiteral("route.geojson"),
                                                    tr("GeoJSON, GPX, GeoPackage (*.geojson *.gpx *.gpkg)"));
  if (file.isEmpty()) return;
  try {
    std::vector<std::filesystem::path> inputs = outcome_->inputs;
    inputs.push_back(document_.catalog().file);
    writeTable(outcome_->table, file.toStdString(), inputs);
  } catch (const std::exception& error) {
    QMessageBox::critical(this, tr("Export route"), QString::fromStdString(error.what()));
  }
}

}  // namespace urbangis::viewer
