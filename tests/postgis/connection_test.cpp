// The libpq layer: connecting to the test cluster, bound parameters, errors that name the
// source without its password.

#include <catch2/catch.hpp>

#include "core/error.h"
#include "io/postgis/pg_source.h"
#include "io/postgis/postgis_connection.h"
#include "postgis/postgis_support.h"

using namespace urbangis;

TEST_CASE("the test cluster has PostGIS and answers through libpq", "[postgis]") {
  const PgConnection connection(test::pgSource());
  const PgResult version = connection.exec("SELECT postgis_lib_version(), current_user");
  REQUIRE(version.rows() == 1);
  CHECK(version.text(0, 0).rfind("3.", 0) == 0);
  CHECK(version.text(0, 1) == "urbangis");
}

TEST_CASE("bound parameters arrive as values, whatever they contain", "[postgis]") {
  const PgConnection connection(test::pgSource());
  for (const std::string evil : {"'; DROP TABLE spatial_ref_sys; --", "x' OR '1'='1", "\\'; SELECT 1; --", "$1",
                                 "\"; DROP SCHEMA public CASCADE; --", "大冶市'--"}) {
    const PgResult echo = connection.exec("SELECT $1::text, length($1::text)", {evil});
    CHECK(echo.text(0, 0) == evil);
  }
  CHECK(connection.exec("SELECT count(*) FROM spatial_ref_sys").integer(0, 0) > 1000);
  CHECK(connection.exec("SELECT $1::text IS NULL", {std::nullopt}).text(0, 0) == "t");
}

TEST_CASE("a source holding a password is refused and the password is never shown", "[postgis]") {
  const std::string withPassword = test::pgSource() + " password='s3cr et'";
  try {
    PgConnection connection(withPassword);
    FAIL("a password in the source was accepted");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("s3cr") == std::string::npos);
    CHECK(message.find("PGPASSWORD") != std::string::npos);
  }
}

TEST_CASE("a failed connection or query names the source", "[postgis]") {
  try {
    PgConnection connection(test::pgSource() + " user=nobody_here");
    FAIL("connected as an unknown user");
  } catch (const InputError& error) {
    CHECK(std::string(error.what()).find("cannot connect") != std::string::npos);
    CHECK(std::string(error.what()).find("PG:host=127.0.0.1") != std::string::npos);
  }
  const PgConnection connection(test::pgSource());
  CHECK_THROWS_WITH(connection.exec("SELECT * FROM no_such_table", {}, "reading layer x"),
                    Catch::Contains("reading layer x failed") && Catch::Contains("no_such_table"));
}
