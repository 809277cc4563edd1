#pragma once
// The layers found in what was dropped or chosen (a GeoPackage's every layer, a folder's files),
// each with the role inferred for it and why, ticked to be added. Shown when there is a choice to
// make: more than one layer.

#include <QDialog>

#include <vector>

#include "io/catalog/catalog_init.h"

class QTreeWidget;

namespace urbangis::viewer {

class AddLayersDialog : public QDialog {
  Q_OBJECT
 public:
  AddLayersDialog(const CatalogDraft& draft, const std::string& language, QWidget* parent = nullptr);
  // The indices into the draft's layers still ticked.
  std::vector<size_t> chosen() const;
  void setChosen(size_t index, bool chosen);
  // Ticks the layers whose ids end with one of `suffixes` ("street_order" ticks daye_street_order
  // too), unticks the rest; returns how many are ticked.
  int chooseOnly(const QStringList& suffixes);

 private:
  QTreeWidget* list_;
};

}  // namespace urbangis::viewer
