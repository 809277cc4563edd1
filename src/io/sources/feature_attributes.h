#pragma once
// One feature's attributes, by id, as text for people (the viewer's identify panel).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"

namespace urbangis {

// Field name and value text of feature `fid` of the catalog layer; empty values for nulls.
// Throws InputError when the layer cannot be read or has no such feature.
std::vector<std::pair<std::string, std::string>> featureAttributes(const LayerSpec& spec, int64_t fid);

}  // namespace urbangis
