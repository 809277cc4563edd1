#include "datagen/places.h"

#include "core/error.h"
#include "io/sources/vector_source.h"

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

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), std::string::npos, suffix) == 0;
}

// What kind of unit an official name stands for.
std::string kindOf(const std::string& name) {
  if (name.find("社区") != std::string::npos) return "社区";
  for (const char* kind : {"居委会", "生产队", "虚拟生活区"})
    if (endsWith(name, kind)) return kind;
  return "村";  // 村委会, 村民委员会
}

// The name people use, without the committee: 建设社区居民委员会 → 建设社区, 马叫村村民委员会 →
// 马叫村, 王太村委会 → 王太村. 汪仁居委会 keeps its word (汪仁 alone would read as the town), as do
// the production teams and 四顾山虚拟生活区, which have none.
std::string shortName(std::string name) {
  for (const char* committee : {"居民委员会", "村民委员会", "委员会", "委会"}) {
    if (endsWith(name, "居委会") || !endsWith(name, committee)) continue;
    name.erase(name.size() - std::string(committee).size());
    break;
  }
  return name;
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
  for (auto& row : onlyLayer(*communities, communitiesPath)) {
    const std::string name = row->GetFieldAsString("name");
    Neighbourhood unit{row->GetFieldAsString("code"), shortName(name), row->GetFieldAsString("streetCode"),
                       kindOf(name)};
    (unit.kind == "社区" ? places.communities : places.villages).push_back(std::move(unit));
  }
  return places;
}

}  // namespace urbangis::datagen
