// The search box: zones found by name or code, highlighted and zoomed to.

#include "app/main_window.h"

#include <QCompleter>
#include <QLineEdit>

#include <algorithm>
#include <cmath>

#include "app/map_canvas.h"
#include "io/sources/attribute_rows.h"

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

}  // namespace urbangis::viewer
