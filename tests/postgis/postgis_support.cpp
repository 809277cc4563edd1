#include "postgis/postgis_support.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace urbangis::test {

// $URBANGIS_PG_TEST_STATE points the tests at a cluster of one's own (pg-test-cluster.sh start DIR).
std::filesystem::path pgStateDir() {
  const char* dir = std::getenv("URBANGIS_PG_TEST_STATE");
  return dir && *dir ? dir : URBANGIS_PG_TEST_STATE;
}

int usePgTestCluster() {
  std::ifstream env(pgStateDir() / "env");
  if (!env) {
    const char* ci = std::getenv("CI");
    const bool inCi = ci && (std::string(ci) == "true" || std::string(ci) == "TRUE" || std::string(ci) == "True");
    std::cerr << (inCi ? "error" : "SKIPPED") << ": no PostGIS test cluster in " << pgStateDir()
              << " (the CTest fixture postgis.cluster_start starts one: see docs/postgis.md)"
              << (inCi ? "; CI=true, so this is a failure\n" : "\n");
    return inCi ? 1 : 77;
  }
  std::string line;
  while (std::getline(env, line)) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) setenv(line.substr(0, equals).c_str(), line.substr(equals + 1).c_str(), 1);
  }
  return 0;
}

std::string pgSource() {
  const char* source = std::getenv("URBANGIS_PG_TEST");
  if (!source) throw std::runtime_error("URBANGIS_PG_TEST is not set (no test cluster)");
  return source;
}

std::filesystem::path dayePgCatalog() { return pgStateDir() / "daye_pg.json"; }

std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  char c;
  while (in.get(c)) {
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          cell += '"';
          in.get(c);
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace urbangis::test
