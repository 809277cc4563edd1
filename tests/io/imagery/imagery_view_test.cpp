// Imagery as views read it (io/imagery/imagery_view.h), on rasters the tests make with GDAL:
// an RGB GeoTIFF's halves where they belong in a reprojected view and at two zooms, a palette in
// its colours, GCJ-02 imagery placed with our exact offsets (matching the WGS84 original), a
// zoomed-out view of MBTiles read from a lower zoom level, and a 20,000 × 20,000 GeoTIFF whose
// full view reads only the overview it needs (bytes counted through a VSI handler).

#include <catch2/catch.hpp>

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gdal_utils.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>

#include "core/chinese_offsets.h"
#include "core/crs.h"
#include "core/error.h"
#include "io/gdal_support.h"
#include "io/imagery/imagery_source.h"
#include "io/imagery/imagery_view.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {

const CrsSpec kGaussKruger{"EPSG:4547", ChineseOffset::none, "CGCS2000 GK 114E"};
const uint8_t kRed[3] = {220, 40, 40}, kBlue[3] = {40, 60, 200};

// A north-up lon/lat GeoTIFF over Daye (114.90–115.00 E, 30.05–30.15 N), `size` pixels square:
// red west of 114.95, blue east of it. `epsg` 0 writes no CRS.
fs::path writeHalves(const fs::path& file, int size, int epsg = 4326) {
  ensureGdalRegistered();
  GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
  GDALDatasetUniquePtr dataset(gtiff->Create(file.c_str(), size, size, 3, GDT_Byte, nullptr));
  double grid[6] = {114.90, 0.10 / size, 0, 30.15, 0, -0.10 / size};
  dataset->SetGeoTransform(grid);
  if (epsg) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    dataset->SetSpatialRef(&srs);
  }
  std::vector<uint8_t> band(static_cast<size_t>(size) * size);
  for (int b = 0; b < 3; ++b) {
    for (int row = 0; row < size; ++row)
      for (int column = 0; column < size; ++column)
        band[static_cast<size_t>(row) * size + column] = column < size / 2 ? kRed[b] : kBlue[b];
    REQUIRE(dataset->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, size, size, band.data(), size, size, GDT_Byte, 0,
                                                    0) == CE_None);
  }
  return file;
}

// The map coordinates (GK zone 114E) of a lon/lat.
std::pair<double, double> mapPoint(double lon, double lat) {
  ProjContext proj;
  const Transform toMap(proj, Crs(proj, CrsSpec{"EPSG:4326", ChineseOffset::none, "WGS84"}), Crs(proj, kGaussKruger));
  toMap.apply(lon, lat);
  return {lon, lat};
}

ImageryRequest viewAround(const std::string& source, double lon0, double lat0, double lon1, double lat1, int width,
                          int height) {
  const auto [x0, y0] = mapPoint(lon0, lat0);
  const auto [x1, y1] = mapPoint(lon1, lat1);
  ImageryRequest request;
  request.source = source;
  request.mapCrs = kGaussKruger;
  request.minX = std::min(x0, x1), request.maxX = std::max(x0, x1);
  request.minY = std::min(y0, y1), request.maxY = std::max(y0, y1);
  request.width = width, request.height = height;
  return request;
}

// The pixel of the view where a lon/lat lies.
const uint8_t* pixelAt(const ImageryPixels& pixels, const ImageryRequest& request, double lon, double lat) {
  const auto [x, y] = mapPoint(lon, lat);
  const int column = static_cast<int>((x - request.minX) / (request.maxX - request.minX) * request.width);
  const int row = static_cast<int>((request.maxY - y) / (request.maxY - request.minY) * request.height);
  REQUIRE(column >= 0);
  REQUIRE(column < pixels.width);
  REQUIRE(row >= 0);
  REQUIRE(row < pixels.height);
  return &pixels.rgba[(static_cast<size_t>(row) * pixels.width + column) * 4];
}

bool is(const uint8_t* pixel, const uint8_t colour[3]) {
  return std::abs(pixel[0] - colour[0]) < 8 && std::abs(pixel[1] - colour[1]) < 8 &&
         std::abs(pixel[2] - colour[2]) < 8 && pixel[3] == 255;
}

// Share of pixels whose colours differ by more than a rounding between two reads.
double differing(const ImageryPixels& a, const ImageryPixels& b) {
  REQUIRE(a.rgba.size() == b.rgba.size());
  size_t count = 0;
  for (size_t i = 0; i < a.rgba.size(); i += 4)
    for (size_t c = 0; c < 4; ++c)
      if (std::abs(a.rgba[i + c] - b.rgba[i + c]) > 16) {
        ++count;
        break;
      }
  return static_cast<double>(count) / (a.rgba.size() / 4);
}

