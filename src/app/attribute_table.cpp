#include "app/attribute_table.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "analysis/export/export_layer.h"
#include "app/map_document.h"
#include "core/error.h"
#include "io/outputs/column_headings.h"
#include "io/outputs/table_writer.h"

namespace urbangis::viewer {

void AttributeModel::setRows(std::shared_ptr<const AttributeRows> rows, std::vector<size_t> shown) {
  beginResetModel();
  rows_ = std::move(rows);
  shown_ = std::move(shown);
  endResetModel();
}

int AttributeModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !rows_ ? 0 : static_cast<int>(shown_.size());
}

int AttributeModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() || !rows_ ? 0 : static_cast<int>(rows_->columns.size());
}

QVariant AttributeModel::data(const QModelIndex& index, int role) const {
  if (!rows_ || (role != Qt::DisplayRole && role != Qt::EditRole)) return {};
  const CellValue& cell = rows_->rows[shown_[static_cast<size_t>(index.row())]][static_cast<size_t>(index.column())];
  // EditRole keeps numbers numeric, so sorting orders 9 before 10.
  if (const auto* text = std::get_if<std::string>(&cell)) return QString::fromStdString(*text);
  if (const auto* integer = std::get_if<int64_t>(&cell)) return QVariant::fromValue(static_cast<qlonglong>(*integer));
  if (const auto* real = std::get_if<double>(&cell)) return *real;
  return {};
}

QVariant AttributeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || !rows_) return {};
  if (orientation == Qt::Horizontal) return QString::fromStdString(rows_->columns[static_cast<size_t>(section)].name);
  return section + 1;
}

