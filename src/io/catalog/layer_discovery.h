#pragma once
// The layers a person points at: files and folders as they come (a GeoPackage of several
// layers, a shapefile, a zipped shapefile, GeoJSON, KML/KMZ, FlatGeobuf, GPX, CSV, XLSX; GeoTIFF
// and MBTiles rasters), each layer found by GDAL, never by us reading a format. What `catalog init` (and the viewer's
// Add layers) starts from.

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis {

struct FoundLayer {
  std::string source;     // what GDAL opens: an absolute path, or /vsizip/<absolute zip>/<member>
  std::string layerName;  // the layer within the source
  std::string fileName;   // the file (or zip member) the layer came from, for names and messages
  bool onlyLayer = true;  // the source holds no other layer (the catalog needs no "layer" key)
  bool raster = false;    // a raster (GeoTIFF, MBTiles of imagery): a layer of role raster
};

struct LayerDiscovery {
  std::vector<FoundLayer> layers;
  std::vector<std::string> problems;  // files that could not be opened, each named, with GDAL's reason
};

// Every vector layer of `inputs`, in order: files as given, folders walked (sorted, recursively;
// shapefile side files and non-data files skipped), PostGIS databases ("PG:…", no password in
// it: PGPASSWORD or ~/.pgpass gives it) by their geometry tables. A file GDAL cannot open is a problem, not an
// error: the other files still count.
LayerDiscovery discoverLayers(const std::vector<std::filesystem::path>& inputs);

}  // namespace urbangis
