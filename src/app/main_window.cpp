#include "app/main_window.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCompleter>
#include <QDate>
#include <QDockWidget>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStringListModel>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "analysis/routing/graph_measure.h"
#include "analysis/zones.h"
#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/identify_panel.h"
#include "app/layer_panel.h"
#include "app/legend_widget.h"
#include "app/map_canvas.h"
#include "app/month_counts.h"
#include "app/month_slider.h"
#include "app/polygon_selection.h"
#include "app/route_panel.h"
#include "app/trend_chart.h"
#include "app/viewer_state.h"
#include "core/geos_context.h"
#include "io/attribute_rows.h"
#include "io/timestamps.h"
#include "render/print_export.h"

#include <ogr_geometry.h>

namespace urbangis::viewer {

MainWindow::MainWindow(const std::string& language, QWidget* parent) : QMainWindow(parent), language_(language) {
  canvas_ = new MapCanvas(document_, this);
  setCentralWidget(canvas_);
  layerPanel_ = new LayerPanel(document_, this);
  legend_ = new LegendWidget(document_, this);
  identifyPanel_ = new IdentifyPanel(document_, this);
  layersDock_ = new QDockWidget(this);
  layersDock_->setObjectName("layers");
  layersDock_->setWidget(layerPanel_);
  addDockWidget(Qt::LeftDockWidgetArea, layersDock_);
  legendDock_ = new QDockWidget(this);
  legendDock_->setObjectName("legend");
  legendDock_->setWidget(legend_);
  addDockWidget(Qt::LeftDockWidgetArea, legendDock_);
  attributeTable_ = new AttributeTable(document_, this);
  tableDock_ = new QDockWidget(this);
  tableDock_->setObjectName("table");
  tableDock_->setWidget(attributeTable_);
  addDockWidget(Qt::BottomDockWidgetArea, tableDock_);
  tableDock_->hide();
  analysisPanel_ = new AnalysisPanel(document_, this);
  analysisDock_ = new QDockWidget(this);
  analysisDock_->setObjectName("analysis");
  analysisDock_->setWidget(analysisPanel_);
  addDockWidget(Qt::RightDockWidgetArea, analysisDock_);
  routePanel_ = new RoutePanel(document_, this);
  routeDock_ = new QDockWidget(this);
  routeDock_->setObjectName("route");
  routeDock_->setWidget(routePanel_);
  addDockWidget(Qt::RightDockWidgetArea, routeDock_);
  routeDock_->hide();
  identifyDock_ = new QDockWidget(this);
  identifyDock_->setObjectName("identify");
  identifyDock_->setWidget(identifyPanel_);
  addDockWidget(Qt::RightDockWidgetArea, identifyDock_);
  // The month slider over the trend chart, beside the attribute table.
  monthSlider_ = new MonthSlider(this);
  trendChart_ = new TrendChart(this);
  auto* timePanel = new QWidget(this);
  auto* timeLayout = new QVBoxLayout(timePanel);
  timeLayout->setContentsMargins(2, 2, 2, 2);
  timeLayout->addWidget(monthSlider_);
  timeLayout->addWidget(trendChart_, 1);
  timeDock_ = new QDockWidget(this);
  timeDock_->setObjectName("time");
  timeDock_->setWidget(timePanel);
  addDockWidget(Qt::BottomDockWidgetArea, timeDock_);

  lonLatLabel_ = new QLabel(this);
  projectedLabel_ = new QLabel(this);
  scaleLabel_ = new QLabel(this);
  crsLabel_ = new QLabel(this);
  for (QLabel* label : {lonLatLabel_, projectedLabel_, scaleLabel_, crsLabel_}) statusBar()->addPermanentWidget(label);

  buildActions();
  connect(&document_, &MapDocument::layerLoaded, this, [this](const QString&) {
    layerPanel_->rebuild(language_);
    legend_->update();
    canvas_->refresh();
  });
  connect(&document_, &MapDocument::layerFailed, this, [this](const QString& id, const QString& error) {
    layerPanel_->rebuild(language_);
    statusBar()->showMessage(tr("Layer %1 could not be loaded: %2").arg(id, error), 15000);
  });
  connect(&document_, &MapDocument::loadingFinished, this, [this] {
    const std::optional<ViewerState> state = loadViewerState(catalogFile_);
    applySavedState(state);
    attributeTable_->rebuild(language_);
    routePanel_->rebuild(language_);
    analysisPanel_->rebuild(language_);
    monthSlider_->setMonths(monthsPresent(document_.layers()));
    monthSlider_->setMonth(state ? parseMonthKey(state->month) : std::nullopt);
    chooseMonth(monthSlider_->month());  // before the choropleth is computed again: it counts that month
    trendZone_.reset();
    trendChart_->clear();
    if (state) analysisPanel_->restore(state->choropleth, state->hotspots);
    buildSearchIndex();
    stateApplied_ = true;
    emit catalogLoaded();
  });
  connect(&document_, &MapDocument::layersReplaced, this, [this] {
    applyAwaitedLayerStates();
    layerPanel_->rebuild(language_);
  });
  connect(&document_, &MapDocument::changed, this, [this] {
    if (restoring_) return;
    legend_->update();
    canvas_->refresh();
  });
  connect(layerPanel_, &LayerPanel::zoomToLayerRequested, this, [this](const QString& id) {
    if (const DocumentLayer* layer = document_.find(id); layer && layer->rendered)
      canvas_->zoomTo(
          MapExtent{layer->rendered->minX, layer->rendered->minY, layer->rendered->maxX, layer->rendered->maxY}.grownBy(
              0.05));
  });
  connect(canvas_, &MapCanvas::cursorMoved, this, &MainWindow::showCursor);
  connect(canvas_, &MapCanvas::viewChanged, this, &MainWindow::updateScale);
  // Big PostGIS layers are read for the view once it has settled, not on every step of a pan.
  windowTimer_ = new QTimer(this);
  windowTimer_->setSingleShot(true);
  windowTimer_->setInterval(150);
  connect(canvas_, &MapCanvas::viewChanged, windowTimer_, qOverload<>(&QTimer::start));
  connect(windowTimer_, &QTimer::timeout, this, [this] {
    const MapExtent view = canvas_->visibleExtent();
    document_.setViewExtent(view.minX, view.minY, view.maxX, view.maxY);
  });
  connect(&document_, &MapDocument::windowRead, this, [this](const QString& id) {
    const DocumentLayer* layer = document_.find(id);
    if (!layer || !layer->rendered) return;
    if (highlighted_.first == id) highlightFids(id, highlighted_.second, false);  // new feature indexes
    if (layer->rendered->truncated)
      statusBar()->showMessage(tr("%1: more than %2 features in view; the first %2 are drawn. Zoom in to see all.")
                                   .arg(QString::fromStdString(layer->spec->title.in(language_)))
                                   .arg(layer->rendered->features.size()),
                               10000);
  });
  connect(canvas_, &MapCanvas::identifyRequested, this, [this](double x, double y, double tolerance) {
    const int found = identifyPanel_->identify(x, y, tolerance, language_, canvas_->month());
    identifyDock_->raise();
    statusBar()->showMessage(tr("%n feature(s) found", nullptr, found), 5000);
  });
  connect(attributeTable_, &AttributeTable::selectionChanged, this,
          [this](const QString& id, const std::vector<int64_t>& fids) { highlightFids(id, fids, false); });
  connect(attributeTable_, &AttributeTable::zoomToSelectionRequested, this,
          [this](const QString& id, const std::vector<int64_t>& fids) { highlightFids(id, fids, true); });
  connect(canvas_, &MapCanvas::boxSelected, this, &MainWindow::selectInBox);
  connect(canvas_, &MapCanvas::polygonSelected, this, &MainWindow::selectInPolygon);
  connect(canvas_, &MapCanvas::renderFailed, this, [this](const QString& error) {
    statusBar()->showMessage(tr("The map could not be drawn: %1").arg(error), 15000);
  });
  connect(canvas_, &MapCanvas::measureChanged, this, &MainWindow::measure);
  connect(canvas_, &MapCanvas::placeClicked, this, [this](double x, double y) {
    if (!cursor_) return;
    double lon = x, lat = y;
    if (cursor_->toLonLat.applyLenient(&lon, &lat, 1) == 0) routePanel_->addPlace(lon, lat);
  });
  connect(routePanel_, &RoutePanel::routeFinished, this, &MainWindow::showRoute);
  connect(monthSlider_, &MonthSlider::monthChanged, this, &MainWindow::chooseMonth);
  connect(analysisPanel_, &AnalysisPanel::pointsLayerChanged, this, [this] {
    if (trendZone_) showTrend(trendZone_->first, trendZone_->second);  // the chart counts that layer
  });
  setLanguage(language);
  resize(1280, 800);
}

MainWindow::~MainWindow() = default;

MainWindow::CursorTransforms::CursorTransforms(const CrsSpec& workingCrs)
    : working(proj, workingCrs),
      toLonLat(proj, working, Crs(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"})),
      toGcj(proj, working, Crs(proj, *parseCrsName("gcj02"))) {}

void MainWindow::buildActions() {
  fileMenu_ = menuBar()->addMenu(QString());
  openAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open catalog"), QString(), tr("Catalogs (*.json)"));
    if (!file.isEmpty()) openCatalog(file.toStdString());
  });
  openAction_->setShortcut(QKeySequence::Open);
  recentMenu_ = fileMenu_->addMenu(QString());
  exportAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export map"), QStringLiteral("map.png"),
                                                      tr("Images and PDF (*.png *.pdf)"));
    if (file.isEmpty()) return;
    const QString error = exportMap(file);
    if (!error.isEmpty()) QMessageBox::critical(this, tr("Export map"), error);
  });
  fileMenu_->addSeparator();
  quitAction_ = fileMenu_->addAction(QString(), this, &QWidget::close);
  quitAction_->setShortcut(QKeySequence::Quit);

  viewMenu_ = menuBar()->addMenu(QString());
  fullExtentAction_ = viewMenu_->addAction(QString(), canvas_, &MapCanvas::zoomToFullExtent);
  zoomInAction_ = viewMenu_->addAction(QString(), this, [this] { canvas_->zoomBy(1.5, canvas_->rect().center()); });
  zoomInAction_->setShortcut(QKeySequence::ZoomIn);
  zoomOutAction_ =
      viewMenu_->addAction(QString(), this, [this] { canvas_->zoomBy(1 / 1.5, canvas_->rect().center()); });
  zoomOutAction_->setShortcut(QKeySequence::ZoomOut);
  viewMenu_->addSeparator();
  auto* tools = new QActionGroup(this);
  panAction_ = viewMenu_->addAction(QString(), this, [this] { canvas_->setTool(CanvasTool::pan); });
  zoomBoxAction_ = viewMenu_->addAction(QString(), this, [this] { canvas_->setTool(CanvasTool::zoomBox); });
  identifyAction_ = viewMenu_->addAction(QString(), this, [this] { canvas_->setTool(CanvasTool::identify); });
  selectAction_ = viewMenu_->addAction(QString(), this, [this] {
    canvas_->setTool(CanvasTool::select);
    tableDock_->show();
  });
  selectPolygonAction_ = viewMenu_->addAction(QString(), this, [this] {
    canvas_->setTool(CanvasTool::selectPolygon);
    tableDock_->show();
  });
  measureAction_ = viewMenu_->addAction(QString(), this, [this] { canvas_->setTool(CanvasTool::measure); });
  routeAction_ = viewMenu_->addAction(QString(), this, [this] {
    canvas_->setTool(CanvasTool::route);
    routeDock_->show();
  });
  for (QAction* action : {panAction_, zoomBoxAction_, identifyAction_, selectAction_, selectPolygonAction_,
                          measureAction_, routeAction_}) {
    action->setCheckable(true);
    tools->addAction(action);
  }
  panAction_->setChecked(true);
  viewMenu_->addSeparator();
  gcjAction_ = viewMenu_->addAction(QString());
  gcjAction_->setCheckable(true);
  viewMenu_->addSeparator();
  viewMenu_->addAction(layersDock_->toggleViewAction());
  viewMenu_->addAction(legendDock_->toggleViewAction());
  viewMenu_->addAction(identifyDock_->toggleViewAction());
  viewMenu_->addAction(tableDock_->toggleViewAction());
  viewMenu_->addAction(routeDock_->toggleViewAction());
  viewMenu_->addAction(analysisDock_->toggleViewAction());

  languageMenu_ = menuBar()->addMenu(QString());
  auto* languages = new QActionGroup(this);
  chineseAction_ = languageMenu_->addAction(QStringLiteral("中文"), this, [this] { setLanguage("zh"); });
  englishAction_ = languageMenu_->addAction(QStringLiteral("English"), this, [this] { setLanguage("en"); });
  for (QAction* action : {chineseAction_, englishAction_}) {
    action->setCheckable(true);
    languages->addAction(action);
  }

  QToolBar* toolbar = addToolBar(QStringLiteral("tools"));
  toolbar->setObjectName("tools");
  for (QAction* action :
       {openAction_, exportAction_, fullExtentAction_, zoomInAction_, zoomOutAction_, panAction_, zoomBoxAction_,
        identifyAction_, selectAction_, selectPolygonAction_, measureAction_, routeAction_})
    toolbar->addAction(action);
  searchBox_ = new QLineEdit(this);
  searchBox_->setClearButtonEnabled(true);
  searchBox_->setMaximumWidth(260);
  toolbar->addWidget(searchBox_);
  connect(searchBox_, &QLineEdit::returnPressed, this, [this] {
    if (!search(searchBox_->text()))
      statusBar()->showMessage(tr("Nothing found for \"%1\"").arg(searchBox_->text()), 5000);
  });
  rebuildRecentMenu();
}

