#pragma once
// How one layer's features fell among the zones of a `--by` layer, and what the user is told of
// it. Every engine and command that puts features in zones (stats local and PostGIS, Gi* by
// zones) fills one and prints its messages, so the same data gets the same words everywhere.
//
// - Features in no zone are normal when the zones cover only part of the map (71 communities
//   over a county's town centres): one plain line says how many, and that they are in "(none)".
// - The CRS hint is given only when the evidence points to a CRS problem: most features lie
//   outside the zones' extent, and all of those lie far from it (more than the extent's own size
//   away), as a layer read in the wrong CRS does (degrees taken for metres, swapped axes, another
//   Gauss-Krüger zone). Features round the zones in an area the zones do not cover are not that.
// - Points inside two or more overlapping zones are counted in each: said with their number.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/box.h"

namespace urbangis {

struct ZoneTally {
  int64_t placed = 0;         // features put in zones (with a usable geometry, inside the time window)
  int64_t inNoZone = 0;       // of those, in no zone: the "(none)" row
  int64_t outsideExtent = 0;  // of those, wholly outside the zones' extent
  Box outsideBox;             // the extent of those outside the zones' extent
  int64_t inSeveral = 0;      // in two or more zones at once (overlapping zones): counted in each

  // Adds one feature: `zonesHolding` is how many zones it was counted in, `box` its extent.
  void add(size_t zonesHolding, const Box& box, const Box& zonesExtent);
  void add(const ZoneTally& other);
};

// The lines to print for `layer` placed among `zones` (none when every feature fell in exactly one
// zone); `noun` names the features ("points", "features"), `noZoneFate` says what became of those
// in no zone. Only the CRS hint starts "WARNING: ".
std::vector<std::string> zoneTallyMessages(const std::string& layer, const std::string& zones, const ZoneTally& tally,
                                           const Box& zonesExtent, const std::string& noun,
                                           const std::string& noZoneFate = "they are in the (none) row");

}  // namespace urbangis
