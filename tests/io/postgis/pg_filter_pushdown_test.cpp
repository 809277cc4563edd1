// How a --where push-down reads each PostgreSQL column type (sqlColumnOf).

#include <catch2/catch.hpp>

#include "io/postgis/pg_filter_pushdown.h"

using namespace urbangis;

TEST_CASE(
    "PostgreSQL columns for --where push-down: integers, floats and numerics as float8, text bytewise, the rest only "
    "for NULL",
    "[io][where]") {
  using Kind = SqlColumn::Kind;
  for (const char* integer : {"int2", "int4", "int8"}) {
    const SqlColumn column = sqlColumnOf("n", integer, integer, true, true);
    CHECK(column.kind == Kind::number);
    CHECK(column.value == "\"n\"");
  }
  CHECK(sqlColumnOf("x", "float8", "double precision", true, true).value == "NULLIF(\"x\", 'NaN'::float8)");
  CHECK(sqlColumnOf("x", "numeric", "numeric(10,2)", true, true).value == "NULLIF(\"x\"::float8, 'NaN'::float8)");
  CHECK(sqlColumnOf("x", "float8", "double precision", true, true).presence == "\"x\"");  // NaN is not NULL
  // float4: OGR reads its shortest text, SQL would widen the binary value.
  CHECK(sqlColumnOf("x", "float4", "real", true, true).kind == Kind::nullsOnly);

  CHECK(sqlColumnOf("t", "text", "text", true, true).kind == Kind::text);
  CHECK(sqlColumnOf("t", "varchar", "character varying(20)", true, true).kind == Kind::text);
  CHECK(sqlColumnOf("t", "text", "text", false, true).kind == Kind::nullsOnly);           // e.g. case-insensitive ICU
  CHECK(sqlColumnOf("t", "text", "text", true, false).kind == Kind::nullsOnly);           // not a UTF-8 database
  CHECK(sqlColumnOf("t", "bpchar", "character(4)", true, true).kind == Kind::nullsOnly);  // blank-padded

  CHECK(sqlColumnOf("d", "timestamp", "timestamp without time zone", true, true).presence ==
        "CASE WHEN isfinite(\"d\") THEN 1 END");
  CHECK(sqlColumnOf("b", "bool", "boolean", true, true).kind == Kind::nullsOnly);
  CHECK(sqlColumnOf("we\"ird", "int4", "integer", true, true).value == "\"we\"\"ird\"");
}
