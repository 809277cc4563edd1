#include "io/postgis/postgis_load_staging.h"

#include <cstdio>
#include <functional>

#include "core/error.h"
#include "io/filter/filter_expression.h"

namespace urbangis {
namespace {

constexpr size_t kMaxIdentifierBytes = 63;  // PostgreSQL's NAMEDATALEN - 1

// The name the staging table's own objects get once it is renamed to `table`: GDAL and
// PostgreSQL name them after the table ("<table>_pkey", "<table>_geom_geom_idx",
// "<table>_fid_seq"), so the staging name at their start becomes the table's.
std::string renamedFor(const std::string& name, const std::string& staging, const std::string& table) {
  if (name.rfind(staging, 0) == 0) return table + name.substr(staging.size());
  return name;
}

}  // namespace

std::string stagingTableName(const std::string& table) {
  std::string name = kStagingPrefix + table;
  if (name.size() <= kMaxIdentifierBytes) return name;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(table));
  return kStagingPrefix + std::string(hash);
}

SchemaLoadLock::SchemaLoadLock(const PgConnection& connection, const std::string& schema)
    : connection_(connection), key_("urbangis load into schema " + schema) {
  const PgResult taken =
      connection_.exec("SELECT pg_try_advisory_lock(hashtext($1))", {key_}, "locking schema " + schema);
  if (taken.text(0, 0) != "t")
    throw InputError(connection_.source() + ": another `urbangis load` into schema \"" + schema +
                     "\" is running; wait for it to finish and load again");
}

SchemaLoadLock::~SchemaLoadLock() {
  try {
    connection_.exec("SELECT pg_advisory_unlock(hashtext($1))", {key_}, "unlocking");
  } catch (const InputError&) {
    // The connection is gone; the server released the lock with the session.
  }
}

std::vector<std::string> dropStaleStagingTables(const PgConnection& connection, const std::string& schema) {
  const PgResult stale = connection.exec(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND starts_with(c.relname, $2) ORDER BY 1",
      {schema, std::string(kStagingPrefix)}, "looking for staging tables of an interrupted load in " + schema);
  std::vector<std::string> dropped;
  for (int row = 0; row < stale.rows(); ++row) {
    const std::string name = stale.text(row, 0);
    connection.exec("DROP TABLE IF EXISTS " + qualifiedName(schema, name) + " CASCADE", {},
                    "dropping the staging table " + schema + "." + name + " of an interrupted load");
    dropped.push_back(name);
  }
  return dropped;
}

StagingTables::StagingTables(const PgConnection& connection, std::string schema)
    : connection_(connection), schema_(std::move(schema)) {}

StagingTables::~StagingTables() {
  if (swapped_) return;
  // A failed or cancelled load: its staging tables go now (a killed one's at the next load).
  for (const std::string& table : tables_) {
    try {
      connection_.exec("DROP TABLE IF EXISTS " + qualifiedName(schema_, stagingTableName(table)) + " CASCADE");
    } catch (const InputError&) {
      return;  // the connection is gone: the next load drops them
    }
  }
}

std::string StagingTables::add(const std::string& table) {
  tables_.push_back(table);
  return stagingTableName(table);
}

void StagingTables::renameStatements(const std::string& table, const std::string& staging,
                                     std::vector<std::string>& out) const {
  const std::vector<PgParam> names{qualifiedName(schema_, staging)};
  const std::string what = "listing the indexes, constraints and sequences of " + schema_ + "." + staging;
  // Indexes (renaming one that backs a primary key or unique constraint renames the constraint).
  const PgResult indexes = connection_.exec(
      "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
      "WHERE i.indrelid = $1::regclass ORDER BY 1",
      names, what);
  for (int row = 0; row < indexes.rows(); ++row) {
    const std::string name = indexes.text(row, 0);
    if (renamedFor(name, staging, table) != name)
      out.push_back("ALTER INDEX " + qualifiedName(schema_, name) + " RENAME TO " +
                    quoteIdentifier(renamedFor(name, staging, table)));
  }
  // Constraints without an index of their own (CHECK, foreign keys).
  const PgResult constraints = connection_.exec(
      "SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND conindid = 0 ORDER BY 1", names, what);
  for (int row = 0; row < constraints.rows(); ++row) {
    const std::string name = constraints.text(row, 0);
    if (renamedFor(name, staging, table) != name)
      out.push_back("ALTER TABLE " + qualifiedName(schema_, table) + " RENAME CONSTRAINT " + quoteIdentifier(name) +
                    " TO " + quoteIdentifier(renamedFor(name, staging, table)));
  }
  // Sequences owned by a column (GDAL's serial fid).
  const PgResult sequences = connection_.exec(
      "SELECT s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
      "WHERE d.refobjid = $1::regclass AND d.classid = 'pg_class'::regclass AND s.relkind = 'S' ORDER BY 1",
      names, what);
  for (int row = 0; row < sequences.rows(); ++row) {
    const std::string name = sequences.text(row, 0);
    if (renamedFor(name, staging, table) != name)
      out.push_back("ALTER SEQUENCE " + qualifiedName(schema_, name) + " RENAME TO " +
                    quoteIdentifier(renamedFor(name, staging, table)));
  }
}

void StagingTables::swapIn() {
  struct Step {
    std::string table, sql;
  };
  std::vector<Step> steps;
  for (const std::string& table : tables_) {
    const std::string staging = stagingTableName(table);
    std::vector<std::string> renames;
    renameStatements(table, staging, renames);
    // No CASCADE: a view on the old table would silently go with it; instead the swap fails
    // and every old table stays.
    steps.push_back({table, "DROP TABLE IF EXISTS " + qualifiedName(schema_, table)});
    steps.push_back({table, "ALTER TABLE " + qualifiedName(schema_, staging) + " RENAME TO " + quoteIdentifier(table)});
    for (auto& rename : renames) steps.push_back({table, std::move(rename)});
  }
  connection_.exec("BEGIN", {}, "starting the swap of the loaded tables");
  try {
    for (const Step& step : steps)
      connection_.exec(step.sql, {}, "replacing table " + schema_ + "." + step.table + " (nothing was replaced)");
    connection_.exec("COMMIT", {}, "committing the swap of the loaded tables (nothing was replaced)");
  } catch (const InputError&) {
    try {
      connection_.exec("ROLLBACK");
    } catch (const InputError&) {
      // The connection is gone: the server rolled back.
    }
    throw;
  }
  swapped_ = true;
}

}  // namespace urbangis
