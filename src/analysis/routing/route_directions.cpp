#include "analysis/routing/route_directions.h"

#include <cmath>
#include <cstdio>

namespace urbangis {
namespace {

// The first and last stretches of a polyline that have a direction.
bool firstStretch(const std::vector<Point2>& points, Point2& a, Point2& b) {
  for (size_t i = 0; i + 1 < points.size(); ++i)
    if (points[i].x != points[i + 1].x || points[i].y != points[i + 1].y) {
      a = points[i], b = points[i + 1];
      return true;
    }
  return false;
}

bool lastStretch(const std::vector<Point2>& points, Point2& a, Point2& b) {
  for (size_t i = points.size(); i-- > 1;)
    if (points[i].x != points[i - 1].x || points[i].y != points[i - 1].y) {
      a = points[i - 1], b = points[i];
      return true;
    }
  return false;
}

std::string roadName(const std::string& name, const std::string& language) {
  if (!name.empty()) return name;
  return language == "zh" ? "无名道路" : "an unnamed road";
}

}  // namespace

Turn turnBetween(Point2 a, Point2 b, Point2 c, Point2 d) {
  const double in = std::atan2(b.y - a.y, b.x - a.x), out = std::atan2(d.y - c.y, d.x - c.x);
  double degrees = (out - in) * 180 / M_PI;  // counter-clockwise positive: a left turn
  while (degrees > 180) degrees -= 360;
  while (degrees <= -180) degrees += 360;
  const double size = std::abs(degrees);
  if (size < 30) return Turn::straight;
  if (size > 150) return Turn::uTurn;
  if (degrees > 0) return size < 45 ? Turn::slightLeft : size > 120 ? Turn::sharpLeft : Turn::left;
  return size < 45 ? Turn::slightRight : size > 120 ? Turn::sharpRight : Turn::right;
}

std::vector<RouteStep> buildSteps(const std::vector<RoutePiece>& pieces, const RoadGraph& graph) {
  std::vector<RouteStep> steps;
  int vias = 0;
  for (const RoutePiece& piece : pieces) {
    if (piece.points.size() < 2 || piece.lengthM <= 0) {
      if (piece.startsAtVia) ++vias;
      continue;
    }
    const std::string& name = graph.roads[piece.road].name;
    // Pieces of one named road make one step; unnamed roads are one step only while straight
    // (else every turn between two unnamed lanes would vanish).
    Point2 a, b, c, d;
    const bool straightOn = !steps.empty() && lastStretch(steps.back().points, a, b) &&
                            firstStretch(piece.points, c, d) && turnBetween(a, b, c, d) == Turn::straight;
    const bool sameRoad =
        !steps.empty() && !piece.startsAtVia && steps.back().road == name && (!name.empty() || straightOn);
    if (sameRoad) {
      RouteStep& step = steps.back();
      step.lengthM += piece.lengthM;
      step.points.insert(step.points.end(), piece.points.begin() + 1, piece.points.end());
      continue;
    }
    RouteStep step;
    step.road = name;
    step.lengthM = piece.lengthM;
    step.points = piece.points;
    if (piece.startsAtVia) {
      step.turn = Turn::via;
      step.via = ++vias;
    } else if (!steps.empty()) {
      step.turn = lastStretch(steps.back().points, a, b) && firstStretch(piece.points, c, d) ? turnBetween(a, b, c, d)
                                                                                             : Turn::straight;
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::string formatDistance(double metres) {
  char text[32];
  // The unit follows the rounded value: 999.6 m is "1.0 km", 9,960 m is "10 km".
  if (metres < 999.5)
    std::snprintf(text, sizeof text, "%.0f m", metres);
  else if (metres < 9950)
    std::snprintf(text, sizeof text, "%.1f km", metres / 1000);
  else
    std::snprintf(text, sizeof text, "%.0f km", metres / 1000);
  return text;
}

std::string describeTurn(Turn turn, const std::string& language) {
  const bool zh = language == "zh";
  switch (turn) {
    case Turn::depart:
      return zh ? "出发" : "depart";
    case Turn::straight:
      return zh ? "直行" : "continue straight";
    case Turn::slightLeft:
      return zh ? "稍向左转" : "bear left";
    case Turn::left:
      return zh ? "左转" : "turn left";
    case Turn::sharpLeft:
      return zh ? "向左急转" : "turn sharp left";
    case Turn::slightRight:
      return zh ? "稍向右转" : "bear right";
    case Turn::right:
      return zh ? "右转" : "turn right";
    case Turn::sharpRight:
      return zh ? "向右急转" : "turn sharp right";
    case Turn::uTurn:
      return zh ? "掉头" : "make a U-turn";
    case Turn::via:
      return zh ? "经过途经点" : "pass the via point";
  }
  return {};
}

std::string describeSteps(const std::vector<RouteStep>& steps, const std::string& language) {
  const bool zh = language == "zh";
  std::string text;
  for (const RouteStep& step : steps) {
    if (!text.empty()) text += " → ";
    const std::string name = roadName(step.road, language), distance = formatDistance(step.lengthM);
    if (step.turn == Turn::depart) {
      text += zh ? "沿" + name + " " + distance : "Along " + name + " " + distance;
    } else if (step.turn == Turn::via) {
      text += zh ? "经过途经点" + std::to_string(step.via) + "，沿" + name + " " + distance
                 : "pass via point " + std::to_string(step.via) + ", along " + name + " " + distance;
    } else {
      text += zh ? describeTurn(step.turn, language) + " 沿" + name + " " + distance
                 : describeTurn(step.turn, language) + " onto " + name + " " + distance;
    }
  }
  text += text.empty() ? (zh ? "起点即终点" : "the start is the destination") : (zh ? " → 到达" : " → arrive");
  return text;
}

}  // namespace urbangis
