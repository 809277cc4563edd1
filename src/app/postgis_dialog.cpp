#include "app/postgis_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace urbangis::viewer {

PostgisDialog::PostgisDialog(QWidget* parent)
    : QDialog(parent),
      host_(new QLineEdit(QStringLiteral("localhost"), this)),
      database_(new QLineEdit(this)),
      user_(new QLineEdit(this)),
      password_(new QLineEdit(this)),
      schema_(new QLineEdit(this)),
      port_(new QSpinBox(this)) {
  setWindowTitle(tr("Add PostGIS layers"));
  port_->setRange(1, 65535);
  port_->setValue(5432);
  password_->setEchoMode(QLineEdit::Password);
  schema_->setPlaceholderText(tr("every schema"));
  auto* form = new QFormLayout(this);
  form->addRow(tr("Host"), host_);
  form->addRow(tr("Port"), port_);
  form->addRow(tr("Database"), database_);
  form->addRow(tr("User"), user_);
  form->addRow(tr("Password"), password_);
  form->addRow(tr("Schema"), schema_);
  auto* note = new QLabel(tr("The password is used for this session only and never written to the catalog; "
                             "to open the catalog later, keep it in ~/.pgpass."),
                          this);
  note->setWordWrap(true);
  form->addRow(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

void PostgisDialog::setConnection(const std::string& source) {
  const QString text = QString::fromStdString(source);
  const auto value = [&](const char* key) {
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("(?:^PG:|\\s)%1=(\\S+)").arg(QLatin1String(key))).match(text);
    return match.hasMatch() ? match.captured(1) : QString();
  };
  if (!value("host").isEmpty()) host_->setText(value("host"));
  if (!value("port").isEmpty()) port_->setValue(value("port").toInt());
  database_->setText(value("dbname"));
  user_->setText(value("user"));
  schema_->setText(value("schemas"));
}

std::string PostgisDialog::connection() const {
  // Values with spaces or quotes are not PostgreSQL names people give; keep them out.
  const auto clean = [](const QLineEdit* field) { return field->text().trimmed().remove(QLatin1Char(' ')); };
  QString text =
      QStringLiteral("PG:host=%1 port=%2 dbname=%3").arg(clean(host_)).arg(port_->value()).arg(clean(database_));
  if (!clean(user_).isEmpty()) text += QStringLiteral(" user=") + clean(user_);
  if (!clean(schema_).isEmpty()) text += QStringLiteral(" schemas=") + clean(schema_);
  return text.toStdString();
}

QString PostgisDialog::password() const { return password_->text(); }

}  // namespace urbangis::viewer
