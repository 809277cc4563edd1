#pragma once
// `stats --classes national`: a stats table's per-category count columns (`L_count:<category>`)
// summed into the national event classes (`L_event:<class>`) and, where the mapping has them,
// component classes (`L_component:<class>`), in the mapping file's class order. Layers the
// mapping does not name keep their local columns; a mapped layer without categories (areas,
// lines) puts its whole count into its `"*"` class. Last come `event:<class>`: each event class
// over every mapped layer. Categories without a mapping count under the "other" class and are
// listed once in `warnings`.

#include <string>
#include <vector>

#include "core/output_table.h"
#include "io/catalog/class_map.h"

namespace urbangis {

OutputTable byNationalClass(const OutputTable& stats, const std::vector<std::string>& layerIds, const ClassMap& map,
                            std::vector<std::string>& warnings);

}  // namespace urbangis
