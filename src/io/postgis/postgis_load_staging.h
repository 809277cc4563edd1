#pragma once
// How `urbangis load` replaces tables without ever showing a half-replaced one: every layer is
// copied into a staging table of the target schema ("urbangis_staging_<id>"), and only when
// all of them are complete are they swapped in, all in one transaction (drop the old table,
// rename the staging one, its indexes, constraints and sequence to the names the table would
// have had). A failure or a kill before that commit leaves the old tables and rows as they were;
// a reader blocked on the old table during the swap reads the new one after it.

#include <string>
#include <vector>

#include "io/postgis/postgis_connection.h"

namespace urbangis {

// Every staging table starts with this; nothing else of ours does.
inline constexpr const char* kStagingPrefix = "urbangis_staging_";

// The staging name of `table`: the prefix and the table's name, or, when that would pass
// PostgreSQL's 63-byte identifiers, the prefix and a hash of the name.
std::string stagingTableName(const std::string& table);

// One load into a schema at a time: a session advisory lock held by `connection` (released by
// the server when the session ends, even after a kill). Throws InputError when another load
// into the schema holds it.
class SchemaLoadLock {
 public:
  SchemaLoadLock(const PgConnection& connection, const std::string& schema);
  ~SchemaLoadLock();
  SchemaLoadLock(const SchemaLoadLock&) = delete;
  SchemaLoadLock& operator=(const SchemaLoadLock&) = delete;

 private:
  const PgConnection& connection_;
  std::string key_;
};

// Drops the staging tables a killed earlier load left in `schema` (safe under SchemaLoadLock:
// no other load is writing them). Returns their names.
std::vector<std::string> dropStaleStagingTables(const PgConnection& connection, const std::string& schema);

// The staging tables of this load: dropped when the load fails (the destructor), swapped in by
// swapIn() when it succeeds.
class StagingTables {
 public:
  StagingTables(const PgConnection& connection, std::string schema);
  ~StagingTables();
  StagingTables(const StagingTables&) = delete;
  StagingTables& operator=(const StagingTables&) = delete;

  // Registers `table` and returns its staging name (unqualified).
  std::string add(const std::string& table);
  // One transaction: each old table dropped (a view on it stops the swap, and nothing is
  // replaced), each staging table renamed to its table's name with its indexes, constraints and
  // owned sequences renamed to match. Throws InputError naming the table on failure.
  void swapIn();

 private:
  void renameStatements(const std::string& table, const std::string& staging, std::vector<std::string>& out) const;
  const PgConnection& connection_;
  std::string schema_;
  std::vector<std::string> tables_;
  bool swapped_ = false;
};

}  // namespace urbangis