// Bytes read through "/vsicount/": a VSI handler over the local file system that counts them.
struct ReadCounter {
  std::atomic<size_t> bytes{0};
};

struct CountedFile {
  VSILFILE* file;
  ReadCounter* counter;
};

ReadCounter& installReadCounter() {
  static ReadCounter counter;
  static const bool installed = [] {
    VSIFilesystemPluginCallbacksStruct* callbacks = VSIAllocFilesystemPluginCallbacksStruct();
    callbacks->pUserData = &counter;
    callbacks->open = [](void* user, const char* name, const char* access) -> void* {
      VSILFILE* file = VSIFOpenL(name, access);
      return file ? new CountedFile{file, static_cast<ReadCounter*>(user)} : nullptr;
    };
    callbacks->stat = [](void*, const char* name, VSIStatBufL* buffer, int flags) {
      return VSIStatExL(name, buffer, flags);
    };
    callbacks->read = [](void* handle, void* buffer, size_t size, size_t count) {
      auto* counted = static_cast<CountedFile*>(handle);
      const size_t read = VSIFReadL(buffer, size, count, counted->file);
      counted->counter->bytes += read * size;
      return read;
    };
    callbacks->seek = [](void* handle, vsi_l_offset offset, int whence) {
      return VSIFSeekL(static_cast<CountedFile*>(handle)->file, offset, whence);
    };
    callbacks->tell = [](void* handle) { return VSIFTellL(static_cast<CountedFile*>(handle)->file); };
    callbacks->eof = [](void* handle) { return VSIFEofL(static_cast<CountedFile*>(handle)->file); };
    callbacks->close = [](void* handle) {
      auto* counted = static_cast<CountedFile*>(handle);
      const int result = VSIFCloseL(counted->file);
      delete counted;
      return result;
    };
    const int status = VSIInstallPluginHandler("/vsicount/", callbacks);
    VSIFreeFilesystemPluginCallbacksStruct(callbacks);
    return status == 0;
  }();
  REQUIRE(installed);
  return counter;
}

}  // namespace

TEST_CASE("an RGB GeoTIFF in a reprojected view: each half where it lies, at two zooms", "[imagery]") {
  const test::TempDir dir;
  const std::string tif = writeHalves(dir.path() / "halves.tif", 400).string();
  GDALDatasetUniquePtr opened = openImagery(tif);
  CHECK(isImagery(*opened));

  // The whole raster and some land around it, in the GK zone the map is in.
  const ImageryRequest whole = viewAround(tif, 114.88, 30.03, 115.02, 30.17, 300, 300);
  const ImageryPixels all = readImagery(whole);
  CHECK_FALSE(all.empty);
  CHECK(is(pixelAt(all, whole, 114.92, 30.10), kRed));
  CHECK(is(pixelAt(all, whole, 114.98, 30.10), kBlue));
  CHECK(pixelAt(all, whole, 114.89, 30.10)[3] == 0);  // outside the raster: transparent
  // Where the halves meet, to a pixel of the view: a few columns either side of 114.95.
  CHECK(is(pixelAt(all, whole, 114.945, 30.12), kRed));
  CHECK(is(pixelAt(all, whole, 114.955, 30.12), kBlue));

  // Zoomed into the seam: 200 m either side, 400 view pixels.
  const ImageryRequest seam = viewAround(tif, 114.948, 30.098, 114.952, 30.102, 400, 400);
  const ImageryPixels close = readImagery(seam);
  CHECK(is(pixelAt(close, seam, 114.9485, 30.10), kRed));
  CHECK(is(pixelAt(close, seam, 114.9515, 30.10), kBlue));
  CHECK(close.overviewLevel == -1);

  // A view beside the raster reads nothing and draws nothing.
  const ImageryRequest beside = viewAround(tif, 115.10, 30.05, 115.20, 30.15, 100, 100);
  CHECK(readImagery(beside).empty);
}

