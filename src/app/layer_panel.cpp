#include "app/layer_panel.h"

#include <QContextMenuEvent>
#include <QDropEvent>
#include <QInputDialog>
#include <QMenu>
#include <QPainter>
#include <QPixmap>

#include "app/map_document.h"
#include "render/symbol_painter.h"

namespace urbangis::viewer {
namespace {

constexpr int kIdRole = Qt::UserRole;

QIcon swatchIcon(const DocumentLayer& layer) {
  QPixmap pixmap(28, 18);
  pixmap.fill(Qt::transparent);
  if (layer.rendered && !layer.rendered->legend.empty()) {
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const LegendEntry& entry = layer.rendered->legend.front();
    if (!entry.ramp.empty()) {
      QLinearGradient gradient(0, 0, 28, 0);
      for (size_t i = 0; i < entry.ramp.size(); ++i)
        gradient.setColorAt(static_cast<double>(i) / static_cast<double>(entry.ramp.size() - 1),
                            toQColor(entry.ramp[i].colour));
      painter.fillRect(QRectF(2, 4, 24, 10), gradient);
    } else {
      drawSwatch(painter, entry.symbol, entry.kind, QRectF(1, 1, 26, 16), 1.0);
    }
  }
  return QIcon(pixmap);
}

}  // namespace

LayerPanel::LayerPanel(MapDocument& document, QWidget* parent) : QTreeWidget(parent), document_(document) {
  setHeaderHidden(true);
  setRootIsDecorated(false);
  setDragDropMode(QAbstractItemView::InternalMove);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setIconSize(QSize(28, 18));
  connect(this, &QTreeWidget::itemChanged, this, &LayerPanel::itemToggled);
  connect(this, &QTreeWidget::itemDoubleClicked, this,
          [this](QTreeWidgetItem* item) { emit zoomToLayerRequested(item->data(0, kIdRole).toString()); });
}

void LayerPanel::rebuild(const std::string& language) {
  language_ = language;
  rebuilding_ = true;
  clear();
  const auto& layers = document_.layers();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {  // top of the map first
    const DocumentLayer& layer = *it;
    auto* item = new QTreeWidgetItem(this);
    const QString title = QString::fromStdString(layer.spec->title.in(language));
    QString detail;
    if (!layer.error.isEmpty())
      detail = tr("failed");
    else if (!layer.rendered)
      detail = tr("loading…");
    else if (layer.rendered->raster || layer.rendered->imagery)
      detail = tr("raster");
    else
      detail = QString::number(layer.rendered->features.size());
    item->setText(0, title + QStringLiteral("  (") + detail + QStringLiteral(")"));
    item->setData(0, kIdRole, QString::fromStdString(layer.spec->id));
    item->setIcon(0, swatchIcon(layer));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
    item->setCheckState(0, layer.visible ? Qt::Checked : Qt::Unchecked);
    if (!layer.error.isEmpty()) {
      item->setForeground(0, QColor(0xC9, 0x2A, 0x2A));
      item->setToolTip(0, layer.error);
    } else {
      item->setToolTip(0, QString::fromStdString(layer.spec->id + " — " + layer.spec->where()));
    }
  }
  rebuilding_ = false;
}

void LayerPanel::itemToggled(QTreeWidgetItem* item, int) {
  if (rebuilding_) return;
  document_.setVisible(item->data(0, kIdRole).toString(), item->checkState(0) == Qt::Checked);
}

void LayerPanel::dropEvent(QDropEvent* event) {
  QTreeWidget::dropEvent(event);
  std::vector<QString> bottomFirst;
  for (int i = topLevelItemCount() - 1; i >= 0; --i)
    bottomFirst.push_back(topLevelItem(i)->data(0, kIdRole).toString());
  document_.reorder(bottomFirst);
}

void LayerPanel::contextMenuEvent(QContextMenuEvent* event) {
  QTreeWidgetItem* item = itemAt(event->pos());
  if (!item) return;
  const QString id = item->data(0, kIdRole).toString();
  QMenu menu(this);
  menu.addAction(tr("Zoom to layer"), this, [this, id] { emit zoomToLayerRequested(id); });
  menu.addAction(tr("Opacity…"), this, [this, id] {
    const DocumentLayer* layer = document_.find(id);
    bool ok = false;
    const int percent = QInputDialog::getInt(this, tr("Opacity"), tr("Opacity (%):"),
                                             layer ? static_cast<int>(layer->opacity * 100) : 100, 0, 100, 5, &ok);
    if (ok) document_.setOpacity(id, percent / 100.0);
  });
  menu.addAction(tr("Properties…"), this, [this, id] { emit propertiesRequested(id); });
  menu.exec(event->globalPos());
}

}  // namespace urbangis::viewer
