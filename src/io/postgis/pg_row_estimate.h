#pragma once
// How many rows a PostGIS layer's table holds, as the planner estimates it (pg_class.reltuples,
// kept by ANALYZE and autovacuum): read in one catalog lookup, without scanning a table that
// may hold hundreds of millions of rows. The viewer uses it to decide whether to read a layer
// whole or only the part in view.

#include <optional>

#include "core/catalog.h"

namespace urbangis {

// nullopt when the table has never been analysed (PostgreSQL 14+ says -1) or is not found;
// throws InputError naming the layer when the database cannot be reached.
std::optional<double> estimatedRowCount(const LayerSpec& spec);

}  // namespace urbangis
