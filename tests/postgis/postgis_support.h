#pragma once
// What the PostGIS tests share: the test cluster's connection and the Daye data loaded into it
// by the CTest fixture (tests/scripts/postgis_fixture.sh).

#include <filesystem>
#include <string>

#include "core/output_table.h"

namespace urbangis::test {

// Takes the test cluster's connection settings (PGHOST, PGPORT, PGPASSFILE …) into this
// process's environment. Returns 0 then; without a cluster, 77 (CTest: skipped) or, under
// CI=true, 1 (failed), having said why on stderr.
int usePgTestCluster();

// Where scripts/pg-test-cluster.sh keeps the cluster's state (env, pgpass, loaded catalogs).
std::filesystem::path pgStateDir();
// "PG:host=127.0.0.1 port=… dbname=urbangis_test user=urbangis" (the password is in PGPASSFILE).
std::string pgSource();
// The Daye catalog the fixture loaded into schema "daye" with `urbangis load --catalog-out`.
std::filesystem::path dayePgCatalog();

// A CSV written by `urbangis stats`/`export` read back as rows of text cells, header first.
std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& file);

}  // namespace urbangis::test
