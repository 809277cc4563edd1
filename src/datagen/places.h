#pragma once
// Daye's official township, community and village names and codes (NBS 2023), read with OGR
// from the CSV files in data/places/.

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis::datagen {

struct Township {
  std::string code;  // 9 digits
  std::string name;
  std::string type;  // 街道, 镇, 乡, 管理区
};

// A village-level unit (村居): a community (社区) or one of the units outside them.
struct Neighbourhood {
  std::string code;  // 12 digits
  std::string name;  // short form: 建设社区 (without 居民委员会), 王太村 (without 村委会)
  std::string townshipCode;
  // 社区; 村; 居委会 (汪仁居委会, the one residents' committee not called a community);
  // 生产队 (东风农场's production teams); 虚拟生活区 (四顾山, 四顾闸管理处's only unit)
  std::string kind;
};

struct Places {
  std::vector<Township> townships;
  std::vector<Neighbourhood> communities;  // 社区 only: the urban units the bureau works in
  std::vector<Neighbourhood> villages;     // every other unit: 355 村 and 5 others
};

Places readPlaces(const std::filesystem::path& folder);

}  // namespace urbangis::datagen
