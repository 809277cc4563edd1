// The viewer's main window: its map, docks, menus and toolbar, its languages, opening a catalog
// and closing. What it does with them is in main_window_*.cpp, one file per feature (search,
// selection, months, status bar, state and recent files, outputs).

#include "app/main_window.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/analysis_panel.h"
#include "app/attribute_table.h"
#include "app/identify_panel.h"
#include "app/layer_panel.h"
#include "app/legend_widget.h"
#include "app/map_canvas.h"
#include "app/month_counts.h"
#include "app/month_slider.h"
#include "app/route_panel.h"
#include "app/trend_chart.h"
#include "app/viewer_state.h"
#include "io/catalog/catalog_loader.h"
#include "io/values/timestamps.h"

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
  connect(&webMapWatcher_, &QFutureWatcher<QString>::finished, this, &MainWindow::webMapWritten);
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
    if (stateApplied_ && !addedIds_.empty()) {
      finishAddedLayers();
      return;
    }
    addedIds_.clear();
    const std::optional<ViewerState> state = catalogFile_.empty() ? std::nullopt : loadViewerState(catalogFile_);
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
  connect(layerPanel_, &LayerPanel::propertiesRequested, this, &MainWindow::showLayerProperties);
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
  connect(canvas_, &MapCanvas::drawingProblem, this,
          [this](const QString& message) { statusBar()->showMessage(tr("Not drawn: %1").arg(message), 15000); });
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
  setAcceptDrops(true);  // files and folders dropped on the window are added (main_window_layers.cpp)
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
  addLayersAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add layers"), QString(),
        tr("Data files (*.gpkg *.shp *.zip *.geojson *.json *.kml *.kmz *.fgb *.gpx *.csv *.xlsx);;All files (*)"));
    std::vector<std::filesystem::path> paths;
    for (const QString& file : files) paths.emplace_back(file.toStdString());
    if (!paths.empty()) addLayers(paths);
  });
  addLayersAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  addFolderAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a folder of layers"));
    if (!folder.isEmpty()) addLayers({folder.toStdString()});
  });
  addPostgisAction_ = fileMenu_->addAction(QString(), this, [this] { showPostgisDialog(); });
  saveCatalogAction_ = fileMenu_->addAction(QString(), this, &MainWindow::saveCatalog);
  saveCatalogAction_->setShortcut(QKeySequence::Save);
  saveCatalogAsAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save catalog as"), QStringLiteral("city.json"), tr("Catalogs (*.json)"));
    if (!file.isEmpty()) saveCatalogAs(file.toStdString());
  });
  saveCatalogAsAction_->setShortcut(QKeySequence::SaveAs);
  fileMenu_->addSeparator();
  exportAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export map"), QStringLiteral("map.png"),
                                                      tr("Images and PDF (*.png *.pdf)"));
    if (file.isEmpty()) return;
    const QString error = exportMap(file);
    if (!error.isEmpty()) QMessageBox::critical(this, tr("Export map"), error);
  });
  exportWebMapAction_ = fileMenu_->addAction(QString(), this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Export web map"), QStringLiteral("map.html"), tr("Web page (*.html)"));
    if (file.isEmpty()) return;
    // A page opens in a browser by its extension.
    exportWebMap(file.endsWith(QStringLiteral(".html"), Qt::CaseInsensitive) ? file : file + QStringLiteral(".html"));
  });
  connect(this, &MainWindow::webMapExported, this, [this](const QString& error) {
    if (!error.isEmpty() && error != tr("Cancelled")) QMessageBox::critical(this, tr("Export web map"), error);
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
  addLayersAction_->setText(tr("&Add layers…"));
  addFolderAction_->setText(tr("Add a &folder of layers…"));
  addPostgisAction_->setText(tr("Add &PostGIS layers…"));
  saveCatalogAction_->setText(tr("&Save catalog"));
  saveCatalogAsAction_->setText(tr("Save catalog &as…"));
  recentMenu_->setTitle(tr("Open &recent"));
  exportAction_->setText(tr("&Export map…"));
  exportWebMapAction_->setText(tr("Export &web map…"));
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
  QApplication::removeTranslator(&qtTranslator_);
  if (language == "zh" && translator_.load(QStringLiteral(":/i18n/urbangis_zh_CN.qm")))
    QApplication::installTranslator(&translator_);
  // Qt's own words (standard buttons, file and colour dialogs, context menus of text fields) from
  // Debian's qt6-translations-l10n; English where it is missing.
  if (language == "zh" && qtTranslator_.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"),
                                             QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qtTranslator_);
  chineseAction_->setChecked(language == "zh");
  englishAction_->setChecked(language == "en");
  retranslate();
  legend_->setLanguage(language);
  canvas_->setLanguage(language);
  // Legend labels and layer titles come from the catalog and styles in both languages: reload.
  if (changed && document_.isOpen()) {
    saveState();
    openDocument(Catalog(document_.catalog()), true);  // with its added layers, saved or not
  } else {
    layerPanel_->rebuild(language);
  }
}

bool MainWindow::openCatalog(const std::filesystem::path& file, bool quiet) {
  Catalog catalog;
  try {
    catalog = loadCatalog(file);
  } catch (const std::exception& error) {
    lastError_ = QString::fromStdString(error.what());
    if (!quiet) QMessageBox::critical(this, tr("Cannot open the catalog"), lastError_);
    return false;
  }
  saveState();  // of the catalog open until now (the same one, when reloading)
  const std::filesystem::path before = catalogFile_;
  catalogFile_ = file;  // the saved state applied when the layers have loaded is this file's
  if (!openDocument(std::move(catalog), quiet)) {
    catalogFile_ = before;
    return false;
  }
  addRecent(QString::fromStdString(std::filesystem::absolute(file).string()));
  return true;
}

bool MainWindow::openDocument(Catalog catalog, bool quiet) {
  try {
    document_.open(std::move(catalog), language_);
  } catch (const std::exception& error) {
    lastError_ = QString::fromStdString(error.what());
    if (!quiet) QMessageBox::critical(this, tr("Cannot open the catalog"), lastError_);
    return false;
  }
  lastError_.clear();
  stateApplied_ = false;
  awaitedLayers_.clear();
  savedOrder_.clear();
  cursor_ = std::make_unique<CursorTransforms>(document_.workingCrs());
  crsLabel_->setText(QString::fromStdString(cursor_->working.describe()));
  layerPanel_->rebuild(language_);
  identifyPanel_->clear();
  canvas_->setHighlight({}, {});
  retranslate();
  return true;
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

}  // namespace urbangis::viewer
