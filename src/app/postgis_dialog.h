#pragma once
// File → Add PostGIS layers…: where the database is (host, port, database, user, schema) and its
// password. The password goes to this session's libpq environment (PGPASSWORD) and nowhere
// else: the catalog keeps "PG:host=… dbname=… user=…", which opens again with ~/.pgpass,
// PGPASSFILE or PGPASSWORD (docs/postgis.md).

#include <QDialog>

#include <string>

class QLineEdit;
class QSpinBox;

namespace urbangis::viewer {

class PostgisDialog : public QDialog {
  Q_OBJECT
 public:
  explicit PostgisDialog(QWidget* parent = nullptr);
  // Fills the fields from a connection string as the catalog writes it ("PG:host=… port=…").
  void setConnection(const std::string& source);
  // "PG:host=H port=P dbname=D user=U [schemas=S]", never with the password.
  std::string connection() const;
  // The password typed, for PGPASSWORD ("" when libpq finds it elsewhere).
  QString password() const;

 private:
  QLineEdit *host_, *database_, *user_, *password_, *schema_;
  QSpinBox* port_;
};

}  // namespace urbangis::viewer
