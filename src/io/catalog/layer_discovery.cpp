#include "io/catalog/layer_discovery.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/error.h"
#include "core/redact.h"
#include "io/catalog/catalog_loader.h"
#include "io/gdal_support.h"
#include "io/postgis/pg_source.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

// Files that hold layers by themselves; a shapefile's .dbf, .shx, .prj … belong to its .shp.
const std::set<std::string>& dataExtensions() {
  static const std::set<std::string> extensions{".gpkg", ".shp", ".geojson", ".json",   ".kml", ".kmz",
                                                ".fgb",  ".gpx", ".csv",     ".xlsx",   ".zip", ".sqlite",
                                                ".gml",  ".tif", ".tiff",    ".mbtiles"};
  return extensions;
}

// A GeoTIFF, or an MBTiles file of image tiles: one raster layer.
bool addRaster(const std::string& source, const std::string& fileName, LayerDiscovery& found) {
  const std::string extension = lowerExtension(fileName);
  if (extension != ".tif" && extension != ".tiff" && extension != ".mbtiles") return false;
  GDALDatasetUniquePtr dataset;
  try {
    dataset = openDataset(source, GDAL_OF_RASTER);
  } catch (const InputError& error) {
    if (extension == ".mbtiles") return false;  // vector tiles, perhaps
    found.problems.push_back(error.what());
    return true;
  }
  if (dataset->GetRasterCount() == 0) return false;
  found.layers.push_back({source, fs::path(fileName).stem().string(), fileName, true, true});
  return true;
}

// Adds the layers of one GDAL source; a source GDAL cannot open is a problem, named.
void addSource(const std::string& source, const std::string& fileName, LayerDiscovery& found) {
  if (addRaster(source, fileName, found)) return;
  GDALDatasetUniquePtr dataset;
  try {
    dataset = openDataset(source, GDAL_OF_VECTOR);
  } catch (const InputError& error) {
    found.problems.push_back(error.what());
    return;
  }
  const int count = dataset->GetLayerCount();
  if (count == 0) {
    found.problems.push_back(fileName + ": holds no vector layer");
    return;
  }
  // A GPX file always has its five layers (waypoints, routes, tracks …): the empty ones are no data.
  const bool gpx = std::string(dataset->GetDriverName()) == "GPX";
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i)
    if (!gpx || dataset->GetLayer(i)->GetFeatureCount() > 0) names.push_back(dataset->GetLayer(i)->GetName());
  if (names.empty()) {
    found.problems.push_back(fileName + ": holds no feature");
    return;
  }
  for (const std::string& name : names) found.layers.push_back({source, name, fileName, count == 1});
}

// The data files inside a zip (a zipped shapefile, or several), each opened through /vsizip/.
void addZip(const fs::path& zip, LayerDiscovery& found) {
  const std::string root = "/vsizip/" + fs::absolute(zip).lexically_normal().string();
  char** members = VSIReadDirRecursive(root.c_str());
  std::vector<std::string> data;
  for (char** member = members; member && *member; ++member) {
    const fs::path name(*member);
    const std::string extension = lowerExtension(name);
    if (extension != ".zip" && dataExtensions().count(extension)) data.push_back(*member);
  }
  CSLDestroy(members);
  std::sort(data.begin(), data.end());
  if (data.empty()) {
    found.problems.push_back(zip.string() + ": the zip holds no data file GDAL reads");
    return;
  }
  for (const std::string& member : data) addSource(root + "/" + member, zip.filename().string() + "/" + member, found);
}

void addFile(const fs::path& file, bool inFolder, LayerDiscovery& found) {
  const std::string extension = lowerExtension(file);
  if (extension == ".zip") return addZip(file, found);
  // In a folder, JSON files that are catalogs or styles are not data.
  if (inFolder && extension == ".json" && looksLikeCatalog(file)) return;
  LayerDiscovery one;
  addSource(fs::absolute(file).lexically_normal().string(), file.filename().string(), one);
  if (inFolder && extension == ".json" && !one.problems.empty()) return;  // a style or other JSON: not data
  found.layers.insert(found.layers.end(), one.layers.begin(), one.layers.end());
  found.problems.insert(found.problems.end(), one.problems.begin(), one.problems.end());
}

}  // namespace

LayerDiscovery discoverLayers(const std::vector<fs::path>& inputs) {
  ensureGdalRegistered();
  LayerDiscovery found;
  for (const fs::path& input : inputs) {
    std::error_code error;
    if (isPgSource(input.string())) {
      addSource(input.string(), redactSecrets(input.string()), found);  // a PostGIS database: its tables
    } else if (fs::is_directory(input, error)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(input, error))
        if (entry.is_regular_file() && dataExtensions().count(lowerExtension(entry.path())))
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty()) found.problems.push_back(input.string() + ": a folder with no data file GDAL reads");
      for (const fs::path& file : files) addFile(file, true, found);
    } else if (fs::is_regular_file(input, error)) {
      addFile(input, false, found);
    } else {
      found.problems.push_back(input.string() + ": no such file or folder");
    }
  }
  return found;
}

}  // namespace urbangis
