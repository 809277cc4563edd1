#pragma once
// The features of a PostGIS layer's table that a WHERE clause of ours selects, read with one
// query we build (SELECT fid, ST_AsBinary(geom), fields… FROM table WHERE … ORDER BY fid), its
// values bound parameters, through a cursor so that a huge table streams in batches. Features
// are built on the OGR layer's own definition the way GDAL's PostgreSQL driver builds them (FID
// from the primary key, values parsed from the same text), so code downstream cannot tell a
// feature read here from one OGR read.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "io/postgis/postgis_connection.h"

namespace urbangis {

class PgFeatureReader {
 public:
  // What of `layer` this reader cannot build as GDAL does (no primary key as FID, a list field),
  // in words; "" when it can read the layer.
  static std::string unsupported(OGRLayer& layer);

  // Opens the cursor on `connection` (used by nothing else). `table` as pgTableOf names it,
  // `where` with $n placeholders for `parameters`. Throws InputError naming `what` and the
  // source when the server refuses.
  PgFeatureReader(PgConnection connection, const std::string& table, OGRLayer& layer, const std::string& where,
                  const std::vector<PgParam>& parameters, const std::string& what);
  PgFeatureReader(const PgFeatureReader&) = delete;
  PgFeatureReader& operator=(const PgFeatureReader&) = delete;

  // The next feature in primary-key order, or nullptr after the last.
  OGRFeatureUniquePtr next();
  // Rows the server sent so far.
  int64_t rowsRead() const { return rowsRead_; }

 private:
  OGRFeatureUniquePtr featureOf(const PgResult& batch, int row) const;

  PgConnection db_;
  OGRFeatureDefn& definition_;
  std::string what_;
  std::optional<PgResult> batch_;
  int row_ = 0;
  bool finished_ = false;
  int64_t rowsRead_ = 0;
};

}  // namespace urbangis
