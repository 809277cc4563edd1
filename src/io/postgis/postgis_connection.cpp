#include "io/postgis/postgis_connection.h"

#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/error.h"
#include "io/filter/filter_expression.h"
#include "io/postgis/pg_source.h"

namespace urbangis {
namespace {

std::string firstLine(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (auto& c : text)
    if (c == '\n') c = ' ';
  return redactSecrets(text);
}

}  // namespace

void PgResult::Clear::operator()(pg_result* result) const { PQclear(result); }
void PgConnection::Finish::operator()(pg_conn* connection) const { PQfinish(connection); }

PgResult::PgResult(pg_result* result) : result_(result) {}
int PgResult::rows() const { return PQntuples(result_.get()); }
int PgResult::columns() const { return PQnfields(result_.get()); }
bool PgResult::isNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) == 1; }
std::string PgResult::text(int row, int column) const {
  return isNull(row, column) ? std::string() : std::string(PQgetvalue(result_.get(), row, column));
}
double PgResult::number(int row, int column) const {
  if (isNull(row, column)) return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}
int64_t PgResult::integer(int row, int column) const {
  if (isNull(row, column)) return 0;
  return std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
}
std::string PgResult::columnName(int column) const { return PQfname(result_.get(), column); }

PgConnection::PgConnection(const std::string& source) : redacted_(redactSecrets(source)) {
  refusePassword(source, "connection");
  const std::string info = libpqConnInfo(source);
  connection_.reset(PQconnectdb(info.c_str()));
  if (!connection_) throw InputError(redacted_ + ": cannot connect: out of memory");
  if (PQstatus(connection_.get()) != CONNECTION_OK)
    throw InputError(redacted_ + ": cannot connect: " + firstLine(PQerrorMessage(connection_.get())) +
                     " (the password comes from PGPASSWORD, ~/.pgpass or PGPASSFILE, or a service file)");
  // Server notices ("… already exists, skipping") stay off the user's terminal.
  PgResult quiet = exec("SET client_min_messages = warning");
}

PgResult PgConnection::exec(const std::string& sql, const std::vector<PgParam>& parameters,
                            const std::string& what) const {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const auto& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
  pg_result* raw = PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                nullptr, nullptr, 0);
  PgResult result(raw);
  const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* message = raw ? PQresultErrorMessage(raw) : PQerrorMessage(connection_.get());
    throw InputError(redacted_ + ": " + what + " failed: " + firstLine(message));
  }
  return result;
}

std::string PgConnection::serverVersion() const {
  const int version = PQserverVersion(connection_.get());
  return std::to_string(version / 10000) + "." + std::to_string(version % 10000);
}

std::vector<PgParam> pgParameters(const std::vector<FilterValue>& values) {
  std::vector<PgParam> parameters;
  for (const FilterValue& value : values) {
    if (const auto* text = std::get_if<std::string>(&value)) {
      parameters.emplace_back(*text);
    } else if (const auto* number = std::get_if<double>(&value)) {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", *number);
      parameters.emplace_back(buffer);
    } else {
      parameters.emplace_back(std::nullopt);
    }
  }
  return parameters;
}

std::string qualifiedName(const std::string& schema, const std::string& table) {
  return schema.empty() ? quoteIdentifier(table) : quoteIdentifier(schema) + "." + quoteIdentifier(table);
}

}  // namespace urbangis
