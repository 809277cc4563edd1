#include "io/postgis/pg_row_estimate.h"

#include "io/filter/filter_expression.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {

std::optional<double> estimatedRowCount(const LayerSpec& spec) {
  const PgConnection db(spec.resolvedSource);
  // The table's name goes in as a bound value, quoted as to_regclass expects it.
  const auto dot = spec.layerName.find('.');
  const std::string table = dot == std::string::npos
                                ? quoteIdentifier(spec.layerName)
                                : qualifiedName(spec.layerName.substr(0, dot), spec.layerName.substr(dot + 1));
  const PgResult estimate = db.exec("SELECT reltuples::float8 FROM pg_class WHERE oid = to_regclass($1)", {table},
                                    "estimating the size of " + spec.layerName);
  if (estimate.rows() == 0 || estimate.isNull(0, 0)) return std::nullopt;
  const double rows = estimate.number(0, 0);
  if (rows < 0) return std::nullopt;
  return rows;
}

}  // namespace urbangis
