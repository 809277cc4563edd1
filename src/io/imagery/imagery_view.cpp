#include "io/imagery/imagery_view.h"

#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <regex>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/imagery/imagery_source.h"

namespace urbangis {
namespace {

// View pixels to source pixels and back: the view's grid, the map CRS, the source's CRS (on an
// offset datum through lon/lat with our exact offsets), the source's grid. The warper calls it
// through GDAL's approximating transformer, so PROJ runs for a few points per row only.
class ViewToSource {
 public:
  ViewToSource(const ImageryRequest& request, const CrsSpec& sourceCrs, const double sourceGrid[6])
      : map_(proj_, request.mapCrs), source_(proj_, sourceCrs) {
    view_[0] = request.minX, view_[1] = (request.maxX - request.minX) / request.width, view_[2] = 0;
    view_[3] = request.maxY, view_[4] = 0, view_[5] = -(request.maxY - request.minY) / request.height;
    std::copy(sourceGrid, sourceGrid + 6, sourceGrid_);
    if (!GDALInvGeoTransform(view_, viewInverse_)) throw InputError(request.source + ": an empty view");
    if (!GDALInvGeoTransform(sourceGrid_, sourceInverse_))
      throw InputError(request.source + ": the raster's georeferencing cannot be inverted");
    const ChineseOffset offset = request.layerCrs ? request.layerCrs->offset : ChineseOffset::none;
    if (offset == ChineseOffset::none) {
      toSource_.emplace(proj_, map_, source_);
      toMap_.emplace(proj_, source_, map_);
    } else {
      // The source's own coordinates are of lon/lat on the offset datum: map → offset lon/lat,
      // then that lon/lat as if it were WGS84 into the source's projection (Web Mercator for tiles).
      datum_.emplace(proj_, CrsSpec{"EPSG:4326", offset, "offset lon/lat"});
      plain_.emplace(proj_, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"});
      toSource_.emplace(proj_, map_, *datum_);
      datum_toSource_.emplace(proj_, *plain_, source_);
      sourceToDatum_.emplace(proj_, source_, *plain_);
      toMap_.emplace(proj_, *datum_, map_);
    }
  }

  static int transform(void* self, int destinationToSource, int count, double* x, double* y, double*, int* success) {
    return static_cast<ViewToSource*>(self)->apply(destinationToSource != 0, count, x, y, success);
  }

  // Source pixels to map coordinates (infinite where they have none).
  void sourcePixelsToMap(double* x, double* y, size_t n) const {
    grid(sourceGrid_, x, y, n);
    if (sourceToDatum_) sourceToDatum_->applyLenient(x, y, n);
    toMap_->applyLenient(x, y, n);
  }

 private:
  int apply(bool toSource, int count, double* x, double* y, int* success) const {
    const auto n = static_cast<size_t>(count);
    if (toSource) {
      grid(view_, x, y, n);
      toSource_->applyLenient(x, y, n);
      if (datum_toSource_) datum_toSource_->applyLenient(x, y, n);
      grid(sourceInverse_, x, y, n);
    } else {
      grid(sourceGrid_, x, y, n);
      if (sourceToDatum_) sourceToDatum_->applyLenient(x, y, n);
      toMap_->applyLenient(x, y, n);
      grid(viewInverse_, x, y, n);
    }
    for (size_t i = 0; i < n; ++i) success[i] = std::isfinite(x[i]) && std::isfinite(y[i]) && std::abs(x[i]) < 1e15;
    return TRUE;
  }

  static void grid(const double* g, double* x, double* y, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
      const double column = x[i], row = y[i];
      x[i] = g[0] + column * g[1] + row * g[2];
      y[i] = g[3] + column * g[4] + row * g[5];
    }
  }

