#pragma once
// Imagery as a view shows it: the pixels of a basemap or an orthophoto for one map extent and
// one image size, reprojected to the map's CRS, read from the overview (or tile zoom level)
// whose resolution the view needs — never the full image for a zoomed-out view. GCJ-02 imagery
// (Amap, Tencent and many intranet tiles) is placed with our exact offsets, pixel by pixel.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crs.h"

namespace urbangis {

struct ImageryRequest {
  std::string source;               // as the catalog writes it (io/imagery/imagery_source.h)
  std::optional<CrsSpec> layerCrs;  // the catalog's "crs": the dataset's own when absent; GCJ-02
                                    // / BD-09: the dataset's own projection on that datum
  CrsSpec mapCrs;
  std::optional<int> maxZoom;                     // a tile URL's deepest level (default 18)
  double minX = 0, minY = 0, maxX = 0, maxY = 0;  // the view, in the map CRS
  int width = 0, height = 0;                      // its pixels
};

struct ImageryPixels {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // row by row, not premultiplied; alpha 0 where there is no image
  int overviewLevel = -1;     // what was read: -1 the full resolution, else GDAL's overview index
  bool empty = true;          // the view does not meet the image
};

struct ImageryExtent {
  double minX, minY, maxX, maxY;
};

// The imagery's extent in `mapCrs`; nullopt when it has none there (tiles of the whole world
// reach where the map's projection does not).
std::optional<ImageryExtent> imageryExtent(const std::string& source, const std::optional<CrsSpec>& layerCrs,
                                           const CrsSpec& mapCrs, std::optional<int> maxZoom = std::nullopt);

// Reads the view's pixels. `cancel` (may be null) stops the read between chunks: Cancelled is
// thrown. Throws InputError, secrets hidden, when the source cannot be read (a tile server out
// of reach …).
ImageryPixels readImagery(const ImageryRequest& request, const std::atomic<bool>* cancel = nullptr);

// GDAL's message for a failed read, in one line: for tiles that could not be downloaded, the
// network's reason without curl's timing (GDAL's hint about <ZeroBlockHttpCodes> is for GDAL
// users, not ours). The same failure gives the same text, so the viewer tells it once.
std::string imageryReadFailure(const std::string& gdalError);

}  // namespace urbangis