TEST_CASE("a palette GeoTIFF draws in its colours; a raster without a CRS needs one", "[imagery]") {
  const test::TempDir dir;
  ensureGdalRegistered();
  const fs::path file = dir.path() / "palette.tif";
  {
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr dataset(gtiff->Create(file.c_str(), 100, 100, 1, GDT_Byte, nullptr));
    double grid[6] = {114.90, 0.001, 0, 30.15, 0, -0.001};
    dataset->SetGeoTransform(grid);
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    dataset->SetSpatialRef(&srs);
    GDALColorTable table;
    const GDALColorEntry green{30, 160, 60, 255}, yellow{240, 200, 20, 255};
    table.SetColorEntry(0, &green);
    table.SetColorEntry(1, &yellow);
    dataset->GetRasterBand(1)->SetColorTable(&table);
    std::vector<uint8_t> values(100 * 100);
    for (int row = 0; row < 100; ++row)
      for (int column = 0; column < 100; ++column) values[row * 100 + column] = row < 50 ? 0 : 1;
    REQUIRE(dataset->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 100, 100, values.data(), 100, 100, GDT_Byte, 0, 0) ==
            CE_None);
  }
  GDALDatasetUniquePtr opened = openImagery(file.string());
  CHECK(isImagery(*opened));
  const ImageryRequest view = viewAround(file.string(), 114.90, 30.05, 115.00, 30.15, 200, 200);
  const ImageryPixels pixels = readImagery(view);
  const uint8_t green[3] = {30, 160, 60}, yellow[3] = {240, 200, 20};
  CHECK(is(pixelAt(pixels, view, 114.95, 30.13), green));
  CHECK(is(pixelAt(pixels, view, 114.95, 30.07), yellow));

  const std::string bare = writeHalves(dir.path() / "bare.tif", 50, 0).string();
  CHECK_THROWS_WITH(readImagery(viewAround(bare, 114.90, 30.05, 115.00, 30.15, 50, 50)),
                    Catch::Contains("has no CRS") && Catch::Contains("\"crs\""));
}

