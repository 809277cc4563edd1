// What the viewer tests share: the Daye catalog copied where the viewer may write its state,
// waiting for the window's own events (never for a time), and reading pixels off its frames.

#pragma once

#include <QImage>
#include <QPoint>
#include <QString>
#include <QTreeWidgetItem>
#include <QWidget>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/layer_panel.h"
#include "app/main_window.h"
#include "app/map_canvas.h"
#include "render/map_view.h"
#include "test_support.h"

namespace viewer_test {

using urbangis::DrawFeature;
using urbangis::MapView;
using urbangis::viewer::DocumentLayer;
using urbangis::viewer::LayerPanel;
using urbangis::viewer::MainWindow;
using urbangis::viewer::MapCanvas;

// A copy of the Daye catalog in a temporary folder (so the viewer's saved state goes there).
std::filesystem::path copyCatalog(const urbangis::test::TempDir& dir);

// The Daye catalog with its styles and data copied into `dir` (layers/, styles/, data/), so a
// test may break the data, and sees every file the viewer could touch.
std::filesystem::path copyCatalogWithData(const urbangis::test::TempDir& dir);

// Waits until the canvas shows a frame of the document and view as they are now. Every change
// the tests make (view, visibility, style, month, a layer loaded) asks for a frame at once, so
// this cannot return a frame from before the change.
bool waitForFrame(MainWindow& window);

// Opens the catalog and waits for its layers and then for a frame of them.
bool openAndWait(MainWindow& window, const std::filesystem::path& catalog);

// Share of pixels of the canvas frame that differ from the background.
double inkShare(const QImage& image);
// Pixels that differ from the background, every one counted.
size_t markerPixels(const QImage& image);
size_t yellowPixels(const QImage& image);
size_t cyanPixels(const QImage& image);

// Saves the window as `name` in $URBANGIS_SCREENSHOTS when set (docs/images).
void screenshot(QWidget& window, const char* name);

QTreeWidgetItem* layerItem(LayerPanel& panel, const QString& id);

// Every file below `folder` (relative path) with a fingerprint of its bytes and its time.
std::map<std::string, std::string> treeFingerprints(const std::filesystem::path& folder);

MapView canvasView(const MapCanvas& canvas);

// A person's double click: press and release, then the double-click event (QTest's mouseDClick
// sends that last event alone).
void doubleClick(QWidget& widget, QPoint at);

// Clicks the corners with the polygon tool and closes it with a double click on the last one,
// or with Enter.
void drawPolygon(MapCanvas& canvas, const std::vector<QPoint>& corners, bool closeWithEnter);

const DrawFeature* featureLabelled(const DocumentLayer& layer, const std::string& label);
std::vector<int64_t> sorted(std::vector<int64_t> values);

}  // namespace viewer_test
