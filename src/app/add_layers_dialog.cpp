#include "app/add_layers_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace urbangis::viewer {

AddLayersDialog::AddLayersDialog(const CatalogDraft& draft, const std::string& language, QWidget* parent)
    : QDialog(parent), list_(new QTreeWidget(this)) {
  setWindowTitle(tr("Add layers"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("Layers found; untick those not to add. The role can be changed later in the "
                                  "layer's properties."),
                               this));
  list_->setColumnCount(3);
  list_->setHeaderLabels({tr("Layer"), tr("Role"), tr("Why")});
  list_->setRootIsDecorated(false);
  for (const InferredLayer& layer : draft.layers) {
    QString why;
    for (const Decision& decision : layer.decisions)
      if (decision.key == "role") why = QString::fromStdString(decision.reason);
    auto* item = new QTreeWidgetItem(list_);
    item->setText(0, QString::fromStdString(layer.spec.title.in(language) + "  (" + layer.spec.id + ")"));
    item->setToolTip(0, QString::fromStdString(layer.spec.source));
    item->setData(0, Qt::UserRole, QString::fromStdString(layer.spec.id));
    item->setText(1, QString::fromStdString(std::string(roleName(layer.spec.role))));
    item->setText(2, why);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Checked);
  }
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layout->addWidget(list_);
  if (!draft.problems.empty()) {
    QString text = tr("Left out:");
    for (const std::string& problem : draft.problems) text += QStringLiteral("\n") + QString::fromStdString(problem);
    auto* problems = new QLabel(text, this);
    problems->setWordWrap(true);
    problems->setStyleSheet(QStringLiteral("color: #C92A2A"));
    layout->addWidget(problems);
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(720, 360);
}

std::vector<size_t> AddLayersDialog::chosen() const {
  std::vector<size_t> indices;
  for (int i = 0; i < list_->topLevelItemCount(); ++i)
    if (list_->topLevelItem(i)->checkState(0) == Qt::Checked) indices.push_back(static_cast<size_t>(i));
  return indices;
}

int AddLayersDialog::chooseOnly(const QStringList& suffixes) {
  int ticked = 0;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    const QString id = item->data(0, Qt::UserRole).toString();
    const bool chosen =
        std::any_of(suffixes.begin(), suffixes.end(), [&](const QString& suffix) { return id.endsWith(suffix); });
    item->setCheckState(0, chosen ? Qt::Checked : Qt::Unchecked);
    ticked += chosen;
  }
  return ticked;
}

void AddLayersDialog::setChosen(size_t index, bool chosen) {
  if (QTreeWidgetItem* item = list_->topLevelItem(static_cast<int>(index)))
    item->setCheckState(0, chosen ? Qt::Checked : Qt::Unchecked);
}

}  // namespace urbangis::viewer
