#pragma once
// The viewer's state for one catalog — layer order, visibility, opacity, extent, language —
// saved beside the catalog as NAME.viewer.json (or, when that folder is read-only, such as an
// installed catalog, in the user's config folder). Never inside the data files.

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

struct ViewerState {
  std::string language;
  std::optional<MapExtent> extent;
  std::vector<LayerState> layers;  // bottom first
};

// Where the state of `catalog` is kept.
std::filesystem::path stateFileFor(const std::filesystem::path& catalog);
// nullopt when there is no saved state or it cannot be read (a broken state file is ignored).
std::optional<ViewerState> loadViewerState(const std::filesystem::path& catalog);
// Atomic; returns false when it cannot be written (the viewer goes on).
bool saveViewerState(const std::filesystem::path& catalog, const ViewerState& state);

}  // namespace urbangis::viewer
