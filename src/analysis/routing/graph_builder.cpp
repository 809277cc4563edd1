#include "analysis/routing/graph_builder.h"

#include "analysis/routing/disjoint_sets.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace urbangis {
namespace {

// A place where a line is cut: on segment `segment` at parameter t ∈ [0, 1], joined to node
// candidate `candidate`.
struct Cut {
  uint32_t segment;
  double t;
  uint32_t candidate;
};

struct Candidate {
  Point2 point;
  bool onRoad;  // lies on a road's course (a crossing or a projection), not a loose end
};

struct Segment {
  uint32_t line, index;
  Point2 a, b;
  double minX, minY, maxX, maxY;  // envelope grown by the tolerance
};

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

double distance(Point2 a, Point2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Parameter of the point of segment ab nearest to p, clamped to [0, 1].
double projectOnto(Point2 p, Point2 a, Point2 b) {
  const double dx = b.x - a.x, dy = b.y - a.y, squared = dx * dx + dy * dy;
  if (squared == 0) return 0;
  return std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / squared, 0.0, 1.0);
}

Point2 at(Point2 a, Point2 b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

class Builder {
 public:
  Builder(std::vector<RoadLine> lines, const GraphBuildOptions& options, const Progress& progress)
      : lines_(std::move(lines)),
        tolerance_(std::max(options.snapTolerance, 0.0)),
        mergeDistance_(std::max(tolerance_, 1e-6)),
        progress_(progress) {}

  RoadGraph build(std::vector<RoadInfo> roads) {
    RoadGraph graph;
    graph.roads = std::move(roads);
    graph.report.inputLines = lines_.size();
    dropDegenerate(graph);
    addLineEnds();
    collectSegments();
    findCuts(graph.report);
    mergeCandidates();
    cutLines(graph);
    graph.index();
    return graph;
  }

 private:
  void dropDegenerate(RoadGraph& graph) {
    std::vector<RoadLine> kept;
    kept.reserve(lines_.size());
    for (RoadLine& line : lines_) {
      std::vector<Point2> points;
      points.reserve(line.points.size());
      for (const Point2& p : line.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        if (points.empty() || p.x != points.back().x || p.y != points.back().y) points.push_back(p);
      }
      if (points.size() < 2) {
        graph.report.degenerate.push_back(graph.roads[line.road].feature);
        continue;
      }
      line.points = std::move(points);
      kept.push_back(std::move(line));
    }
    lines_ = std::move(kept);
    cuts_.resize(lines_.size());
  }

  uint32_t addCandidate(Point2 point, bool onRoad) {
    candidates_.push_back({point, onRoad});
    return sets_.add();
  }

  void addLineEnds() {
    startCandidate_.resize(lines_.size());
    endCandidate_.resize(lines_.size());
    for (uint32_t l = 0; l < lines_.size(); ++l) {
      const auto& points = lines_[l].points;
      const auto lastSegment = static_cast<uint32_t>(points.size() - 2);
      startCandidate_[l] = addCandidate(points.front(), false);
      endCandidate_[l] = addCandidate(points.back(), false);
      cuts_[l].push_back({0, 0.0, startCandidate_[l]});
      cuts_[l].push_back({lastSegment, 1.0, endCandidate_[l]});
    }
  }

  void collectSegments() {
    for (uint32_t l = 0; l < lines_.size(); ++l) {
      const auto& points = lines_[l].points;
      for (uint32_t i = 0; i + 1 < points.size(); ++i) {
        const Point2 a = points[i], b = points[i + 1];
        segments_.push_back({l, i, a, b, std::min(a.x, b.x) - tolerance_, std::min(a.y, b.y) - tolerance_,
                             std::max(a.x, b.x) + tolerance_, std::max(a.y, b.y) + tolerance_});
      }
    }
  }

  // Candidate pairs come from a uniform grid of cells about one typical segment wide; a pair is
  // examined only in the cell holding the lower-left corner of their envelopes' overlap, so once.
  void findCuts(GraphReport& report) {
    if (segments_.empty()) return;
    std::vector<double> lengths;
    lengths.reserve(segments_.size());
    originX_ = segments_[0].minX, originY_ = segments_[0].minY;
    for (const Segment& s : segments_) {
      lengths.push_back(distance(s.a, s.b));
      originX_ = std::min(originX_, s.minX), originY_ = std::min(originY_, s.minY);
    }
    std::nth_element(lengths.begin(), lengths.begin() + static_cast<long>(lengths.size() / 2), lengths.end());
    cell_ = std::max({lengths[lengths.size() / 2], 4 * tolerance_, 1e-3});

    std::vector<std::pair<uint64_t, uint32_t>> entries;
    entries.reserve(segments_.size() * 2);
    for (uint32_t s = 0; s < segments_.size(); ++s) {
      const Segment& segment = segments_[s];
      const uint64_t x0 = cellOf(segment.minX, originX_), x1 = cellOf(segment.maxX, originX_);
      const uint64_t y0 = cellOf(segment.minY, originY_), y1 = cellOf(segment.maxY, originY_);
      for (uint64_t x = x0; x <= x1; ++x)
        for (uint64_t y = y0; y <= y1; ++y) entries.emplace_back(x << 32 | y, s);
    }
    std::sort(entries.begin(), entries.end());
    for (size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
      const uint64_t key = entries[begin].first;
      while (end < entries.size() && entries[end].first == key) ++end;
      for (size_t i = begin; i < end; ++i)
        for (size_t j = i + 1; j < end; ++j) {
          const Segment& a = segments_[entries[i].second];
          const Segment& b = segments_[entries[j].second];
          if (a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY) continue;
          const uint64_t owner =
              cellOf(std::max(a.minX, b.minX), originX_) << 32 | cellOf(std::max(a.minY, b.minY), originY_);
          if (owner != key || adjacent(a, b)) continue;
          examine(a, b, report);
        }
      if ((begin & 0xFFFF) == 0) progress_.checkCancelled();
    }
  }

  uint64_t cellOf(double value, double origin) const {
    return static_cast<uint64_t>(std::max(0.0, std::floor((value - origin) / cell_)));
  }

  // Consecutive segments of one line share a vertex by construction (so does a ring's last and
  // first); that is not a crossing.
  bool adjacent(const Segment& a, const Segment& b) const {
    if (a.line != b.line) return false;
    const uint32_t low = std::min(a.index, b.index), high = std::max(a.index, b.index);
    if (high - low == 1) return true;
    const auto& points = lines_[a.line].points;
    const bool ring = points.front().x == points.back().x && points.front().y == points.back().y;
    return ring && low == 0 && high == points.size() - 2;
  }

  void examine(const Segment& a, const Segment& b, GraphReport& report) {
    intersect(a, b, report);
    snapEnds(a, b, report);
    snapEnds(b, a, report);
  }

  void cut(const Segment& segment, double t, uint32_t candidate) {
    cuts_[segment.line].push_back({segment.index, t, candidate});
  }

  bool isLineEnd(const Segment& segment, double t) const {
    return (segment.index == 0 && t == 0.0) || (segment.index + 2 == lines_[segment.line].points.size() && t == 1.0);
  }

  void intersect(const Segment& a, const Segment& b, GraphReport& report) {
    const double rx = a.b.x - a.a.x, ry = a.b.y - a.a.y, sx = b.b.x - b.a.x, sy = b.b.y - b.a.y;
    const double qx = b.a.x - a.a.x, qy = b.a.y - a.a.y;
    const double denominator = cross(rx, ry, sx, sy);
    const double scale = std::hypot(rx, ry) * std::hypot(sx, sy);
    if (std::abs(denominator) > 1e-12 * scale) {
      const double t = cross(qx, qy, sx, sy) / denominator, u = cross(qx, qy, rx, ry) / denominator;
      constexpr double kSlack = 1e-12;
      if (t < -kSlack || t > 1 + kSlack || u < -kSlack || u > 1 + kSlack) return;
      const double tc = std::clamp(t, 0.0, 1.0), uc = std::clamp(u, 0.0, 1.0);
      const uint32_t candidate = addCandidate(at(a.a, a.b, tc), true);
      cut(a, tc, candidate);
      cut(b, uc, candidate);
      if (!isLineEnd(a, tc) || !isLineEnd(b, uc)) ++report.crossingsNoded;
      return;
    }
    // Parallel: only collinear overlaps matter; cut each at the other's ends lying on it.
    const double lengthA = std::hypot(rx, ry);
    if (lengthA == 0 || std::abs(cross(qx, qy, rx, ry)) / lengthA > 1e-9 * std::max(1.0, lengthA)) return;
    for (const Point2 end : {b.a, b.b}) {
      const double t = projectOnto(end, a.a, a.b);
      if (distance(at(a.a, a.b, t), end) <= 1e-9 * std::max(1.0, lengthA)) {
        const uint32_t candidate = addCandidate(end, true);
        cut(a, t, candidate);
        cut(b, end.x == b.a.x && end.y == b.a.y ? 0.0 : 1.0, candidate);
      }
    }
    for (const Point2 end : {a.a, a.b}) {
      const double u = projectOnto(end, b.a, b.b);
      if (distance(at(b.a, b.b, u), end) <= 1e-9 * std::max(1.0, lengthA)) {
        const uint32_t candidate = addCandidate(end, true);
        cut(b, u, candidate);
        cut(a, end.x == a.a.x && end.y == a.a.y ? 0.0 : 1.0, candidate);
      }
    }
  }

  // A line's loose end within the tolerance of segment `other` is joined to it: `other` is cut
  // at the nearest point, and the end moves there.
  void snapEnds(const Segment& own, const Segment& other, GraphReport& report) {
    const auto& points = lines_[own.line].points;
    auto tryEnd = [&](Point2 end, uint32_t endCandidate) {
      const double u = projectOnto(end, other.a, other.b);
      const Point2 nearest = at(other.a, other.b, u);
      const double gap = distance(end, nearest);
      if (gap > tolerance_) return;
      const uint32_t candidate = addCandidate(nearest, true);
      cut(other, u, candidate);
      sets_.unite(candidate, endCandidate);
      if (gap > 0) ++report.endpointsSnapped;
    };
    if (own.index == 0) tryEnd(points.front(), startCandidate_[own.line]);
    if (own.index + 2 == points.size()) tryEnd(points.back(), endCandidate_[own.line]);
  }

  // Candidates closer than the merge distance become one node (three roads meeting at one
  // point give three slightly different computed crossings).
  void mergeCandidates() {
    std::unordered_map<uint64_t, std::vector<uint32_t>> grid;
    grid.reserve(candidates_.size());
    double minX = 0, minY = 0;
    if (!candidates_.empty()) minX = candidates_[0].point.x, minY = candidates_[0].point.y;
    for (const Candidate& c : candidates_) minX = std::min(minX, c.point.x), minY = std::min(minY, c.point.y);
    auto key = [&](int64_t x, int64_t y) { return static_cast<uint64_t>(x) << 32 | static_cast<uint64_t>(y); };
    auto cellX = [&](double x) { return static_cast<int64_t>(std::floor((x - minX) / mergeDistance_)) + 1; };
    auto cellY = [&](double y) { return static_cast<int64_t>(std::floor((y - minY) / mergeDistance_)) + 1; };
    for (uint32_t c = 0; c < candidates_.size(); ++c) {
      const Point2 p = candidates_[c].point;
      const int64_t cx = cellX(p.x), cy = cellY(p.y);
      for (int64_t dx = -1; dx <= 1; ++dx)
        for (int64_t dy = -1; dy <= 1; ++dy) {
          auto found = grid.find(key(cx + dx, cy + dy));
          if (found == grid.end()) continue;
          for (uint32_t other : found->second)
            if (distance(candidates_[other].point, p) <= mergeDistance_) sets_.unite(other, c);
        }
      grid[key(cx, cy)].push_back(c);
    }
    // A node sits on a road's course where it can: loose ends move, roads stay straight.
    position_.assign(candidates_.size(), Point2{});
    std::vector<char> placed(candidates_.size(), 0);
    for (uint32_t c = 0; c < candidates_.size(); ++c) {
      const uint32_t root = sets_.find(c);
      if (!placed[root] || (placed[root] == 1 && candidates_[c].onRoad)) {
        position_[root] = candidates_[c].point;
        placed[root] = candidates_[c].onRoad ? 2 : 1;
      }
    }
  }

  void cutLines(RoadGraph& graph) {
    std::vector<uint32_t> nodeOf(candidates_.size(), UINT32_MAX);
    auto node = [&](uint32_t candidate) {
      const uint32_t root = sets_.find(candidate);
      if (nodeOf[root] == UINT32_MAX) {
        nodeOf[root] = static_cast<uint32_t>(graph.nodes.size());
        graph.nodes.push_back(position_[root]);
      }
      return nodeOf[root];
    };
    for (uint32_t l = 0; l < lines_.size(); ++l) {
      const RoadLine& line = lines_[l];
      auto& cuts = cuts_[l];
      const auto lastSegment = static_cast<uint32_t>(line.points.size() - 2);
      for (Cut& c : cuts)  // the end of segment i is the start of segment i + 1
        if (c.t >= 1.0 && c.segment < lastSegment) c = {c.segment + 1, 0.0, c.candidate};
      std::sort(cuts.begin(), cuts.end(),
                [](const Cut& a, const Cut& b) { return a.segment != b.segment ? a.segment < b.segment : a.t < b.t; });
      for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        const Cut& from = cuts[k];
        const Cut& to = cuts[k + 1];
        const uint32_t fromNode = node(from.candidate), toNode = node(to.candidate);
        std::vector<Point2> piece{graph.nodes[fromNode]};
        for (uint32_t v = from.segment + 1; v <= to.segment; ++v)
          if (v < to.segment || to.t > 0) piece.push_back(line.points[v]);
        piece.push_back(graph.nodes[toNode]);
        double length = 0;
        for (size_t i = 0; i + 1 < piece.size(); ++i) length += distance(piece[i], piece[i + 1]);
        // Between two cuts merged into one node lies nothing to travel (or a stub shorter than
        // the tolerance past a crossing).
        if (fromNode == toNode && length <= 2 * mergeDistance_) continue;
        if (length == 0) continue;
        GraphEdge edge;
        edge.from = fromNode;
        edge.to = toNode;
        edge.road = line.road;
        edge.firstVertex = static_cast<uint32_t>(graph.vertices.size());
        edge.vertexCount = static_cast<uint32_t>(piece.size());
        edge.forwardCost = line.direction >= 0 ? 0.0 : kNoPassage;
        edge.backwardCost = line.direction <= 0 ? 0.0 : kNoPassage;
        edge.speedMps = line.speedMps;
        graph.vertices.insert(graph.vertices.end(), piece.begin(), piece.end());
        graph.edges.push_back(edge);
      }
    }
  }

  std::vector<RoadLine> lines_;
  double tolerance_, mergeDistance_;
  const Progress& progress_;
  std::vector<Segment> segments_;
  std::vector<std::vector<Cut>> cuts_;
  std::vector<Candidate> candidates_;
  std::vector<uint32_t> startCandidate_, endCandidate_;
  std::vector<Point2> position_;
  DisjointSets sets_;
  double cell_ = 1, originX_ = 0, originY_ = 0;
};

}  // namespace

RoadGraph buildRoadGraph(std::vector<RoadLine> lines, std::vector<RoadInfo> roads, const GraphBuildOptions& options,
                         const Progress& progress) {
  return Builder(std::move(lines), options, progress).build(std::move(roads));
}

}  // namespace urbangis
