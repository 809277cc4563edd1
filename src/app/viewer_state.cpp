#include "app/viewer_state.h"

#include <QStandardPaths>
#include <QString>

#include <unistd.h>
#include <fstream>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/outputs/atomic_output.h"

namespace urbangis::viewer {
namespace fs = std::filesystem;

fs::path stateFileFor(const fs::path& catalog) {
  const fs::path absolute = fs::absolute(catalog);
  const fs::path beside = absolute.parent_path() / (absolute.stem().string() + ".viewer.json");
  if (::access(absolute.parent_path().c_str(), W_OK) == 0) return beside;
  std::ostringstream name;
  name << absolute.stem().string() << "-" << std::hex << std::hash<std::string>{}(absolute.string()) << ".viewer.json";
  return fs::path(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toStdString()) / name.str();
}

std::optional<ViewerState> loadViewerState(const fs::path& catalog) {
  std::ifstream in(stateFileFor(catalog));
  if (!in) return std::nullopt;
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    ViewerState state;
    state.language = json.value("language", "");
    if (json.contains("extent") && json["extent"].is_array() && json["extent"].size() == 4) {
      const auto& e = json["extent"];
      state.extent = MapExtent{e[0].get<double>(), e[1].get<double>(), e[2].get<double>(), e[3].get<double>()};
    }
    for (const auto& layer : json.value("layers", nlohmann::json::array()))
      state.layers.push_back(
          {layer.at("id").get<std::string>(), layer.value("visible", true), layer.value("opacity", 1.0)});
    // Styles are checked against the catalog when they are applied; here only their shape.
    if (const auto found = json.find("choropleth"); found != json.end() && found->is_object()) {
      ChoroplethState choropleth;
      choropleth.zones = found->at("zones").get<std::string>();
      choropleth.column = found->at("column").get<std::string>();
      choropleth.method = found->value("method", choropleth.method);
      choropleth.classes = found->value("classes", choropleth.classes);
      choropleth.palette = found->value("palette", choropleth.palette);
      state.choropleth = choropleth;
    }
    for (const auto& hotspot : json.value("hotspots", nlohmann::json::array()))
      state.hotspots.push_back({hotspot.at("layer").get<std::string>(), hotspot.at("method").get<std::string>()});
    state.month = json.value("month", "");
    return state;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool saveViewerState(const fs::path& catalog, const ViewerState& state) {
  try {
    const fs::path file = stateFileFor(catalog);
    fs::create_directories(file.parent_path());
    nlohmann::json json;
    json["language"] = state.language;
    if (state.extent) json["extent"] = {state.extent->minX, state.extent->minY, state.extent->maxX, state.extent->maxY};
    json["layers"] = nlohmann::json::array();
    for (const LayerState& layer : state.layers)
      json["layers"].push_back({{"id", layer.id}, {"visible", layer.visible}, {"opacity", layer.opacity}});
    if (const auto& c = state.choropleth)
      json["choropleth"] = {{"zones", c->zones},
                            {"column", c->column},
                            {"method", c->method},
                            {"classes", c->classes},
                            {"palette", c->palette}};
    json["hotspots"] = nlohmann::json::array();
    for (const HotspotState& hotspot : state.hotspots)
      json["hotspots"].push_back({{"layer", hotspot.layer}, {"method", hotspot.method}});
    if (!state.month.empty()) json["month"] = state.month;
    AtomicOutput output(file);
    {
      std::ofstream out(output.path());
      out << json.dump(2) << "\n";
      if (!out) return false;
    }
    output.commit();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace urbangis::viewer
