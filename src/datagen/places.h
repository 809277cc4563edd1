#pragma once
// Daye's official township and community names and codes (NBS 2023), read with OGR from the
// CSV files in data/places/.

#include <filesystem>
#include <string>
#include <vector>

namespace urbangis::datagen {

struct Township {
  std::string code;  // 9 digits
  std::string name;
  std::string type;  // 街道, 镇, 乡, 管理区
};

struct Community {
  std::string code;  // 12 digits
  std::string name;  // short form, e.g. 建设社区 (without 居民委员会)
  std::string townshipCode;
};

struct Places {
  std::vector<Township> townships;
  std::vector<Community> communities;  // 社区 only: the urban units the bureau works in
};

Places readPlaces(const std::filesystem::path& folder);

}  // namespace urbangis::datagen
