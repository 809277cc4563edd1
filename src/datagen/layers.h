#pragma once
// The layers of the Daye dataset, one builder each. Counts, sums and categories reproduce the
// bureau's 2023 report (docs/dataset.md lists them), multiplied by the context's scale.

#include "datagen/sampling.h"
#include "datagen/table.h"

namespace urbangis::datagen {

// base_layers.cpp
Table makeDistricts(const GeneratorContext& context);
Table makeCommunities(const GeneratorContext& context);
Table makeVillages(const GeneratorContext& context);        // every unit that is not a 社区
Table makeNeighbourhoods(const GeneratorContext& context);  // 村居: communities + villages
Table makeRoads(const GeneratorContext& context);
// incidents.cpp
Table makeStreetOrderCases(const GeneratorContext& context, Random& random);
Table makeBillboardRemovals(const GeneratorContext& context, Random& random);
Table makeMuckSources(const GeneratorContext& context, Random& random);
Table makeGasHazards(const GeneratorContext& context, Random& random);
Table makeComplaints(const GeneratorContext& context, Random& random);  // no geometry: lon/lat
// sites.cpp
Table makeDemolitions(const GeneratorContext& context, Random& random);
Table makeYellowLineZones(const GeneratorContext& context, Random& random);
// corridors.cpp
Table makeCableCorridors(const GeneratorContext& context, Random& random);
// assets.cpp: the city-component inventory (not in the report; its own random stream)
Table makeAssets(const GeneratorContext& context, Random& random);
// unit_grids.cpp: `urbangis grid` on the communities (as stored) cut along the major roads
Table makeUnitGrids(const GeneratorContext& context, const Table& communities, const Table& roads);

}  // namespace urbangis::datagen
