#pragma once
// What every web map page inlines, built into the program (src/webmap/CMakeLists.txt): Leaflet's
// script, style sheet and copyright from Debian's libjs-leaflet, and the page's own script,
// style sheet and HTML skeleton from src/webmap/assets.

#include <string_view>

namespace urbangis::web_assets {

std::string_view leafletJs();
std::string_view leafletCss();
std::string_view leafletCopyright();
std::string_view webmapJs();
std::string_view webmapCss();
std::string_view pageHtml();

}  // namespace urbangis::web_assets
