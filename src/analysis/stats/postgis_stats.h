#pragma once
// `urbangis stats --engine postgis`: the stats table computed in the database when the zones and
// the layers live in one PostGIS database. Zones are repaired (ST_MakeValid), put in the working
// CRS, measured on the ellipsoid (geography) and cut with ST_Subdivide into a GiST-indexed temp
// table; points are located with the local engine's rules (inside a zone: counted there, in
// every zone that holds it; on boundaries only: the zone with the smallest id), counted per
// category and summed per sum field, all in one GROUP BY per layer; areas and lines layers are
// unioned per zone before they are measured, with the road share of lines that cover a network
// (postgis_overlay.h). Only the per-zone totals cross the network.

#include <string>
#include <vector>

#include "analysis/stats/stats.h"

namespace urbangis {

// True when the zones layer and every requested layer read from one PG: source (same
// connection string) with a named table.
bool postgisEngineApplies(const Catalog& catalog, const StatsRequest& request);

// Throws InputError when the layers are not all in one PostGIS database, naming the one that
// is not. `notes` (in the result's warnings) says what ran where.
StatsResult computeStatsInPostgis(const Catalog& catalog, const StatsRequest& request, const Progress& progress);

}  // namespace urbangis
