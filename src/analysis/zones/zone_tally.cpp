#include "analysis/zones/zone_tally.h"

#include "analysis/message_text.h"

namespace urbangis {

void ZoneTally::add(size_t zonesHolding, const Box& box, const Box& zonesExtent) {
  ++placed;
  if (zonesHolding > 1) ++inSeveral;
  if (zonesHolding > 0) return;
  ++inNoZone;
  if (!box.intersects(zonesExtent)) {
    ++outsideExtent;
    outsideBox.add(box);
  }
}

void ZoneTally::add(const ZoneTally& other) {
  placed += other.placed;
  inNoZone += other.inNoZone;
  outsideExtent += other.outsideExtent;
  outsideBox.add(other.outsideBox);
  inSeveral += other.inSeveral;
}

namespace {

std::string share(int64_t part, int64_t whole) {
  return number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 3) + " %";
}

}  // namespace

std::vector<std::string> zoneTallyMessages(const std::string& layer, const std::string& zones, const ZoneTally& tally,
                                           const Box& zonesExtent, const std::string& noun,
                                           const std::string& noZoneFate) {
  std::vector<std::string> messages;
  if (tally.placed <= 0) return messages;
  const std::string ofAll = " of " + std::to_string(tally.placed) + " " + noun;
  // Far: the stray features keep clear of the zones' extent grown by its own size on each side.
  const bool mostOutside = 2 * tally.outsideExtent > tally.placed;
  const bool farAway = !tally.outsideBox.intersects(zonesExtent.grownBy(1.0));
  if (mostOutside && farAway) {
    messages.push_back("WARNING: " + layer + ": " + std::to_string(tally.outsideExtent) + ofAll + " (" +
                       share(tally.outsideExtent, tally.placed) + ") lie far outside the extent of " + zones +
                       ", all together: check " + layer +
                       "'s CRS in the catalog (a wrong CRS looks exactly like this; `urbangis info` checks it)");
  } else if (tally.inNoZone > 0) {
    messages.push_back(layer + ": " + std::to_string(tally.inNoZone) + ofAll + " (" +
                       share(tally.inNoZone, tally.placed) + ") are in no zone of " + zones +
                       " (the zones do not cover the whole map); " + noZoneFate);
  }
  if (tally.inSeveral > 0)
    messages.push_back(layer + ": " + std::to_string(tally.inSeveral) + ofAll +
                       " lie in two or more overlapping zones of " + zones + " and are counted in each of them");
  return messages;
}

}  // namespace urbangis