AttributeTable::AttributeTable(MapDocument& document, QWidget* parent) : QWidget(parent), document_(document) {
  layers_ = new QComboBox(this);
  filter_ = new QLineEdit(this);
  filter_->setClearButtonEnabled(true);
  zoom_ = new QPushButton(this);
  export_ = new QPushButton(this);
  status_ = new QLabel(this);
  view_ = new QTableView(this);
  model_ = new AttributeModel;
  model_->setParent(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(Qt::EditRole);
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  auto* top = new QHBoxLayout;
  top->addWidget(layers_);
  top->addWidget(filter_, 1);
  top->addWidget(zoom_);
  top->addWidget(export_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(top);
  layout->addWidget(status_);
  layout->addWidget(view_, 1);
  connect(layers_, &QComboBox::currentIndexChanged, this, [this] {
    filterText_.clear();
    filter_->clear();
    showLayer();
  });
  connect(filter_, &QLineEdit::returnPressed, this, [this] { applyFilter(filter_->text()); });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { emit selectionChanged(currentLayer(), selectedFids()); });
  connect(zoom_, &QPushButton::clicked, this,
          [this] { emit zoomToSelectionRequested(currentLayer(), selectedFids()); });
  connect(export_, &QPushButton::clicked, this, &AttributeTable::askAndExport);
}

void AttributeTable::retranslate() {
  filter_->setPlaceholderText(tr("Filter, e.g. status = '待整治' AND bundled_m > 1000"));
  zoom_->setText(tr("Zoom to selection"));
  export_->setText(tr("Export…"));
}

void AttributeTable::rebuild(const std::string& language) {
  language_ = language;
  retranslate();
  const QString current = currentLayer();
  layers_->blockSignals(true);
  layers_->clear();
  for (auto it = document_.layers().rbegin(); it != document_.layers().rend(); ++it)
    if (it->spec->isVector())
      layers_->addItem(QString::fromStdString(it->spec->title.in(language)), QString::fromStdString(it->spec->id));
  const int index = layers_->findData(current);
  layers_->setCurrentIndex(index >= 0 ? index : 0);
  layers_->blockSignals(false);
  showLayer();
}

QString AttributeTable::currentLayer() const { return layers_->currentData().toString(); }

int AttributeTable::visibleRows() const { return proxy_->rowCount(); }

void AttributeTable::showLayer() {
  rows_.reset();
  model_->setRows(nullptr, {});
  const DocumentLayer* layer = document_.find(currentLayer());
  if (!layer) return;
  try {
    rows_ = std::make_shared<const AttributeRows>(readAttributeRows(*layer->spec, SilentProgress()));
  } catch (const std::exception& error) {
    status_->setText(QString::fromStdString(error.what()));
    return;
  }
  applyFilter(filterText_);
}

QString AttributeTable::applyFilter(const QString& expression) {
  if (!rows_) return tr("No layer");
  if (filter_->text() != expression) filter_->setText(expression);
  std::vector<size_t> shown;
  QString error;
  try {
    if (expression.trimmed().isEmpty()) {
      shown.resize(rows_->rows.size());
      for (size_t i = 0; i < shown.size(); ++i) shown[i] = i;
    } else {
      const DocumentLayer* layer = document_.find(currentLayer());
      shown = rows_->matching(FilterExpression::parse(expression.toStdString()), *layer->spec);
    }
    filterText_ = expression;
  } catch (const std::exception& failure) {
    error = QString::fromStdString(failure.what());
  }
  if (!error.isEmpty()) {
    status_->setText(error);
    status_->setStyleSheet(QStringLiteral("color: #c92a2a"));
    return error;
  }
  model_->setRows(rows_, std::move(shown));
  status_->setStyleSheet(QString());
  status_->setText(tr("%1 of %2 features").arg(model_->rowCount()).arg(rows_->rows.size()));
  return {};
}

std::vector<int64_t> AttributeTable::selectedFids() const {
  std::vector<int64_t> fids;
  if (!model_->rows()) return fids;
  for (const QModelIndex& index : view_->selectionModel()->selectedRows())
    fids.push_back(model_->rows()->fids[model_->rowIndex(proxy_->mapToSource(index).row())]);
  return fids;
}

void AttributeTable::selectFeatures(const QString& layerId, const std::vector<int64_t>& fids) {
  const int index = layers_->findData(layerId);
  if (index < 0) return;
  if (index != layers_->currentIndex()) layers_->setCurrentIndex(index);
  if (!model_->rows()) return;
  QItemSelection selection;
  for (int row = 0; row < model_->rowCount(); ++row) {
    const int64_t fid = model_->rows()->fids[model_->rowIndex(row)];
    if (std::find(fids.begin(), fids.end(), fid) != fids.end()) {
      const QModelIndex at = proxy_->mapFromSource(model_->index(row, 0));
      selection.select(at, at);
    }
  }
  view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  if (!selection.isEmpty()) view_->scrollTo(selection.indexes().front());
}

void AttributeTable::askAndExport() {
  const DocumentLayer* layer = document_.find(currentLayer());
  if (!layer) return;
  const QString file =
      QFileDialog::getSaveFileName(this, tr("Export layer"), QString::fromStdString(layer->spec->id + ".geojson"),
                                   tr("GeoJSON, GeoPackage, Excel workbook, CSV, Shapefile (*.geojson *.gpkg *.xlsx "
                                      "*.csv *.shp)"));
  if (file.isEmpty()) return;
  const QString error = exportFiltered(file);
  if (!error.isEmpty()) QMessageBox::critical(this, tr("Export layer"), error);
}

QString AttributeTable::exportFiltered(const QString& file) {
  const DocumentLayer* layer = document_.find(currentLayer());
  if (!layer) return tr("No layer");
  try {
    ExportRequest request;
    request.layer = layer->spec->id;
    if (!filterText_.trimmed().isEmpty()) request.where = FilterExpression::parse(filterText_.toStdString());
    const TableFormat format = tableFormatFor(file.toStdString());
    request.coordinates = (format == TableFormat::csv || format == TableFormat::xlsx) &&
                          geometryOf(layer->spec->role) == GeometryFamily::point;
    ExportOutcome outcome = exportLayer(document_.catalog(), request, SilentProgress());
    outcome.inputs.push_back(document_.catalog().file);
    // A workbook is for people: headings in the window's language, as `urbangis export` writes them.
    const HeadingStyle headings = format != TableFormat::xlsx ? HeadingStyle::id
                                  : language_ == "en"         ? HeadingStyle::en
                                                              : HeadingStyle::zh;
    applyHeadings(outcome.table, document_.catalog(), layer->spec, headings, layer->spec->title);
    writeTable(outcome.table, file.toStdString(), outcome.inputs);
    status_->setText(tr("Wrote %1").arg(file));
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
  return {};
}

}  // namespace urbangis::viewer