void MainWindow::retranslate() {
  fileMenu_->setTitle(tr("&File"));
  openAction_->setText(tr("&Open catalog…"));
  recentMenu_->setTitle(tr("Open &recent"));
  exportAction_->setText(tr("&Export map…"));
  quitAction_->setText(tr("&Quit"));
  viewMenu_->setTitle(tr("&View"));
  fullExtentAction_->setText(tr("Zoom to &full extent"));
  zoomInAction_->setText(tr("Zoom &in"));
  zoomOutAction_->setText(tr("Zoom &out"));
  panAction_->setText(tr("&Pan"));
  zoomBoxAction_->setText(tr("Zoom to &box"));
  identifyAction_->setText(tr("&Identify"));
  selectAction_->setText(tr("&Select by box"));
  selectPolygonAction_->setText(tr("Select by pol&ygon"));
  selectPolygonAction_->setToolTip(
      tr("Select by polygon: click the corners, double-click or Enter to close, Esc to cancel"));
  measureAction_->setText(tr("&Measure"));
  routeAction_->setText(tr("&Route"));
  routeDock_->setWindowTitle(tr("Route"));
  analysisDock_->setWindowTitle(tr("Analysis"));
  timeDock_->setWindowTitle(tr("Time"));
  monthSlider_->retranslate();
  if (trendZone_) showTrend(trendZone_->first, trendZone_->second);
  searchBox_->setPlaceholderText(tr("Find a district, community or grid…"));
  tableDock_->setWindowTitle(tr("Attribute table"));
  gcjAction_->setText(tr("Show &GCJ-02 coordinates"));
  languageMenu_->setTitle(tr("&Language"));
  layersDock_->setWindowTitle(tr("Layers"));
  legendDock_->setWindowTitle(tr("Legend"));
  identifyDock_->setWindowTitle(tr("Identify"));
  identifyPanel_->setHeaderLabels({tr("Field"), tr("Value")});
  analysisPanel_->retranslate();
  routePanel_->retranslate();
  attributeTable_->retranslate();
  const QString place = document_.isOpen() ? QString::fromStdString(document_.catalog().name.in(language_)) : QString();
  setWindowTitle(place.isEmpty() ? tr("UrbanGIS") : tr("UrbanGIS — %1").arg(place));
  updateScale();
}

