#pragma once
// The layer panel: every layer with its title in the UI language, a swatch of its style, a
// visibility check box, its feature count (or why it failed), drag to reorder (top of the list
// draws on top), and a context menu for zoom to layer, opacity and the layer's properties.

#include <QTreeWidget>

#include <string>

namespace urbangis::viewer {

class MapDocument;

class LayerPanel : public QTreeWidget {
  Q_OBJECT
 public:
  LayerPanel(MapDocument& document, QWidget* parent = nullptr);
  // Rebuilds the rows from the document (after opening, loading or a language change).
  void rebuild(const std::string& language);

 signals:
  void zoomToLayerRequested(const QString& id);
  void propertiesRequested(const QString& id);

 protected:
  void dropEvent(QDropEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  void itemToggled(QTreeWidgetItem* item, int column);

  MapDocument& document_;
  std::string language_ = "zh";
  bool rebuilding_ = false;
};

}  // namespace urbangis::viewer
