#include "io/outputs/raster_writer.h"

#include <gdal_priv.h>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/outputs/atomic_output.h"

namespace urbangis {
namespace fs = std::filesystem;

void writeGeoTiff(const FloatRaster& raster, const fs::path& file, const std::vector<fs::path>& inputs) {
  ensureGdalRegistered();
  checkOutputTarget(file, inputs);
  if (static_cast<size_t>(raster.width) * static_cast<size_t>(raster.height) != raster.values.size())
    throw std::invalid_argument("raster size does not match its values");

  AtomicOutput temporary(file);
  GdalErrorCapture errors;
  {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3", "BIGTIFF=IF_SAFER", nullptr};
    GDALDatasetUniquePtr dataset(driver->Create(temporary.path().c_str(), raster.width, raster.height, 1, GDT_Float32,
                                                const_cast<char**>(options)));
    if (!dataset) throw InputError(file.string() + ": cannot create: " + errors.lastError());
    double transform[6] = {raster.west, raster.cell, 0, raster.north, 0, -raster.cell};
    dataset->SetGeoTransform(transform);
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.SetFromUserInput(raster.crsDefinition.c_str()) != OGRERR_NONE)
      throw InputError(file.string() + ": unknown CRS " + raster.crsDefinition);
    dataset->SetSpatialRef(&srs);
    dataset->SetMetadataItem("UNITS", raster.units.c_str());
    dataset->SetDescription(raster.description.c_str());
    GDALRasterBand* band = dataset->GetRasterBand(1);
    band->SetNoDataValue(raster.nodata);
    band->SetDescription(raster.description.c_str());
    band->SetUnitType(raster.units.c_str());
    if (band->RasterIO(GF_Write, 0, 0, raster.width, raster.height, const_cast<float*>(raster.values.data()),
                       raster.width, raster.height, GDT_Float32, 0, 0) != CE_None)
      throw InputError(file.string() + ": cannot write: " + errors.lastError());
    // Overviews (averaged) down to about 256 cells a side, so viewers draw it fast at any scale.
    std::vector<int> levels;
    for (int level = 2; std::max(raster.width, raster.height) / level >= 256; level *= 2) levels.push_back(level);
    if (!levels.empty() && dataset->BuildOverviews("AVERAGE", static_cast<int>(levels.size()), levels.data(), 0,
                                                   nullptr, nullptr, nullptr) != CE_None)
      throw InputError(file.string() + ": cannot build overviews: " + errors.lastError());
    dataset->FlushCache();
    if (!errors.lastError().empty()) throw InputError(file.string() + ": " + errors.lastError());
  }
  temporary.commit();
}

}  // namespace urbangis
