#include "io/postgis/pg_layer_table.h"

#include "core/error.h"
#include "io/filter/filter_expression.h"
#include "io/postgis/postgis_connection.h"

namespace urbangis {

std::string pgTableOf(const LayerSpec& spec) {
  if (spec.layerName.empty())
    throw InputError(spec.where() + ": a PostGIS layer needs \"layer\": the table or view to read");
  const auto dot = spec.layerName.find('.');
  if (dot == std::string::npos) return quoteIdentifier(spec.layerName);
  return qualifiedName(spec.layerName.substr(0, dot), spec.layerName.substr(dot + 1));
}

}  // namespace urbangis