void MainWindow::setLanguage(const std::string& language) {
  const bool changed = language != language_ || translator_.isEmpty();
  language_ = language;
  QApplication::removeTranslator(&translator_);
  if (language == "zh" && translator_.load(QStringLiteral(":/i18n/urbangis_zh_CN.qm")))
    QApplication::installTranslator(&translator_);
  chineseAction_->setChecked(language == "zh");
  englishAction_->setChecked(language == "en");
  retranslate();
  legend_->setLanguage(language);
  canvas_->setLanguage(language);
  // Legend labels and layer titles come from the catalog and styles in both languages: reload.
  if (changed && document_.isOpen()) {
    openCatalog(catalogFile_, true);
  } else {
    layerPanel_->rebuild(language);
  }
}

bool MainWindow::openCatalog(const std::filesystem::path& file, bool quiet) {
  saveState();  // of the catalog open until now (the same one, when reloading)
  try {
    document_.open(file, language_);
  } catch (const std::exception& error) {
    lastError_ = QString::fromStdString(error.what());
    if (!quiet) QMessageBox::critical(this, tr("Cannot open the catalog"), lastError_);
    return false;
  }
  lastError_.clear();
  stateApplied_ = false;
  awaitedLayers_.clear();
  savedOrder_.clear();
  catalogFile_ = file;
  cursor_ = std::make_unique<CursorTransforms>(document_.workingCrs());
  crsLabel_->setText(QString::fromStdString(cursor_->working.describe()));
  layerPanel_->rebuild(language_);
  identifyPanel_->clear();
  canvas_->setHighlight({}, {});
  addRecent(QString::fromStdString(std::filesystem::absolute(file).string()));
  retranslate();
  return true;
}

