#include "app/layer_properties_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include "core/crs.h"
#include "core/error.h"
#include "io/sources/vector_source.h"

namespace urbangis::viewer {
namespace {

// The catalog keys the dialog sets, with the member of LayerSpec each fills.
struct FieldKey {
  const char* key;
  std::string LayerSpec::*member;
};
const FieldKey kFieldKeys[] = {{"id_field", &LayerSpec::idField},
                               {"name_field", &LayerSpec::nameField},
                               {"category_field", &LayerSpec::categoryField},
                               {"time_field", &LayerSpec::timeField}};

// The layer's attribute fields, or none when the source cannot be opened now (the dialog still
// shows what the catalog says).
QStringList fieldNamesOf(const LayerSpec& spec) {
  QStringList names;
  if (!spec.isVector()) return names;
  try {
    VectorSource source = openCatalogLayer(spec);
    OGRFeatureDefn& definition = *source.layer->GetLayerDefn();
    for (int i = 0; i < definition.GetFieldCount(); ++i)
      names << QString::fromUtf8(definition.GetFieldDefn(i)->GetNameRef());
  } catch (const std::exception&) {
  }
  return names;
}

// A CRS as a catalog names it (what parseCrsName reads back).
std::string crsText(const CrsSpec& crs) {
  if (crs.offset == ChineseOffset::gcj02) return "GCJ-02";
  if (crs.offset == ChineseOffset::bd09) return "BD-09";
  return crs.definition;
}

}  // namespace

LayerPropertiesDialog::LayerPropertiesDialog(const LayerSpec& spec, const QString& why, const std::string& language,
                                             const std::vector<std::string>& crsCandidates, QWidget* parent)
    : QDialog(parent),
      spec_(spec),
      role_(new QComboBox(this)),
      why_(new QLabel(this)),
      inferredWhy_(why),
      crs_(new QComboBox(this)) {
  setWindowTitle(tr("Layer properties — %1").arg(QString::fromStdString(spec.title.in(language))));
  auto* form = new QFormLayout(this);
  form->addRow(tr("Id"), new QLabel(QString::fromStdString(spec.id), this));
  auto* source = new QLabel(QString::fromStdString(spec.where()), this);
  source->setWordWrap(true);
  form->addRow(tr("Source"), source);

  for (const LayerKind& kind : layerKinds())
    if (kind.geometry == geometryOf(spec.role))
      role_->addItem(QString::fromUtf8(kind.name.data(), static_cast<int>(kind.name.size())),
                     static_cast<int>(kind.role));
  role_->setCurrentIndex(role_->findData(static_cast<int>(spec.role)));
  form->addRow(tr("Role"), role_);
  why_->setWordWrap(true);
  form->addRow(QString(), why_);

  const QStringList names = fieldNamesOf(spec);
  for (const FieldKey& field : kFieldKeys) {
    auto* box = new QComboBox(this);
    box->addItem(tr("(none)"), QString());
    for (const QString& name : names) box->addItem(name, name);
    const QString current = QString::fromStdString(spec.*field.member);
    if (!current.isEmpty() && box->findData(current) < 0) box->addItem(current, current);  // as the catalog says
    box->setCurrentIndex(box->findData(current));
    fields_[field.key] = box;
    form->addRow(QString::fromUtf8(field.key), box);
  }
  crs_->setEditable(true);
  crs_->lineEdit()->setPlaceholderText(tr("from the file"));
  for (const std::string& candidate : crsCandidates) crs_->addItem(QString::fromStdString(candidate));
  // A guessed CRS shows as the candidate it was guessed from (CGCS2000, not EPSG:4490).
  if (!crsCandidates.empty())
    crs_->setEditText(QString::fromStdString(crsCandidates.front()));
  else if (spec.crs)
    crs_->setEditText(QString::fromStdString(crsText(*spec.crs)));
  form->addRow(tr("CRS"), crs_);
  if (!crsCandidates.empty()) {
    auto* missing = new QLabel(tr("The data declares no CRS. Its coordinates suggest the ones listed, and it is "
                                  "drawn in the first until you choose the one it was made in."),
                               this);
    missing->setWordWrap(true);
    missing->setStyleSheet(QStringLiteral("color: #C92A2A"));
    form->addRow(QString(), missing);
  }

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  connect(role_, &QComboBox::currentIndexChanged, this, &LayerPropertiesDialog::roleChanged);
  roleChanged();
}

void LayerPropertiesDialog::roleChanged() {
  const auto role = static_cast<LayerRole>(role_->currentData().toInt());
  why_->setText(role == spec_.role ? (inferredWhy_.isEmpty() ? tr("as the catalog says") : inferredWhy_)
                                   : tr("chosen by you"));
  for (const FieldKey& field : kFieldKeys) fields_[field.key]->setEnabled(kindTakesKey(role, field.key));
}

LayerSpec LayerPropertiesDialog::edited() const {
  LayerSpec spec = spec_;
  spec.role = static_cast<LayerRole>(role_->currentData().toInt());
  for (const FieldKey& field : kFieldKeys) {
    const QComboBox& box = *fields_.at(field.key);
    spec.*field.member = box.isEnabled() ? box.currentData().toString().toStdString() : std::string();
  }
  const std::string crs = crs_->currentText().trimmed().toStdString();
  if (crs.empty()) {
    spec.crs.reset();
  } else if (!spec.crs || crsText(*spec.crs) != crs) {
    spec.crs = parseCrsName(crs);
    if (!spec.crs) throw InputError("CRS \"" + crs + "\": use EPSG:n, WGS84, CGCS2000, GCJ-02 or BD-09");
  }
  return spec;
}

}  // namespace urbangis::viewer
