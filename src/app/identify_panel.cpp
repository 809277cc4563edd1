#include "app/identify_panel.h"

#include <QHeaderView>

#include "app/map_document.h"
#include "io/sources/feature_attributes.h"
#include "render/feature_pick.h"

namespace urbangis::viewer {

IdentifyPanel::IdentifyPanel(const MapDocument& document, QWidget* parent) : QTreeWidget(parent), document_(document) {
  setColumnCount(2);
  setHeaderLabels({tr("Field"), tr("Value")});
  header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

int IdentifyPanel::identify(double x, double y, double tolerance, const std::string& language,
                            std::optional<int32_t> month) {
  clear();
  int found = 0;
  const auto& layers = document_.layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {  // top of the map first
    if (!it->visible || !it->rendered || it->rendered->raster) continue;
    const std::vector<size_t> picked = pickFeatures(*it->rendered, x, y, tolerance, month);
    if (picked.empty()) continue;
    auto* layerItem =
        new QTreeWidgetItem(this, QStringList{QString::fromStdString(it->spec->title.in(language)),
                                              tr("%n feature(s)", nullptr, static_cast<int>(picked.size()))});
    for (size_t index : picked) {
      const int64_t fid = it->rendered->features[index].fid;
      auto* featureItem = new QTreeWidgetItem(layerItem, QStringList{tr("feature %1").arg(fid), QString()});
      try {
        for (const auto& [field, value] : featureAttributes(*it->spec, fid))
          new QTreeWidgetItem(featureItem, QStringList{QString::fromStdString(field), QString::fromStdString(value)});
      } catch (const std::exception& error) {
        featureItem->setText(1, QString::fromStdString(error.what()));
      }
      ++found;
      if (found == 1) featureItem->setExpanded(true);
    }
    layerItem->setExpanded(true);
  }
  return found;
}

}  // namespace urbangis::viewer
