#pragma once
// The SQL pieces the PostGIS stats engine builds its queries from: a layer's table and geometry
// column, its time-window condition (values as bound parameters, never pasted), and the local
// engine's zone rule for a point, against the temp tables ug_zones (zid, rank, g) and ug_pieces
// (zid, g: the zones cut with ST_Subdivide, GiST-indexed).

#include <string>
#include <vector>

#include "analysis/time_window.h"
#include "core/catalog.h"
#include "io/postgis/pg_layer_table.h"  // pgTableOf
#include "io/postgis/postgis_connection.h"

namespace urbangis {

// The geometry column GDAL reads (the first one), quoted.
std::string pgGeometryColumn(const PgConnection& db, const LayerSpec& spec);

// The SQL type of a column ("date", "timestamp without time zone", "text" …).
std::string pgColumnType(const PgConnection& db, const LayerSpec& spec, const std::string& column);

// Makes the session's TimeZone the catalog's time_zone, so a timestamptz column compares with the
// window's wall-clock bounds (cast ::timestamp → timestamptz in that zone) as the local engine's
// times do, and a naive timestamp column is taken as that zone's wall clock.
void pgUseTimeZone(const PgConnection& db, const std::string& zone);

// " AND time >= $n::timestamp AND time < $m::timestamp" for an active window on a layer with a
// time_field (its values appended to `parameters`); "" otherwise. Throws InputError when the
// field is not a date or timestamp column.
std::string pgWindowCondition(const PgConnection& db, const LayerSpec& spec, const TimeWindow& window,
                              std::vector<PgParam>& parameters);

// A subquery for LEFT JOIN LATERAL giving the zids that hold `point` (a working-CRS point
// expression): every zone holding it inside, else the lowest-ranked zone whose boundary it
// touches, else no row.
std::string pgZonesHolding(const std::string& point);

// "ST_Area(ST_Transform(g, G)::geography, true)" for dimension 2, ST_Length for 1: the
// ellipsoidal measure of a working-CRS geometry expression, on the working datum's ellipsoid.
std::string pgEllipsoidalMeasure(const std::string& geometry, int dimension, const std::string& geographicSrid);

}  // namespace urbangis
