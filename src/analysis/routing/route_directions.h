#pragma once
// Turn-by-turn directions from a route's pieces: consecutive pieces on the same road become one
// step; between steps, the turn is read from the angle between the last stretch of one road and
// the first of the next. "沿新冶大道 1.2 km → 左转 沿大冶大道 350 m → 到达" / "Along 新冶大道 1.2 km
// → turn left onto 大冶大道 350 m → arrive".

#include <string>
#include <vector>

#include "analysis/routing/road_graph.h"

namespace urbangis {

enum class Turn { depart, straight, slightLeft, left, sharpLeft, slightRight, right, sharpRight, uTurn, via };

struct RoutePiece {
  std::vector<Point2> points;  // working CRS, in travel order
  uint32_t road = 0;           // index into RoadGraph::roads
  double lengthM = 0;
  bool startsAtVia = false;  // the first piece after a via point
};

struct RouteStep {
  std::string road;  // empty for a road without a name
  Turn turn = Turn::depart;
  double lengthM = 0;
  std::vector<Point2> points;
  int via = 0;  // for Turn::via: which via point (1-based) was passed before this step
};

// Turns more than 150° are U-turns, 30–150° left or right (sharp past 120°, slight under 45°).
Turn turnBetween(Point2 a, Point2 b, Point2 c, Point2 d);

std::vector<RouteStep> buildSteps(const std::vector<RoutePiece>& pieces, const RoadGraph& graph);

// "350 m", "1.2 km", "12 km".
std::string formatDistance(double metres);
// One line of directions in "zh" or "en".
std::string describeSteps(const std::vector<RouteStep>& steps, const std::string& language);
std::string describeTurn(Turn turn, const std::string& language);

}  // namespace urbangis
