#pragma once
// What a basemap or imagery layer's "source" opens in GDAL (docs/catalog.md "Basemaps and
// imagery"): a raster file (GeoTIFF, JPEG/PNG with a world file, MBTiles …), a WMTS service
// ("WMTS:https://…"), a GDAL_WMS description, or a tile URL with {z}/{x}/{y} (XYZ; also
// ${z}/${x}/${y}, and {-y} for TMS rows counted from the south), which becomes the WMS driver's
// TMS description with a disk cache of capped size. ${env:NAME} in a source is filled from the
// environment only when it is opened, so a key (天地图's tk=…) is never written to a catalog and
// is taken out of every message.

#include <gdal_priv.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace urbangis {

// True for http(s):// and file:// tile URLs with {z}, {x} and {y} placeholders.
bool isTileUrl(std::string_view source);

// True when `source` needs no file to exist: a URL, a WMTS or WMS connection, GDAL_WMS text.
bool isServiceSource(std::string_view source);

// `source` with every ${env:NAME} replaced by the variable's value; throws InputError naming the
// variable (never its value) when it is unset.
std::string withEnvironment(const std::string& source);

// `text` with the values `withEnvironment` put into `source` hidden again as ${env:NAME}, and
// passwords redacted: for any message that may quote what GDAL was given.
std::string hideSecrets(const std::string& text, const std::string& source);

struct TileCache {
  std::filesystem::path folder;     // empty: no disk cache
  unsigned long long maxBytes = 0;  // the most it holds; GDAL removes the oldest tiles beyond it
};

// $URBANGIS_TILE_CACHE_DIR, else the user cache folder's tiles/; at most
// $URBANGIS_TILE_CACHE_MAX_MB megabytes (default 256).
TileCache defaultTileCache();

// The GDAL_WMS description of a tile URL: Web Mercator tiles of 256 pixels, levels 0 to
// `maxZoom`, missing tiles (HTTP 204/404) transparent, cached in `cache`.
std::string tileServiceXml(const std::string& url, const TileCache& cache, int maxZoom = 18);

// Opens `source` read-only as a raster (secrets filled in, tile URLs described, services opened
// without looking for a file). `openOptions` as GDAL takes them (e.g. OVERVIEW_LEVEL=3);
// `maxZoom` the deepest level of a tile URL (18 when not given). Throws InputError with GDAL's
// reason, secrets hidden.
GDALDatasetUniquePtr openImagery(const std::string& source, const std::vector<std::string>& openOptions = {},
                                 std::optional<int> maxZoom = std::nullopt);

// Whether a raster is imagery to be shown in its own colours: three or four bytes bands (RGB,
// RGBA), a palette, or tiles of a web service. A single band of values is a grid, drawn with a
// colour ramp.
bool isImagery(GDALDataset& dataset);

}  // namespace urbangis