  ProjContext proj_;
  Crs map_, source_;
  std::optional<Crs> datum_, plain_;
  std::optional<Transform> toSource_, toMap_, datum_toSource_, sourceToDatum_;
  double view_[6]{}, viewInverse_[6]{}, sourceGrid_[6]{}, sourceInverse_[6]{};
};

struct ApproxTransformerDeleter {
  void operator()(void* transformer) const noexcept { GDALDestroyApproxTransformer(transformer); }
};
struct WarpOptionsDeleter {
  void operator()(GDALWarpOptions* options) const noexcept { GDALDestroyWarpOptions(options); }
};
struct WarpOperationDeleter {
  void operator()(void* operation) const noexcept { GDALDestroyWarpOperation(operation); }
};
struct TranslateOptionsDeleter {
  void operator()(GDALTranslateOptions* options) const noexcept { GDALTranslateOptionsFree(options); }
};

int CPL_STDCALL keepGoing(double, const char*, void* cancel) {
  return !(cancel && static_cast<const std::atomic<bool>*>(cancel)->load());
}

CrsSpec ownCrs(GDALDataset& dataset, const ImageryRequest& request) {
  if (request.layerCrs && request.layerCrs->offset == ChineseOffset::none) return *request.layerCrs;
  if (const OGRSpatialReference* srs = dataset.GetSpatialRef()) {
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    CrsSpec spec{wkt ? wkt : "", ChineseOffset::none, "the raster's own"};
    CPLFree(wkt);
    return spec;
  }
  if (request.layerCrs) return CrsSpec{"EPSG:4326", ChineseOffset::none, "lon/lat"};  // GCJ-02 lon/lat grid
  throw InputError(request.source + ": the raster has no CRS; give the layer one with \"crs\"");
}

// The overview whose pixels are closest to, and not coarser than, the view's: -1 for the full
// resolution. `sourcePixelsPerViewPixel` from the view's corners and middle in source pixels.
int overviewFor(GDALDataset& dataset, double sourcePixelsPerViewPixel) {
  GDALRasterBand* band = dataset.GetRasterBand(1);
  int chosen = -1;
  double chosenFactor = 1;
  for (int i = 0; i < band->GetOverviewCount(); ++i) {
    GDALRasterBand* overview = band->GetOverview(i);
    if (!overview) continue;
    const double factor = static_cast<double>(dataset.GetRasterXSize()) / overview->GetXSize();
    if (factor <= sourcePixelsPerViewPixel * 1.2 && factor > chosenFactor) chosen = i, chosenFactor = factor;
  }
  return chosen;
}

}  // namespace

std::optional<ImageryExtent> imageryExtent(const std::string& source, const std::optional<CrsSpec>& layerCrs,
                                           const CrsSpec& mapCrs, std::optional<int> maxZoom) {
  GDALDatasetUniquePtr dataset = openImagery(source, {}, maxZoom);
  double grid[6];
  if (dataset->GetGeoTransform(grid) != CE_None) return std::nullopt;
  ImageryRequest request;
  request.source = source, request.layerCrs = layerCrs, request.mapCrs = mapCrs;
  request.maxX = request.maxY = 1, request.width = request.height = 1;  // no view: only the source side is used
  const ViewToSource chain(request, ownCrs(*dataset, request), grid);
  // The edges, 33 points each: a reprojected rectangle bulges.
  const double width = dataset->GetRasterXSize(), height = dataset->GetRasterYSize();
  std::vector<double> x, y;
  for (int i = 0; i <= 32; ++i) {
    const double t = i / 32.0;
    for (const auto& [px, py] : {std::pair{t * width, 0.0}, std::pair{t * width, height}, std::pair{0.0, t * height},
                                 std::pair{width, t * height}})
      x.push_back(px), y.push_back(py);
  }
  chain.sourcePixelsToMap(x.data(), y.data(), x.size());
  ImageryExtent extent{HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || std::abs(x[i]) > 1e15) return std::nullopt;  // of the world
    extent.minX = std::min(extent.minX, x[i]), extent.maxX = std::max(extent.maxX, x[i]);
    extent.minY = std::min(extent.minY, y[i]), extent.maxY = std::max(extent.maxY, y[i]);
  }
  return extent;
}

