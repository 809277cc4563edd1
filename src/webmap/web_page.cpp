#include "webmap/web_page.h"

#include <fstream>
#include <map>

#include "core/error.h"
#include "io/outputs/atomic_output.h"
#include "webmap/web_assets.h"

namespace urbangis {
namespace {

// JSON that stays inert inside a <script> element whatever its strings hold: the characters
// that could end the element or start markup, and the line separators older parsers choke on,
// as \u escapes (JSON.parse reads them back unchanged).
std::string scriptSafeJson(const nlohmann::json& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size() + text.size() / 50);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<')
      safe += "\\u003c";
    else if (c == '>')
      safe += "\\u003e";
    else if (c == '&')
      safe += "\\u0026";
    else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
             (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      safe += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      safe += c;
    }
  }
  return safe;
}

// The skeleton with each @NAME@ replaced once, left to right; what is put in is never searched
// again (a script holding "@DATA@" stays as it is).
std::string filled(std::string_view skeleton, const std::map<std::string, std::string_view>& values) {
  std::string out;
  size_t at = 0;
  while (at < skeleton.size()) {
    const size_t open = skeleton.find('@', at);
    if (open == std::string_view::npos) break;
    const size_t close = skeleton.find('@', open + 1);
    if (close == std::string_view::npos) break;
    const auto value = values.find(std::string(skeleton.substr(open + 1, close - open - 1)));
    if (value == values.end()) {
      out.append(skeleton.substr(at, close - at));
      at = close;
      continue;
    }
    out.append(skeleton.substr(at, open - at));
    out.append(value->second);
    at = close + 1;
  }
  out.append(skeleton.substr(std::min(at, skeleton.size())));
  return out;
}

}  // namespace

std::string htmlEscaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string webMapHtml(const nlohmann::json& data) {
  const std::string title = htmlEscaped(data.value("title", std::string("UrbanGIS")));
  const std::string language = data.value("lang", std::string("zh")) == "zh" ? "zh-CN" : "en";
  const std::string json = scriptSafeJson(data);
  // The copyright text goes into a text/plain script: only "</script" could end it early.
  std::string copyright(web_assets::leafletCopyright());
  for (size_t at = copyright.find("</"); at != std::string::npos; at = copyright.find("</", at))
    copyright.replace(at, 2, "< /");
  return filled(web_assets::pageHtml(), {{"LANG", language},
                                         {"VERSION", URBANGIS_VERSION},
                                         {"TITLE", title},
                                         {"LEAFLET_CSS", web_assets::leafletCss()},
                                         {"WEBMAP_CSS", web_assets::webmapCss()},
                                         {"DATA", json},
                                         {"LEAFLET_VERSION", URBANGIS_LEAFLET_VERSION},
                                         {"LEAFLET_COPYRIGHT", copyright},
                                         {"LEAFLET_JS", web_assets::leafletJs()},
                                         {"WEBMAP_JS", web_assets::webmapJs()}});
}

void writeWebMap(const nlohmann::json& data, const std::filesystem::path& file,
                 const std::vector<std::filesystem::path>& inputs) {
  checkOutputTarget(file, inputs);
  const std::string html = webMapHtml(data);
  AtomicOutput output(file);
  {
    std::ofstream stream(output.path(), std::ios::binary);
    stream.write(html.data(), static_cast<std::streamsize>(html.size()));
    stream.close();
    if (!stream) throw InputError(file.string() + ": cannot write the web map");
  }
  output.commit();
}

}  // namespace urbangis
