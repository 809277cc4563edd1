#pragma once
// The viewer's state for one catalog — layer order, visibility, opacity, extent, language, and
// the styles chosen in the analysis panel (a choropleth, hot-spot overlays) — saved beside the
// catalog as NAME.viewer.json (or, when that folder is read-only, such as an installed catalog,
// in the user's config folder). Never inside the data files.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "render/map_view.h"

namespace urbangis::viewer {

struct LayerState {
  std::string id;
  bool visible = true;
  double opacity = 1;
};

// A zones layer coloured by a statistic (the analysis panel's choropleth). The statistics are
// computed again on reopen: they follow the data, and a state file stays small.
struct ChoroplethState {
  std::string zones, column;
  std::string method = "jenks";  // jenks | quantile | equal_interval
  int classes = 5;
  std::string palette = "YlOrRd";
};

// A hot-spot overlay of a points layer, computed again on reopen (in the background).
struct HotspotState {
  std::string layer;
  std::string method;  // kde | gistar
};

struct ViewerState {
  std::string language;
  std::optional<MapExtent> extent;
  std::vector<LayerState> layers;  // bottom first, overlays included
  std::optional<ChoroplethState> choropleth;
  std::vector<HotspotState> hotspots;
  std::string month;  // the month slider's choice, "2023-05"; empty for all
};

// Where the state of `catalog` is kept.
std::filesystem::path stateFileFor(const std::filesystem::path& catalog);
// nullopt when there is no saved state or it cannot be read (a broken state file is ignored).
std::optional<ViewerState> loadViewerState(const std::filesystem::path& catalog);
// Atomic; returns false when it cannot be written (the viewer goes on).
bool saveViewerState(const std::filesystem::path& catalog, const ViewerState& state);

}  // namespace urbangis::viewer
