// Features selected on the map, by box or drawn polygon: the table's rows and the map agree.

#include "app/main_window.h"

#include <QStatusBar>

#include "app/attribute_table.h"
#include "app/map_canvas.h"
#include "app/polygon_selection.h"

namespace urbangis::viewer {

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

}  // namespace urbangis::viewer