TEST_CASE("GCJ-02 imagery is placed with the exact offsets: it matches the WGS84 original", "[imagery]") {
  const test::TempDir dir;
  const std::string wgs = writeHalves(dir.path() / "wgs.tif", 400).string();
  // The same picture as a GCJ-02 web map holds it: every corner moved by the offset (about 500 m
  // here), so the seam lies 114.95 E plus the offset.
  const fs::path gcj = dir.path() / "gcj.tif";
  fs::copy_file(wgs, gcj);
  {
    GDALDatasetUniquePtr dataset(GDALDataset::Open(gcj.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
    const offsets::LonLat corner = offsets::wgs84ToGcj02({114.90, 30.15});
    double grid[6];
    dataset->GetGeoTransform(grid);
    grid[0] = corner.lon, grid[3] = corner.lat;
    dataset->SetGeoTransform(grid);
  }
  const ImageryRequest original = viewAround(wgs, 114.93, 30.08, 114.97, 30.12, 400, 400);
  ImageryRequest shifted = original;
  shifted.source = gcj.string();
  const ImageryPixels reference = readImagery(original);
  const ImageryPixels unplaced = readImagery(shifted);  // taken for WGS84: half a kilometre off
  shifted.layerCrs = parseCrsName("GCJ-02");
  const ImageryPixels placed = readImagery(shifted);
  INFO("unplaced " << differing(reference, unplaced) << ", placed " << differing(reference, placed));
  CHECK(differing(reference, unplaced) > 0.05);
  // The offset varies across the raster by far less than a pixel of this view; the seam stays put.
  CHECK(differing(reference, placed) < 0.01);
}

TEST_CASE("MBTiles: a zoomed-out view reads a lower zoom level, a zoomed-in one the deepest", "[imagery]") {
  const test::TempDir dir;
  const std::string tif = writeHalves(dir.path() / "halves.tif", 1200).string();
  const fs::path mbtiles = dir.path() / "halves.mbtiles";
  {
    GDALDatasetUniquePtr source(GDALDataset::Open(tif.c_str(), GDAL_OF_RASTER));
    char* arguments[] = {const_cast<char*>("-of"), const_cast<char*>("MBTiles"), nullptr};
    GDALTranslateOptions* options = GDALTranslateOptionsNew(arguments, nullptr);
    GDALDatasetUniquePtr written(
        GDALDataset::FromHandle(GDALTranslate(mbtiles.c_str(), GDALDataset::ToHandle(source.get()), options, nullptr)));
    GDALTranslateOptionsFree(options);
    REQUIRE(written);
  }
  {
    // Overviews of a closed MBTiles file, as gdaladdo makes them: the lower zoom levels.
    GDALDatasetUniquePtr written(GDALDataset::Open(mbtiles.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
    REQUIRE(written);
    int levels[] = {2, 4, 8};
    REQUIRE(written->BuildOverviews("AVERAGE", 3, levels, 0, nullptr, nullptr, nullptr) == CE_None);
  }
  GDALDatasetUniquePtr opened = openImagery(mbtiles.string());
  CHECK(isImagery(*opened));
  const ImageryRequest far = viewAround(mbtiles.string(), 114.85, 30.00, 115.05, 30.20, 120, 120);
  const ImageryPixels small = readImagery(far);
  CHECK(small.overviewLevel >= 1);
  CHECK(is(pixelAt(small, far, 114.92, 30.10), kRed));
  CHECK(is(pixelAt(small, far, 114.98, 30.10), kBlue));
  const ImageryRequest near = viewAround(mbtiles.string(), 114.948, 30.098, 114.952, 30.102, 300, 300);
  const ImageryPixels large = readImagery(near);
  CHECK(large.overviewLevel == -1);
  CHECK(is(pixelAt(large, near, 114.9485, 30.10), kRed));
  CHECK(is(pixelAt(large, near, 114.9515, 30.10), kBlue));
}

TEST_CASE("a read is cancelled between chunks", "[imagery]") {
  const test::TempDir dir;
  const std::string tif = writeHalves(dir.path() / "halves.tif", 400).string();
  const std::atomic<bool> cancel{true};
  CHECK_THROWS_AS(readImagery(viewAround(tif, 114.88, 30.03, 115.02, 30.17, 300, 300), &cancel), Cancelled);
}

TEST_CASE("a tile URL's key comes from the environment and never shows in a message", "[imagery]") {
  CHECK(isTileUrl("https://t0.tianditu.gov.cn/img_w/wmts?x={x}&y={y}&l={z}&tk=${env:UGIS_TEST_KEY}"));
  CHECK(isTileUrl("file:///srv/tiles/{z}/{x}/{-y}.png"));
  CHECK_FALSE(isTileUrl("/data/ortho.tif"));
  const std::string source = "http://127.0.0.1:9/{z}/{x}/{y}.png?tk=${env:UGIS_TEST_KEY}";
  ::unsetenv("UGIS_TEST_KEY");
  CHECK_THROWS_WITH(withEnvironment(source), Catch::Contains("UGIS_TEST_KEY is not set"));
  ::setenv("UGIS_TEST_KEY", "s3cr3t-k3y-0042", 1);
  CHECK(withEnvironment(source) == "http://127.0.0.1:9/{z}/{x}/{y}.png?tk=s3cr3t-k3y-0042");
  const std::string xml = tileServiceXml(withEnvironment(source), TileCache{});
  CHECK(xml.find("${z}/${x}/${y}.png") != std::string::npos);
  CHECK(hideSecrets("GET " + withEnvironment(source) + " failed", source).find("s3cr3t") == std::string::npos);
  // Nothing listens on port 9: the read fails, and the message names the source with its
  // placeholder, not the key.
  test::TempDir cache;
  ::setenv("URBANGIS_TILE_CACHE_DIR", cache.path().c_str(), 1);
  try {
    readImagery(viewAround(source, 114.90, 30.05, 115.00, 30.15, 64, 64));
    FAIL("an unreachable server was read");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("s3cr3t") == std::string::npos);
    CHECK(message.find("${env:UGIS_TEST_KEY}") != std::string::npos);
  }
  ::unsetenv("URBANGIS_TILE_CACHE_DIR");
  ::unsetenv("UGIS_TEST_KEY");
}

// 20,000 × 20,000 pixels, tiled and DEFLATE-compressed, with overviews: about 30 s to make, so
// hidden from the usual run and from the sanitizer build (ctest heavy.imagery_*).
TEST_CASE("a 20,000 × 20,000 GeoTIFF: a full view reads only the overview it needs", "[.heavy][imagery_big]") {
  const test::TempDir dir;
  ensureGdalRegistered();
  const fs::path file = dir.path() / "big.tif";
  constexpr int kSize = 20000;
  {
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", "BLOCKXSIZE=256", "BLOCKYSIZE=256", nullptr};
    GDALDatasetUniquePtr dataset(gtiff->Create(file.c_str(), kSize, kSize, 1, GDT_Byte, const_cast<char**>(options)));
    double grid[6] = {114.80, 0.3 / kSize, 0, 30.30, 0, -0.3 / kSize};
    dataset->SetGeoTransform(grid);
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    dataset->SetSpatialRef(&srs);
    GDALColorTable table;
    const GDALColorEntry colours[4] = {{220, 40, 40, 255}, {40, 60, 200, 255}, {30, 160, 60, 255}, {240, 200, 20, 255}};
    for (int i = 0; i < 4; ++i) table.SetColorEntry(i, &colours[i]);
    GDALRasterBand* band = dataset->GetRasterBand(1);
    band->SetColorTable(&table);
    constexpr int kRows = 512;
    std::vector<uint8_t> strip(static_cast<size_t>(kSize) * kRows);
    for (int top = 0; top < kSize; top += kRows) {
      const int rows = std::min(kRows, kSize - top);
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < kSize; ++c)
          strip[static_cast<size_t>(r) * kSize + c] = static_cast<uint8_t>(((c / 1000) + ((top + r) / 1000)) % 4);
      REQUIRE(band->RasterIO(GF_Write, 0, top, kSize, rows, strip.data(), kSize, rows, GDT_Byte, 0, 0) == CE_None);
    }
    int levels[] = {2, 4, 8, 16, 32, 64};
    REQUIRE(dataset->BuildOverviews("NEAREST", 6, levels, 0, nullptr, nullptr, nullptr) == CE_None);
  }
  ReadCounter& counter = installReadCounter();
  const std::string counted = "/vsicount/" + file.string();
  const size_t fileBytes = fs::file_size(file);

  // The whole image in 800 × 800 view pixels: 25 source pixels per view pixel, so the overview
  // of 16 (1,250 pixels square) is the one, and the bytes read are a small part of the file.
  counter.bytes = 0;
  const ImageryRequest full = viewAround(counted, 114.80, 30.00, 115.10, 30.30, 800, 800);
  const auto started = std::chrono::steady_clock::now();
  const ImageryPixels whole = readImagery(full);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const size_t fullBytes = counter.bytes;
  CHECK(whole.overviewLevel == 3);  // 2, 4, 8, 16: the fourth
  WARN("full view: overview " << whole.overviewLevel << ", " << fullBytes << " of " << fileBytes << " bytes read in "
                              << seconds << " s");
  CHECK(fullBytes < fileBytes / 20);
  const uint8_t red[3] = {220, 40, 40}, blue[3] = {40, 60, 200};
  CHECK(is(pixelAt(whole, full, 114.80 + 0.3 * 500 / kSize, 30.30 - 0.3 * 500 / kSize), red));    // block (0, 0)
  CHECK(is(pixelAt(whole, full, 114.80 + 0.3 * 1500 / kSize, 30.30 - 0.3 * 500 / kSize), blue));  // block (1, 0)

  // A view of 1:1 pixels in a corner reads the full resolution, and only around that corner.
  counter.bytes = 0;
  const double pixel = 0.3 / kSize;
  const ImageryRequest corner = viewAround(counted, 114.80, 30.30 - 500 * pixel, 114.80 + 500 * pixel, 30.30, 500, 500);
  const ImageryPixels detail = readImagery(corner);
  CHECK(detail.overviewLevel == -1);
  WARN("1:1 corner view: " << counter.bytes << " bytes read");
  CHECK(counter.bytes < fileBytes / 50);
  CHECK(is(pixelAt(detail, corner, 114.80 + 250 * pixel, 30.30 - 250 * pixel), red));
}

TEST_CASE("a tile server out of reach is one reason, however long curl tried", "[imagery]") {
  // As GDAL 3.6's WMS driver words it, once after 0 ms and once after 1 ms.
  const auto failure = [](const char* after) {
    return imageryReadFailure(std::string("GDALWMS: Unable to download block 0, 0.\nURL: Failed to connect to "
                                          "127.0.0.1 port 9 ") +
                              after +
                              ": Couldn't connect to server\n  HTTP status code: 0, error: Failed to "
                              "connect to 127.0.0.1 port 9 " +
                              after + ": Couldn't connect to server.");
  };
  CHECK(failure("after 0 ms") == failure("after 1 ms"));
  CHECK(failure("after 0 ms") ==
        "tiles could not be downloaded (Failed to connect to 127.0.0.1 port 9: Couldn't connect to server)");
  CHECK(imageryReadFailure("Unable to download block 3, 4.\n  HTTP status code: 0, error: Operation timed out "
                           "after 30001 milliseconds with 0 bytes received") ==
        "tiles could not be downloaded (Operation timed out)");
  CHECK(imageryReadFailure("") == "cannot read the imagery: GDAL gave no reason");
}
