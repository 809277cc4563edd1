#include "analysis/stats/postgis_overlay.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "analysis/stats/postgis_sql.h"

namespace urbangis {
namespace {

// A temp table `name` (fid, id, g, s0 …) of the layer's features in the working CRS, repaired
// only when invalid and reduced to the layer's dimension, those left empty removed; GiST-indexed.
// Returns how many rows the window kept before the empty ones were removed.
int64_t featuresTable(const PgConnection& db, const std::string& name, const LayerSpec& layer, int dimension,
                      const TimeWindow& window, const std::string& workingSrid) {
  const std::string geometry = pgGeometryColumn(db, layer);
  std::vector<PgParam> parameters;
  const std::string condition = pgWindowCondition(db, layer, window, parameters);
  const std::string kind = dimension == 2 ? "3" : "2";
  const std::string id =
      layer.idField.empty() ? "'row ' || (row_number() OVER ())::text" : quoteIdentifier(layer.idField) + "::text";
  // NaN or NULL sum values count as 0, as the local engine reads them.
  std::string sumValues, sumColumns;
  for (size_t f = 0; f < layer.sumFields.size(); ++f) {
    const std::string field = quoteIdentifier(layer.sumFields[f]), alias = "s" + std::to_string(f);
    sumValues +=
        ", coalesce(CASE WHEN " + field + "::float8 = 'NaN' THEN 0 ELSE " + field + "::float8 END, 0) AS " + alias;
    sumColumns += ", " + alias;
  }
  db.exec("DROP TABLE IF EXISTS pg_temp." + name);
  db.exec("CREATE TEMP TABLE " + name + " AS SELECT row_number() OVER () AS fid, id, repaired, CASE WHEN repaired " +
              "THEN ST_CollectionExtract(ST_MakeValid(ug_wg), " + kind + ") ELSE ug_wg END AS g" + sumColumns +
              " FROM (SELECT " + id + " AS id, ug_wg, NOT ST_IsValid(ug_wg) AS repaired" + sumValues +
              " FROM (SELECT *, ST_Transform(" + geometry + ", " + workingSrid + ") AS ug_wg FROM " + pgTableOf(layer) +
              " WHERE " + geometry + " IS NOT NULL AND NOT ST_IsEmpty(" + geometry + ")" + condition + ") t) u",
          parameters, "reading " + layer.id + " (" + layer.layerName + ")");
  // Everything the window kept, with or without a geometry, to count what cannot be measured.
  std::vector<PgParam> countParameters;
  const std::string countCondition = pgWindowCondition(db, layer, window, countParameters);
  const PgResult inWindow = db.exec("SELECT count(*) FROM " + pgTableOf(layer) + " WHERE true" + countCondition,
                                    countParameters, "counting " + layer.id);
  // Kept as they are when valid (of any dimension), as the local engine keeps them.
  db.exec("DELETE FROM " + name + " WHERE g IS NULL OR ST_IsEmpty(g)");
  db.exec("CREATE INDEX ON " + name + " USING gist (g)", {}, "indexing " + layer.id);
  db.exec("ANALYZE " + name, {}, "analysing " + layer.id);
  return inWindow.integer(0, 0);
}

// A double as text that reads back to the same double.
std::string exactText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// The union of the parts of `table`'s features inside each zone (a feature the zone covers whole,
// else its intersection of the right dimension), per zid, with how many features meet the zone.
std::string partsInsideZones(const std::string& table, int dimension) {
  const std::string kind = dimension == 2 ? "3" : "2";
  return "SELECT z.zid, count(*) AS met, ST_CollectionExtract(ST_UnaryUnion(ST_Collect(CASE WHEN ST_Covers(z.g, f.g) "
         "THEN f.g ELSE ST_CollectionExtract(ST_Intersection(z.g, f.g), " +
         kind + ") END)), " + kind + ") AS g FROM ug_zones z JOIN " + table +
         " f ON ST_Intersects(z.g, f.g) GROUP BY z.zid";
}

}  // namespace

PgOverlayResult overlayInPostgis(const PgConnection& db, const PgOverlayRequest& request,
                                 const std::map<std::string, size_t>& slotOf) {
  const LayerSpec& layer = *request.layer;
  const int dimension = geometryOf(layer.role) == GeometryFamily::polygon ? 2 : 1;
  const std::string& G = request.geographicSrid;
  const size_t none = slotOf.size(), slots = none + 1;
  PgOverlayResult result;
  OverlayStats& stats = result.stats;
  stats.counts.assign(slots, 0);
  stats.measure.assign(slots, 0.0);
  stats.roadShare.assign(slots, std::numeric_limits<double>::quiet_NaN());
  stats.sums.assign(layer.sumFields.size(), std::vector<double>(slots, 0.0));

  const int64_t inWindow = featuresTable(db, "ug_features", layer, dimension, request.window, request.workingSrid);
  const PgResult kept = db.exec("SELECT count(*) FROM ug_features");
  result.features = kept.integer(0, 0);
  result.dropped = inWindow - result.features;
  const PgResult repaired = db.exec("SELECT id FROM ug_features WHERE repaired ORDER BY fid");
  for (int row = 0; row < repaired.rows(); ++row) result.repaired.push_back(repaired.text(row, 0));

  // Per zone: features met, and the measure of the union of their parts inside.
  const PgResult inside = db.exec("SELECT zid, met, " + pgEllipsoidalMeasure("g", dimension, G) + " FROM (" +
                                      partsInsideZones("ug_features", dimension) + ") m",
                                  {}, "measuring " + layer.id + " by zone");
  for (int row = 0; row < inside.rows(); ++row) {
    const size_t slot = slotOf.at(inside.text(row, 0));
    stats.counts[slot] = inside.integer(row, 1);
    stats.measure[slot] = inside.isNull(row, 2) ? 0.0 : inside.number(row, 2);
  }
  // "(none)": the features meeting no zone, unioned and measured.
  const std::string kind = dimension == 2 ? "3" : "2";
  const PgResult outside = db.exec(
      "SELECT count(*), " +
          pgEllipsoidalMeasure("ST_CollectionExtract(ST_UnaryUnion(ST_Collect(f.g)), " + kind + ")", dimension, G) +
          " FROM ug_features f WHERE NOT EXISTS (SELECT 1 FROM ug_pieces pc WHERE ST_Intersects(pc.g, f.g))",
      {}, "measuring " + layer.id + " outside every zone");
  stats.counts[none] = outside.integer(0, 0);
  stats.measure[none] = outside.isNull(0, 1) ? 0.0 : outside.number(0, 1);

  // Sum fields: each feature to the zone(s) holding its point on surface.
  if (!layer.sumFields.empty()) {
    std::string sums, columns;
    for (size_t f = 0; f < layer.sumFields.size(); ++f) {
      sums += ", sum(pt.s" + std::to_string(f) + ")";
      columns += ", s" + std::to_string(f);
    }
    const PgResult summed =
        db.exec("SELECT h.zid" + sums + " FROM (SELECT ST_PointOnSurface(g) AS g" + columns +
                    " FROM ug_features) pt LEFT JOIN LATERAL (" + pgZonesHolding("pt.g") + ") h ON true GROUP BY h.zid",
                {}, "summing " + layer.id + " by zone");
    for (int row = 0; row < summed.rows(); ++row) {
      const size_t slot = summed.isNull(row, 0) ? none : slotOf.at(summed.text(row, 0));
      for (size_t f = 0; f < layer.sumFields.size(); ++f)
        stats.sums[f][slot] += summed.number(row, 1 + static_cast<int>(f));
    }
  }

  // Road share: the zone's roads within buffer_m of the layer's lines near the zone (clipped to
  // the zone's envelope grown by twice the buffer, as the local engine clips them).
  if (request.network) {
    featuresTable(db, "ug_roads", *request.network, 1, TimeWindow{}, request.workingSrid);
    const PgResult shares = db.exec(
        "SELECT r.zid, " + pgEllipsoidalMeasure("r.g", 1, G) + ", (SELECT " +
            pgEllipsoidalMeasure("ST_CollectionExtract(ST_Intersection(r.g, ST_Buffer(ST_UnaryUnion(ST_Collect(c.g)), "
                                 "$1::float8, 'quad_segs=8')), 2)",
                                 1, G) +
            " FROM (SELECT ST_ClipByBox2D(f.g, ST_Expand(z.g::box2d, 2 * $1::float8)) AS g FROM ug_features f"
            "       WHERE f.g && ST_Expand(z.g::box2d, 2 * $1::float8)) c WHERE NOT ST_IsEmpty(c.g))"
            " FROM (" +
            partsInsideZones("ug_roads", 1) + ") r JOIN ug_zones z ON z.zid = r.zid",
        {exactText(layer.bufferM)}, "road share of " + layer.id);
    for (int row = 0; row < shares.rows(); ++row) {
      const double roads = shares.isNull(row, 1) ? 0.0 : shares.number(row, 1);
      if (roads <= 0) continue;
      const double covered = shares.isNull(row, 2) ? 0.0 : shares.number(row, 2);
      stats.roadShare[slotOf.at(shares.text(row, 0))] = 100.0 * covered / roads;
    }
    db.exec("DROP TABLE IF EXISTS pg_temp.ug_roads");
  }
  // Features in no zone: are they far from the zones altogether (analysis/zones/zone_tally.h)?
  if (result.stats.counts.back() > 0) {
    const std::string extent = "ST_Extent(f.g)";
    const PgResult away = db.exec("WITH zx AS (SELECT ST_SetSRID(ST_Extent(g)::geometry, " + request.workingSrid +
                                      ") AS box FROM ug_zones)"
                                      " SELECT count(*), ST_XMin(" +
                                      extent + "), ST_YMin(" + extent + "), ST_XMax(" + extent + "), ST_YMax(" +
                                      extent + ") FROM ug_features f, zx WHERE NOT f.g && zx.box",
                                  {}, "placing " + request.layer->id);
    result.outsideZonesExtent = away.integer(0, 0);
    if (!away.isNull(0, 1))
      result.outsideBox = Box{away.number(0, 1), away.number(0, 2), away.number(0, 3), away.number(0, 4)};
  }
  db.exec("DROP TABLE IF EXISTS pg_temp.ug_features");
  return result;
}

}  // namespace urbangis
