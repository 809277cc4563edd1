#pragma once
// The web map as one HTML file that opens offline (file://, no server, no network): Leaflet, the
// page's script and style and the data all inlined. The data goes in as JSON inside a
// <script type="application/json"> with every '<', '>' and '&' escaped, so no name or attribute
// can close the element or start markup; the script shows them as text only.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis {

std::string webMapHtml(const nlohmann::json& data);

// Writes the page atomically; refuses a target that is one of `inputs`.
void writeWebMap(const nlohmann::json& data, const std::filesystem::path& file,
                 const std::vector<std::filesystem::path>& inputs);

// `text` safe inside HTML text or a quoted attribute.
std::string htmlEscaped(const std::string& text);

}  // namespace urbangis