void MainWindow::applySavedState(const std::optional<ViewerState>& state) {
  restoring_ = true;
  if (state) {
    for (const LayerState& layer : state->layers) {
      const QString id = QString::fromStdString(layer.id);
      savedOrder_.push_back(id);
      if (!document_.find(id)) {
        awaitedLayers_.push_back(layer);
        continue;
      }
      document_.setVisible(id, layer.visible);
      document_.setOpacity(id, layer.opacity);
    }
    if (!savedOrder_.empty()) document_.reorder(savedOrder_);
  }
  restoring_ = false;
  layerPanel_->rebuild(language_);
  legend_->update();
  if (state && state->extent)
    canvas_->zoomTo(*state->extent);
  else
    canvas_->zoomToFullExtent();
}

// An analysis overlay saved with the state arrives when it has been computed again: it gets
// its saved visibility, opacity and place.
void MainWindow::applyAwaitedLayerStates() {
  bool arrived = false;
  for (auto it = awaitedLayers_.begin(); it != awaitedLayers_.end();) {
    const QString id = QString::fromStdString(it->id);
    if (!document_.find(id)) {
      ++it;
      continue;
    }
    document_.setVisible(id, it->visible);
    document_.setOpacity(id, it->opacity);
    it = awaitedLayers_.erase(it);
    arrived = true;
  }
  if (arrived) document_.reorder(savedOrder_);
}

