#pragma once
// A catalog's road network ready for routing: the graph (built or from the cache), a locator
// to snap places onto edges, and how to measure and convert in the working CRS. What `route`
// and `route tour` share.

#include <memory>
#include <string>

#include "analysis/routing/edge_locator.h"
#include "analysis/routing/network_loader.h"
#include "analysis/routing/route_directions.h"
#include "analysis/routing/shortest_path.h"
#include "analysis/zones/zones.h"
#include "io/values/lon_lat.h"

namespace urbangis {

class RoadNetwork {
 public:
  RoadNetwork(const Catalog& catalog, const LayerSpec& network, const GraphLoadOptions& options,
              const Progress& progress);

  const RoadGraph& graph() const { return loaded_.graph; }
  const LayerSpec& spec() const { return spec_; }
  bool fromCache() const { return loaded_.fromCache; }
  const CrsSpec& working() const { return working_; }
  const ProjContext& proj() const { return proj_; }
  const MeasureFrame& frame() const { return *frame_; }
  const EdgeLocator& locator() const { return *locator_; }

  // Snaps a place given in `crs` onto the nearest edge; InputError naming `what` (e.g.
  // "--from") when every road is farther than maxSnapM.
  EdgePosition snap(const LonLat& place, const CrsSpec& crs, const std::string& what, double maxSnapM) const;
  // Ellipsoidal length of a polyline in the working CRS.
  double length(const std::vector<Point2>& points) const;
  // The pieces of a path from one position to another, each measured, in travel order.
  std::vector<RoutePiece> pieces(const GraphPath& path, const EdgePosition& from, const EdgePosition& to) const;
  // The polyline of edge `edge` between two positions along it (segment + t), in that order.
  std::vector<Point2> subline(uint32_t edge, double from, double to) const;
  // Lon/lat of a working-CRS point (for messages).
  LonLat lonLatOf(Point2 point) const;

 private:
  const LayerSpec& spec_;
  CrsSpec working_;
  ProjContext proj_;
  std::unique_ptr<MeasureFrame> frame_;
  LoadedGraph loaded_;
  std::unique_ptr<EdgeLocator> locator_;
};

// Position of an EdgePosition along its edge's vertices: segment + t.
inline double alongVertices(const EdgePosition& position) { return position.segment + position.t; }

}  // namespace urbangis
