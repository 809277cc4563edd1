#pragma once
// Catches the two mistakes that make a map quietly wrong (`urbangis info` reports them):
// - a layer declared WGS84/CGCS2000 that is really GCJ-02 or BD-09 (hotline apps and web maps
//   export those), or the other way round: its points lie much nearer the roads when read in
//   the other system (the offset is ~500 m at Daye);
// - a layer that does not overlap the zones at all (a constant shift of kilometres, swapped
//   axes, a wrong CRS).

#include <string>
#include <vector>

#include "core/catalog.h"

namespace urbangis {

std::vector<std::string> checkRegistration(const Catalog& catalog);

}  // namespace urbangis
