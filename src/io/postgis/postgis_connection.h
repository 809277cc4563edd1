#pragma once
// A PostgreSQL connection (libpq) for the queries UrbanGIS builds itself: RAII over PGconn and
// PGresult, every value a bound parameter (PQexecParams), errors as InputError naming the
// source with its password redacted.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/filter/filter_expression.h"

struct pg_conn;
struct pg_result;

namespace urbangis {

class PgResult {
 public:
  explicit PgResult(pg_result* result);
  int rows() const;
  int columns() const;
  bool isNull(int row, int column) const;
  std::string text(int row, int column) const;  // "" for NULL
  double number(int row, int column) const;     // NaN for NULL
  int64_t integer(int row, int column) const;   // 0 for NULL
  std::string columnName(int column) const;

 private:
  struct Clear {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

using PgParam = std::optional<std::string>;  // nullopt: SQL NULL

class PgConnection {
 public:
  // `source`: a "PG:…" string or postgres URI (no password: see io/postgis/pg_source.h).
  explicit PgConnection(const std::string& source);
  // Runs one statement; parameters as $1, $2 … in text form. Throws InputError on failure,
  // naming `what` (e.g. "stats of layer complaints") and the redacted source.
  PgResult exec(const std::string& sql, const std::vector<PgParam>& parameters = {},
                const std::string& what = "query") const;
  const std::string& source() const { return redacted_; }  // password-free, for messages
  std::string serverVersion() const;

 private:
  struct Finish {
    void operator()(pg_conn* connection) const;
  };
  std::unique_ptr<pg_conn, Finish> connection_;
  std::string redacted_;
};

// The literals FilterExpression::toSql collected, as PQexecParams' text parameters in the same
// order ($1, $2 …): text as written, numbers with 17 significant digits, NULL as SQL NULL. The
// server types each from the column it is compared with.
std::vector<PgParam> pgParameters(const std::vector<FilterValue>& values);

// "schema"."table" or "table", each part quoted as an identifier.
std::string qualifiedName(const std::string& schema, const std::string& table);

}  // namespace urbangis
