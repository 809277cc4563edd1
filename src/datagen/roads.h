#pragma once
// The road network: the 25 named main and secondary roads of the old town (the cable
// programme's roads), county roads linking every town seat, and the lanes (支路) through the
// cable programme's communities. Lines meet end to end or at shared vertices, so the network
// is connected once noded; the places people gather (markets, schools, the night market)
// come with it, since incidents cluster around them.

#include <string>
#include <vector>

#include "datagen/layout.h"

namespace urbangis::datagen {

struct Road {
  std::string name;
  std::string roadClass;  // 主干道, 次干道, 支路, 乡道
  bool oneway = false;
  std::vector<XY> line;
  std::string community;  // lanes: the community they serve
};

struct PlaceOfInterest {
  std::string kind;  // 农贸市场, 学校, 夜市
  std::string name;
  XY at;
};

struct RoadNetwork {
  std::vector<Road> roads;
  size_t namedUrbanCount = 25;  // roads[0..25) are the urban main/secondary roads
  std::vector<PlaceOfInterest> places;
  XY nightMarket;               // 恒达夜市
  double nightMarketAngle = 0;  // direction of the street it lines
};

RoadNetwork buildRoads(const GeosContext& geos, const CityLayout& city, Random& random);

// The township name without its suffix: 金牛镇 → 金牛.
std::string shortName(const std::string& township);

}  // namespace urbangis::datagen
