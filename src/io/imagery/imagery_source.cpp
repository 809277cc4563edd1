#include "io/imagery/imagery_source.h"

#include <cpl_minixml.h>

#include <cstdlib>
#include <regex>

#include "core/error.h"
#include "core/redact.h"
#include "io/cache_folder.h"
#include "io/gdal_support.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

const std::regex kEnvironment(R"(\$\{env:([A-Za-z_][A-Za-z0-9_]*)\})");

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool isUrl(std::string_view source) {
  return startsWith(source, "http://") || startsWith(source, "https://") || startsWith(source, "file://");
}

}  // namespace

bool isTileUrl(std::string_view source) {
  if (!isUrl(source)) return false;
  const bool xyz = source.find("{z}") != std::string_view::npos && source.find("{x}") != std::string_view::npos &&
                   (source.find("{y}") != std::string_view::npos || source.find("{-y}") != std::string_view::npos);
  return xyz;
}

bool isServiceSource(std::string_view source) {
  return isUrl(source) || startsWith(source, "WMTS:") || startsWith(source, "WMS:") ||
         startsWith(source, "<GDAL_WMS>") || startsWith(source, "<GDAL_WMTS>");
}

std::string withEnvironment(const std::string& source) {
  std::string result;
  auto last = source.cbegin();
  for (std::sregex_iterator it(source.begin(), source.end(), kEnvironment), end; it != end; ++it) {
    const std::string name = (*it)[1].str();
    const char* value = std::getenv(name.c_str());
    if (!value || !*value)
      throw InputError("the environment variable " + name + " is not set: the source " + redactSecrets(source) +
                       " takes its value from it (a key is never written to a catalog)");
    result.append(last, (*it)[0].first);
    result += value;
    last = (*it)[0].second;
  }
  result.append(last, source.cend());
  return result;
}

std::string hideSecrets(const std::string& text, const std::string& source) {
  std::string result = text;
  for (std::sregex_iterator it(source.begin(), source.end(), kEnvironment), end; it != end; ++it) {
    const std::string name = (*it)[1].str();
    const char* value = std::getenv(name.c_str());
    if (!value || std::string_view(value).size() < 4) continue;  // too short to hide without hiding words
    const std::string secret = value, placeholder = "${env:" + name + "}";
    for (size_t at = result.find(secret); at != std::string::npos; at = result.find(secret, at + placeholder.size()))
      result.replace(at, secret.size(), placeholder);
  }
  return redactSecrets(result);
}

TileCache defaultTileCache() {
  TileCache cache;
  if (const char* dir = std::getenv("URBANGIS_TILE_CACHE_DIR"); dir && *dir)
    cache.folder = dir;
  else if (const std::filesystem::path user = userCacheFolder(); !user.empty())
    cache.folder = user / "tiles";
  unsigned long long megabytes = 256;
  if (const char* limit = std::getenv("URBANGIS_TILE_CACHE_MAX_MB"); limit && *limit) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(limit, &end, 10);
    if (end && !*end) megabytes = value;
  }
  cache.maxBytes = megabytes << 20;
  if (megabytes == 0) cache.folder.clear();  // 0 turns the cache off
  return cache;
}

std::string tileServiceXml(const std::string& url, const TileCache& cache, int maxZoom) {
  // XYZ placeholders as the TMS minidriver writes them; {-y} counts rows from the south.
  const bool fromSouth = url.find("{-y}") != std::string::npos;
  std::string server = std::regex_replace(url, std::regex(R"(\{-y\})"), "${y}");
  server = std::regex_replace(server, std::regex(R"((^|[^$])\{([xyz])\})"), "$1$${$2}");
  std::string xml =
      "<GDAL_WMS>"
      "<Service name=\"TMS\"><ServerUrl>" +
      xmlEscaped(server) +
      "</ServerUrl></Service>"
      "<DataWindow><UpperLeftX>-20037508.342789244</UpperLeftX><UpperLeftY>20037508.342789244</UpperLeftY>"
      "<LowerRightX>20037508.342789244</LowerRightX><LowerRightY>-20037508.342789244</LowerRightY>"
      "<TileLevel>" +
      std::to_string(maxZoom) + "</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY><YOrigin>" +
      std::string(fromSouth ? "bottom" : "top") +
      "</YOrigin></DataWindow>"
      "<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
      "<BandsCount>4</BandsCount><MaxConnections>4</MaxConnections><Timeout>15</Timeout>"
      "<ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes><ZeroBlockOnServerException>true</ZeroBlockOnServerException>";
  if (!cache.folder.empty())
    xml += "<Cache><Path>" + xmlEscaped(cache.folder.string()) + "</Path><MaxSize>" + std::to_string(cache.maxBytes) +
           "</MaxSize></Cache>";
  return xml + "</GDAL_WMS>";
}

GDALDatasetUniquePtr openImagery(const std::string& source, const std::vector<std::string>& openOptions,
                                 std::optional<int> maxZoom) {
  if (!isServiceSource(source)) return openDataset(source, GDAL_OF_RASTER, openOptions);
  ensureGdalRegistered();
  const std::string filled = withEnvironment(source);
  const TileCache cache = defaultTileCache();
  const std::string name = isTileUrl(filled) ? tileServiceXml(filled, cache, maxZoom.value_or(18)) : filled;
  // WMTS and GDAL_WMS files cache their tiles too, by default in ./gdalwmscache of whatever folder
  // the program runs in: into our tile cache instead, or nowhere when it is off.
  const ScopedGdalConfig cacheFolder("GDAL_DEFAULT_WMS_CACHE_PATH", cache.folder.string().c_str());
  const ScopedGdalConfig cacheOn("GDAL_ENABLE_WMS_CACHE", cache.folder.empty() ? "NO" : "YES");
  std::vector<const char*> options;
  for (const auto& option : openOptions) options.push_back(option.c_str());
  options.push_back(nullptr);
  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset(GDALDataset::Open(
      name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr, options.data(), nullptr));
  if (!dataset)
    throw InputError(hideSecrets(
        source + ": cannot open: " + (errors.lastError().empty() ? "not a service GDAL can read" : errors.lastError()),
        source));
  return dataset;
}

bool isImagery(GDALDataset& dataset) {
  const std::string driver = dataset.GetDriver() ? dataset.GetDriver()->GetDescription() : "";
  if (driver == "WMS" || driver == "WMTS" || driver == "MBTiles") return true;
  const int bands = dataset.GetRasterCount();
  if (bands == 0) return false;
  GDALRasterBand* first = dataset.GetRasterBand(1);
  if (bands == 1) return first->GetColorTable() != nullptr;
  if (bands < 3 || bands > 4) return false;
  for (int band = 1; band <= bands; ++band)
    if (dataset.GetRasterBand(band)->GetRasterDataType() != GDT_Byte) return false;
  return true;
}

}  // namespace urbangis