void MainWindow::saveState() {
  if (!document_.isOpen() || !stateApplied_) return;
  ViewerState state;
  state.language = language_;
  state.extent = canvas_->visibleExtent();
  for (const DocumentLayer& layer : document_.layers())
    state.layers.push_back({layer.spec->id, layer.visible, layer.opacity});
  // Overlays still being computed again keep their saved place, visibility and opacity.
  state.layers.insert(state.layers.end(), awaitedLayers_.begin(), awaitedLayers_.end());
  state.choropleth = analysisPanel_->choropleth();
  state.hotspots = analysisPanel_->hotspots();
  if (const std::optional<int32_t> month = monthSlider_->month()) state.month = monthKeyText(*month);
  saveViewerState(catalogFile_, state);
}

// Closing never waits for work in the background: every worker is told to stop and owns what
// it reads, so the window goes at once and the workers end at their next check.
void MainWindow::closeEvent(QCloseEvent* event) {
  saveState();
  document_.cancelLoading();
  analysisPanel_->cancel();
  routePanel_->cancel();
  event->accept();
}

void MainWindow::showCursor(double x, double y) {
  projectedLabel_->setText(QStringLiteral("X %1  Y %2").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1));
  if (!cursor_) return;
  double lon = x, lat = y;
  if (cursor_->toLonLat.applyLenient(&lon, &lat, 1) != 0) return;
  QString text = QStringLiteral("%1°E %2°N").arg(lon, 0, 'f', 6).arg(lat, 0, 'f', 6);
  if (gcjAction_->isChecked()) {
    double gx = x, gy = y;
    if (cursor_->toGcj.applyLenient(&gx, &gy, 1) == 0)
      text += QStringLiteral("  GCJ-02 %1, %2").arg(gx, 0, 'f', 6).arg(gy, 0, 'f', 6);
  }
  lonLatLabel_->setText(text);
}

