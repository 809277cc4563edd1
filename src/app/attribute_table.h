#pragma once
// The attribute table of one layer: sortable columns, a filter in the project's one filter
// language (--where), rows selected in the table highlighted on the map (and the map's box
// selection shown here), zoom to the selection, and export of what the filter keeps.

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

#include "io/sources/attribute_rows.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace urbangis::viewer {

class MapDocument;

class AttributeModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  void setRows(std::shared_ptr<const AttributeRows> rows, std::vector<size_t> shown);
  const AttributeRows* rows() const { return rows_.get(); }
  size_t rowIndex(int row) const { return shown_[static_cast<size_t>(row)]; }
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::shared_ptr<const AttributeRows> rows_;
  std::vector<size_t> shown_;
};

class AttributeTable : public QWidget {
  Q_OBJECT
 public:
  AttributeTable(MapDocument& document, QWidget* parent = nullptr);
  // Lists the document's vector layers (after opening or a language change).
  void rebuild(const std::string& language);
  void retranslate();
  // Shows `layerId` and selects the features with these fids (from the map).
  void selectFeatures(const QString& layerId, const std::vector<int64_t>& fids);
  QString currentLayer() const;
  // Applies a filter as if typed; returns the error text or "".
  QString applyFilter(const QString& expression);
  int visibleRows() const;
  // Fids of the rows selected in the table.
  std::vector<int64_t> selectedFids() const;
  // Writes what the filter keeps of the current layer to `file` (the format from its
  // extension); returns the error text or "".
  QString exportFiltered(const QString& file);

 signals:
  // Features selected in the table (fids of `layerId`).
  void selectionChanged(const QString& layerId, const std::vector<int64_t>& fids);
  void zoomToSelectionRequested(const QString& layerId, const std::vector<int64_t>& fids);

 private:
  void showLayer();
  void askAndExport();

  MapDocument& document_;
  std::string language_ = "zh";
  QComboBox* layers_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QLabel* status_ = nullptr;
  QPushButton *zoom_ = nullptr, *export_ = nullptr;
  QTableView* view_ = nullptr;
  AttributeModel* model_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;
  std::shared_ptr<const AttributeRows> rows_;
  QString filterText_;
};

}  // namespace urbangis::viewer
