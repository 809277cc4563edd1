#include "datagen/places.h"

#include "core/error.h"
#include "io/vector_source.h"

namespace urbangis::datagen {
namespace {

std::string townshipType(const std::string& name) {
  for (const char* suffix : {"街道", "管理区", "管理处", "镇", "乡"})
    if (name.size() >= std::string(suffix).size() &&
        name.compare(name.size() - std::string(suffix).size(), std::string::npos, suffix) == 0)
      return std::string(suffix) == "管理处" ? "管理区" : suffix;
  return "其他";
}

OGRLayer& onlyLayer(GDALDataset& dataset, const std::filesystem::path& path) {
  if (dataset.GetLayerCount() != 1) throw InputError(path.string() + ": expected one table");
  return *dataset.GetLayer(0);
}

}  // namespace

Places readPlaces(const std::filesystem::path& folder) {
  Places places;
  const auto townshipsPath = folder / "daye_420281_townships_nbs2023.csv";
  GDALDatasetUniquePtr townships = openDataset(townshipsPath.string(), GDAL_OF_VECTOR);
  for (auto& row : onlyLayer(*townships, townshipsPath)) {
    const std::string name = row->GetFieldAsString("name");
    places.townships.push_back({row->GetFieldAsString("code"), name, townshipType(name)});
  }
  const auto communitiesPath = folder / "daye_420281_villages_communities_nbs2023.csv";
  GDALDatasetUniquePtr communities = openDataset(communitiesPath.string(), GDAL_OF_VECTOR);
  const std::string committee = "居民委员会";
  for (auto& row : onlyLayer(*communities, communitiesPath)) {
    std::string name = row->GetFieldAsString("name");
    if (name.find("社区") == std::string::npos) continue;
    if (auto at = name.find(committee); at != std::string::npos) name.erase(at);
    places.communities.push_back(
        {row->GetFieldAsString("code"), name, row->GetFieldAsString("streetCode")});
  }
  return places;
}

}  // namespace urbangis::datagen
