#pragma once
// The shape of the synthetic city: its outline (about 1,566 km²), the 18 township-level units
// tiling it (5 small central streets, 13 large towns), and the 71 communities inside them.

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

struct CommunityArea {
  Community place;
  std::string townshipName;
  XY centre;
  GeomPtr polygon;
  bool cableProgramme = false;  // one of the 40 communities of the 2023 cable programme
};

struct CityLayout {
  XY centre;  // the old town, 114.97 E 30.10 N
  GeomPtr outline;
  GeomPtr urbanArea;  // the union of the 5 streets
  std::vector<TownshipArea> townships;
  std::vector<CommunityArea> communities;
};

CityLayout buildLayout(const GeosContext& geos, const Places& places, const Projection& projection,
                       Random& random);

}  // namespace urbangis::datagen