ImageryPixels readImagery(const ImageryRequest& request, const std::atomic<bool>* cancel) {
  ImageryPixels pixels;
  pixels.width = request.width, pixels.height = request.height;
  pixels.rgba.assign(static_cast<size_t>(request.width) * static_cast<size_t>(request.height) * 4, 0);
  if (request.width <= 0 || request.height <= 0 || !(request.maxX > request.minX) || !(request.maxY > request.minY))
    return pixels;
  ensureGdalRegistered();
  GdalErrorCapture errors;
  GDALDatasetUniquePtr full = openImagery(request.source, {}, request.maxZoom);
  double grid[6];
  if (full->GetGeoTransform(grid) != CE_None) throw InputError(request.source + ": the raster has no georeferencing");
  const CrsSpec sourceCrs = ownCrs(*full, request);

  // How many source pixels one view pixel spans: from the view's edges, in full-resolution pixels.
  double sourcePerView = 0;
  {
    ViewToSource chain(request, sourceCrs, grid);
    const double w = request.width, h = request.height;
    double x[] = {0, w, 0, w, w / 2, w / 2 + 1}, y[] = {0, 0, h, h, h / 2, h / 2};
    int ok[6];
    ViewToSource::transform(&chain, TRUE, 6, x, y, nullptr, ok);
    if (ok[4] && ok[5]) sourcePerView = std::hypot(x[5] - x[4], y[5] - y[4]);
    bool meets = false;
    for (int i = 0; i < 4; ++i)
      meets = meets || (ok[i] && x[i] > -1e9 && x[i] < 1e9);  // any finite corner: let the warper decide
    if (!meets && !(ok[4] && ok[5])) return pixels;
  }
  const int level = sourcePerView > 1 ? overviewFor(*full, sourcePerView) : -1;
  pixels.overviewLevel = level;

  // The level chosen, as a dataset of its own (its grid scaled). Declared in the order they refer
  // to each other, so that each is closed before what it reads.
  GDALDatasetUniquePtr expanded;  // a palette as RGBA, still at full resolution
  GDALDatasetUniquePtr atLevel;
  if (full->GetRasterCount() == 1 && full->GetRasterBand(1)->GetColorTable()) {
    // Expanded first (an overview band does not carry the palette), then the level taken from
    // the expanded VRT, whose overviews are the source's, expanded.
    const auto translate = [&](GDALDataset& from, std::vector<std::string> words) {
      std::vector<char*> arguments;
      for (std::string& word : words) arguments.push_back(word.data());
      arguments.push_back(nullptr);
      std::unique_ptr<GDALTranslateOptions, TranslateOptionsDeleter> options(
          GDALTranslateOptionsNew(arguments.data(), nullptr));
      GDALDatasetUniquePtr result(
          GDALDataset::FromHandle(GDALTranslate("", GDALDataset::ToHandle(&from), options.get(), nullptr)));
      if (!result)
        throw InputError(
            hideSecrets(request.source + ": cannot expand its palette: " + errors.lastError(), request.source));
      return result;
    };
    expanded = translate(*full, {"-of", "VRT", "-expand", "rgba"});
    atLevel = translate(*expanded, {"-of", "VRT", "-ovr", level >= 0 ? std::to_string(level) : "NONE"});
  } else {
    atLevel = level >= 0 ? openImagery(request.source, {"OVERVIEW_LEVEL=" + std::to_string(level)}, request.maxZoom)
                         : std::move(full);
  }
  GDALDataset* source = atLevel.get();
  double levelGrid[6];
  if (source->GetGeoTransform(levelGrid) != CE_None)
    throw InputError(request.source + ": the overview has no georeferencing");
  const int bands = source->GetRasterCount();
  if (bands < 3) throw InputError(request.source + ": imagery needs 3 or 4 bands or a palette");

  GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDatasetUniquePtr target(memory->Create("", request.width, request.height, 4, GDT_Byte, nullptr));

  ViewToSource chain(request, sourceCrs, levelGrid);
  std::unique_ptr<void, ApproxTransformerDeleter> approximate(
      GDALCreateApproxTransformer(&ViewToSource::transform, &chain, 0.125));
  std::unique_ptr<GDALWarpOptions, WarpOptionsDeleter> options(GDALCreateWarpOptions());
  options->hSrcDS = GDALDataset::ToHandle(source);
  options->hDstDS = GDALDataset::ToHandle(target.get());
  options->nBandCount = 3;
  options->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * 3));
  options->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * 3));
  for (int i = 0; i < 3; ++i) options->panSrcBands[i] = options->panDstBands[i] = i + 1;
  options->nSrcAlphaBand = bands >= 4 ? 4 : 0;
  options->nDstAlphaBand = 4;
  options->eResampleAlg = GRA_Bilinear;
  options->pfnTransformer = GDALApproxTransform;
  options->pTransformerArg = approximate.get();
  options->pfnProgress = keepGoing;
  options->pProgressArg = const_cast<std::atomic<bool>*>(cancel);
  options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "INIT_DEST", "0");
  options->papszWarpOptions = CSLSetNameValue(options->papszWarpOptions, "SKIP_NOSOURCE", "YES");
  std::unique_ptr<void, WarpOperationDeleter> operation(GDALCreateWarpOperation(options.get()));
  if (!operation)
    throw InputError(hideSecrets(request.source + ": cannot warp: " + errors.lastError(), request.source));
  const CPLErr warped = GDALChunkAndWarpImage(operation.get(), 0, 0, request.width, request.height);
  if (cancel && cancel->load()) throw Cancelled();
  if (warped != CE_None)
    throw InputError(hideSecrets(request.source + ": " + imageryReadFailure(errors.lastError()), request.source));
  if (target->RasterIO(GF_Read, 0, 0, request.width, request.height, pixels.rgba.data(), request.width, request.height,
                       GDT_Byte, 4, nullptr, 4, static_cast<GSpacing>(request.width) * 4, 1, nullptr) != CE_None)
    throw InputError(request.source + ": cannot read the warped imagery");
  for (size_t i = 3; i < pixels.rgba.size(); i += 4)
    if (pixels.rgba[i]) {
      pixels.empty = false;
      break;
    }
  return pixels;
}

std::string imageryReadFailure(const std::string& gdalError) {
  // curl says how long it tried ("… port 9 after 0 ms: …", "timed out after 30001 milliseconds
  // with 0 bytes received"): not part of the reason, and a reason that changed with the timing
  // would be told again on every frame.
  static const std::regex timing(" after [0-9]+ (ms|milliseconds)( with [0-9]+ (out of -?[0-9]+ )?bytes received)?");
  if (gdalError.find("Unable to download") != std::string::npos) {
    const auto reason = gdalError.rfind("error: ");
    std::string why = reason == std::string::npos ? "" : gdalError.substr(reason + 7);
    why = std::regex_replace(why.substr(0, why.find('\n')), timing, "");
    while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
    return "tiles could not be downloaded" + (why.empty() ? std::string() : " (" + why + ")");
  }
  const std::string line = std::regex_replace(gdalError.substr(0, gdalError.find('\n')), timing, "");
  return "cannot read the imagery: " + (line.empty() ? std::string("GDAL gave no reason") : line);
}

}  // namespace urbangis
