#pragma once
// The table behind a PostGIS catalog layer, as SQL names it: the catalog's "layer" key
// ("schema.table" or "table"), each part quoted as an identifier, never pasted as written.

#include <string>

#include "core/catalog.h"

namespace urbangis {

// "schema.table" → "schema"."table"; "table" → "table". Throws InputError without a table.
std::string pgTableOf(const LayerSpec& spec);

}  // namespace urbangis
