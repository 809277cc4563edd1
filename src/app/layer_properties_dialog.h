#pragma once
// A layer's properties as the catalog holds them, for a person to check and correct what was
// inferred: its role (among those of its geometry) with the reason it was given, the fields that
// give its features' ids, names, categories and times (chosen from the layer's own fields), and
// its CRS when the file has none or a wrong one.

#include <QDialog>

#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"

class QComboBox;
class QLabel;

namespace urbangis::viewer {

class LayerPropertiesDialog : public QDialog {
  Q_OBJECT
 public:
  // `why` is the reason the role was inferred ("" for a layer from a catalog file);
  // `crsCandidates` what a source without a CRS may be in (offered, and the dialog says that
  // the data declares none and which one it is drawn in meanwhile).
  LayerPropertiesDialog(const LayerSpec& spec, const QString& why, const std::string& language,
                        const std::vector<std::string>& crsCandidates = {}, QWidget* parent = nullptr);
  // The layer as edited: keys the chosen role does not take are cleared. Throws InputError
  // for a CRS the catalog cannot name.
  LayerSpec edited() const;

  QComboBox& roleBox() { return *role_; }
  QComboBox& fieldBox(const std::string& key) { return *fields_.at(key); }
  QComboBox& crsBox() { return *crs_; }

 private:
  void roleChanged();

  LayerSpec spec_;
  QComboBox* role_;
  QLabel* why_;
  QString inferredWhy_;
  std::map<std::string, QComboBox*> fields_;  // by catalog key: "id_field" …
  QComboBox* crs_;                            // editable: a name the catalog takes (EPSG:n, CGCS2000, GCJ-02 …)
};

}  // namespace urbangis::viewer