void MainWindow::updateScale() {
  const double scale = canvas_ ? canvas_->scaleDenominator() : 0;
  scaleLabel_->setText(scale > 0 ? tr("Scale 1:%1").arg(QLocale().toString(static_cast<qlonglong>(std::llround(scale))))
                                 : QString());
}

QString MainWindow::exportMap(const QString& file) {
  if (!document_.isOpen()) return tr("No catalog is open");
  PrintMap map;
  map.language = language_;
  map.extent = canvas_->visibleExtent();
  for (const DocumentLayer& layer : document_.layers())
    if (layer.visible && layer.rendered) map.layers.push_back({layer.rendered.get(), layer.opacity});
  const bool zh = language_ == "zh";
  const std::string place = document_.catalog().name.in(language_);
  map.title = QString::fromStdString(place + (zh ? "城市管理地图" : " urban management map"));
  map.dateText =
      (zh ? QStringLiteral("制图日期 ") : QStringLiteral("Made ")) + QDate::currentDate().toString(Qt::ISODate);
  map.sourceNote = QString::fromStdString((zh ? "数据来源：" : "Data: ") + place);
  map.crsText = crsLabel_->text();
  map.month = monthSlider_->month();  // the print shows what the map shows
  if (map.month) map.subtitle = QString::fromStdString((zh ? "月份 " : "Month ") + monthKeyText(*map.month));
  std::vector<std::filesystem::path> inputs{catalogFile_};
  for (const DocumentLayer& layer : document_.layers()) inputs.push_back(layer.spec->resolvedSource);
  try {
    exportPrintMap(map, file.toStdString(), QSize(3508, 2480), 300, inputs);
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
  statusBar()->showMessage(tr("Wrote %1").arg(file), 8000);
  return {};
}

void MainWindow::addRecent(const QString& file) {
  QSettings settings;
  QStringList recent = settings.value("recentCatalogs").toStringList();
  recent.removeAll(file);
  recent.prepend(file);
  while (recent.size() > 8) recent.removeLast();
  settings.setValue("recentCatalogs", recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentCatalogs").toStringList();
  for (const QString& file : recent)
    recentMenu_->addAction(file, this, [this, file] { openCatalog(file.toStdString()); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

}  // namespace urbangis::viewer

namespace urbangis::viewer {

// Names and codes of every zones layer's features, for the search box.
void MainWindow::buildSearchIndex() {
  searchIndex_.clear();
  QStringList words;
  for (const DocumentLayer& layer : document_.layers()) {
    if (layer.spec->role != LayerRole::zones || !layer.rendered) continue;
    try {
      const AttributeRows rows = readAttributeRows(*layer.spec, SilentProgress());
      auto column = [&](const std::string& name) {
        for (size_t c = 0; c < rows.columns.size(); ++c)
          if (rows.columns[c].name == name) return static_cast<int>(c);
        return -1;
      };
      const int id = column(layer.spec->idField), name = column(layer.spec->nameField);
      for (size_t r = 0; r < rows.rows.size(); ++r)
        for (int c : {name, id}) {
          if (c < 0) continue;
          const CellValue& cell = rows.rows[r][static_cast<size_t>(c)];
          QString text;
          if (const auto* s = std::get_if<std::string>(&cell))
            text = QString::fromStdString(*s);
          else if (const auto* i = std::get_if<int64_t>(&cell))
            text = QString::number(*i);
          if (text.isEmpty()) continue;
          searchIndex_.push_back({text, QString::fromStdString(layer.spec->id), rows.fids[r]});
          words << text;
        }
    } catch (const std::exception&) {
      // A layer that cannot be read is already marked in the layer panel.
    }
  }
  words.removeDuplicates();
  auto* completer = new QCompleter(words, searchBox_);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setFilterMode(Qt::MatchContains);
  searchBox_->setCompleter(completer);
}

bool MainWindow::search(const QString& text) {
  const QString wanted = text.trimmed();
  if (wanted.isEmpty()) return false;
  const SearchEntry* best = nullptr;
  for (const SearchEntry& entry : searchIndex_) {
    if (entry.text == wanted) {
      best = &entry;
      break;
    }
    if (!best && entry.text.contains(wanted, Qt::CaseInsensitive)) best = &entry;
  }
  if (!best) return false;
  highlightFids(best->layer, {best->fid}, true);
  return true;
}

void MainWindow::highlightFids(const QString& layerId, const std::vector<int64_t>& fids, bool zoom) {
  const DocumentLayer* layer = document_.find(layerId);
  if (!layer || !layer->rendered) return;
  highlighted_ = {layerId, fids};
  std::vector<size_t> indexes;
  MapExtent extent{INFINITY, INFINITY, -INFINITY, -INFINITY};
  for (size_t i = 0; i < layer->rendered->features.size(); ++i) {
    const DrawFeature& feature = layer->rendered->features[i];
    if (std::find(fids.begin(), fids.end(), feature.fid) == fids.end()) continue;
    indexes.push_back(i);
    extent = {std::min(extent.minX, feature.minX), std::min(extent.minY, feature.minY),
              std::max(extent.maxX, feature.maxX), std::max(extent.maxY, feature.maxY)};
  }
  canvas_->setHighlight(layerId, indexes);
  if (layer->spec->role == LayerRole::zones && !fids.empty()) showTrend(layerId, fids.front());
  if (zoom && !indexes.empty()) {
    // A point or a tiny feature is shown with some surroundings (about 1:5,000).
    const double minimum = 400;
    const double cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2;
    const double w = std::max(extent.width(), minimum), h = std::max(extent.height(), minimum);
    canvas_->zoomTo(MapExtent{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2}.grownBy(0.15));
  }
}

void MainWindow::chooseMonth(std::optional<int32_t> month) {
  canvas_->setMonth(month);
  analysisPanel_->setMonth(month);
  trendChart_->setHighlight(month);
}

// The zone's monthly counts of the analysis panel's points layer, every month of the slider
// shown (zeros too) so the bars line up with it.
void MainWindow::showTrend(const QString& zonesId, int64_t zoneFid) {
  const DocumentLayer* zones = document_.find(zonesId);
  const DocumentLayer* points = document_.find(analysisPanel_->pointsLayer());
  if (!zones || !zones->rendered || !points || !points->rendered) return trendChart_->clear();
  trendZone_ = {zonesId, zoneFid};
  const std::map<int32_t, size_t> counts = monthlyCountsInZone(*zones->rendered, zoneFid, *points->rendered);
  std::vector<std::pair<int32_t, size_t>> series;
  for (const int32_t month : monthSlider_->months()) {
    const auto found = counts.find(month);
    series.emplace_back(month, found == counts.end() ? 0 : found->second);
  }
  QString zoneName = QString::number(zoneFid);
  for (const SearchEntry& entry : searchIndex_)
    if (entry.layer == zonesId && entry.fid == zoneFid) {
      zoneName = entry.text;  // its name comes before its code
      break;
    }
  // A layer read by view window holds only what is around the view: its counts say so.
  const QString title =
      points->windowed ? tr("%1 per month in %2 (features loaded around the view)") : tr("%1 per month in %2");
  trendChart_->setSeries(title.arg(QString::fromStdString(points->spec->title.in(language_)), zoneName),
                         std::move(series));
}

void MainWindow::selectInBox(const MapExtent& box) {
  const QString id = attributeTable_->currentLayer();
  const DocumentLayer* layer = document_.find(id);
  if (!layer || !layer->rendered) return;
  std::vector<int64_t> fids;
  for (const DrawFeature& feature : layer->rendered->features)
    if (layer->rendered->shows(feature, canvas_->month()) && feature.minX >= box.minX && feature.maxX <= box.maxX &&
        feature.minY >= box.minY && feature.maxY <= box.maxY)
      fids.push_back(feature.fid);
  showSelection(id, fids);
}

// The features of the attribute table's layer that the polygon touches.
void MainWindow::selectInPolygon(const std::vector<QPointF>& vertices) {
  const QString id = attributeTable_->currentLayer();
  const DocumentLayer* layer = document_.find(id);
  if (!layer || !layer->rendered) return;
  try {
    showSelection(id, fidsIntersectingPolygon(*layer->rendered, vertices, canvas_->month()));
  } catch (const std::exception& error) {
    statusBar()->showMessage(QString::fromStdString(error.what()), 15000);
  }
}

// A selection made on the map: rows selected in the table and the features highlighted.
void MainWindow::showSelection(const QString& layerId, const std::vector<int64_t>& fids) {
  attributeTable_->selectFeatures(layerId, fids);
  highlightFids(layerId, fids, false);
  statusBar()->showMessage(tr("%n feature(s) selected", nullptr, static_cast<int>(fids.size())), 5000);
}

void MainWindow::measure(const std::vector<QPointF>& points, bool finished) {
  if (!document_.isOpen() || points.empty()) return;
  ProjContext proj;
  const MeasureFrame frame(proj, document_.workingCrs());
  std::vector<Point2> line;
  for (const QPointF& p : points) line.push_back({p.x(), p.y()});
  measuredLength_ = polylineLength(line, proj, frame);
  measuredArea_ = 0;
  if (points.size() >= 3) {
    GeosContext geos;
    std::string wkt = "POLYGON((";
    for (const QPointF& p : points) wkt += QString::asprintf("%.3f %.3f,", p.x(), p.y()).toStdString();
    wkt += QString::asprintf("%.3f %.3f))", points.front().x(), points.front().y()).toStdString();
    try {
      GeomPtr polygon = geos.fromWkt(wkt);
      GeomPtr valid = repaired(geos, std::move(polygon), 2);
      if (valid) measuredArea_ = frame.area(geos, valid.get());
    } catch (const std::exception&) {
      measuredArea_ = 0;
    }
  }
  QString text = tr("Length %1 m").arg(QLocale().toString(measuredLength_, 'f', 1));
  if (points.size() >= 3) text += tr(", area %1 m² (closed)").arg(QLocale().toString(measuredArea_, 'f', 0));
  text += finished ? tr(" — ellipsoidal") : tr(" — double-click to finish");
  statusBar()->showMessage(text);
}

}  // namespace urbangis::viewer

namespace urbangis::viewer {

// The route or tour on the map: its lines from the output table (working CRS) and the places.
void MainWindow::showRoute() {
  std::vector<std::vector<QPointF>> lines;
  const auto& outcome = routePanel_->outcome();
  if (outcome && outcome->error.isEmpty())
    for (const auto& wkb : outcome->table.wkb) {
      OGRGeometry* geometry = nullptr;
      if (wkb.empty() || OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()) != OGRERR_NONE)
        continue;
      OGRGeometryUniquePtr owned(geometry);
      if (wkbFlatten(geometry->getGeometryType()) != wkbLineString) continue;
      std::vector<QPointF> line;
      for (const auto& point : *geometry->toLineString()) line.emplace_back(point.getX(), point.getY());
      lines.push_back(std::move(line));
    }
  canvas_->setRouteOverlay(std::move(lines), {});
  if (outcome && !outcome->error.isEmpty()) statusBar()->showMessage(outcome->error, 15000);
}

}  // namespace urbangis::viewer
