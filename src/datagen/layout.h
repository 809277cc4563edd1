#pragma once
// The shape of the synthetic city: its real outline (data/boundary/, 1,555 km²), the 18
// township-level units tiling it (5 small central streets, 13 large towns), and the 431
// village-level units (71 communities, 360 villages and others) tiling the townships.

#include <string>
#include <vector>

#include "datagen/places.h"
#include "datagen/projection.h"
#include "datagen/random.h"

namespace urbangis::datagen {

struct TownshipArea {
  Township place;
  XY seat;  // the township government's seat: where its town centre is
  GeomPtr polygon;
};

// A community (社区) or a village (村 and the others of data/places/).
struct NeighbourhoodArea {
  Neighbourhood place;
  std::string townshipName;
  XY centre;
  GeomPtr polygon;
  bool cableProgramme = false;  // one of the 40 communities of the 2023 cable programme
};
using CommunityArea = NeighbourhoodArea;

struct CityLayout {
  XY centre;  // the old town, 114.97 E 30.10 N
  GeomPtr outline;
  GeomPtr urbanArea;  // the union of the 5 streets
  std::vector<TownshipArea> townships;
  std::vector<NeighbourhoodArea> communities;  // by code
  std::vector<NeighbourhoodArea> villages;     // by code
};

// `outline`: the county in projected metres (readCountyOutline).
CityLayout buildLayout(const GeosContext& geos, const Places& places, const Projection& projection, GeomPtr outline,
                       Random& random);

}  // namespace urbangis::datagen
