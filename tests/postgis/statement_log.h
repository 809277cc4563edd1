#pragma once
// The test cluster's server log, and `log_statement = all` for the length of a test: what the
// --where tests read to see which SQL the server ran (and that no user text was in it).

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"

namespace urbangis::test {

inline std::filesystem::path serverLog() {
  std::ifstream in(pgStateDir() / "datadir");
  std::string data;
  std::getline(in, data);
  return std::filesystem::path(data) / "server.log";
}

// What the log gained after `offset` bytes (its size before the test).
inline std::string readFrom(const std::filesystem::path& file, std::uintmax_t offset) {
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Logs every statement while alive; restores log_statement when the test ends, however it ends.
struct StatementLog {
  const PgConnection& connection;
  explicit StatementLog(const PgConnection& c) : connection(c) {
    connection.exec("ALTER SYSTEM SET log_statement = 'all'");
    connection.exec("SELECT pg_reload_conf()");
  }
  ~StatementLog() {
    try {
      connection.exec("ALTER SYSTEM RESET log_statement");
      connection.exec("SELECT pg_reload_conf()");
    } catch (...) {
      // A destructor must not throw; the cluster is thrown away after the tests anyway.
    }
  }
  StatementLog(const StatementLog&) = delete;
  StatementLog& operator=(const StatementLog&) = delete;
};

}  // namespace urbangis::test
