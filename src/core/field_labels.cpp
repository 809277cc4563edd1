#include "core/field_labels.h"

#include <array>
#include <map>

namespace urbangis {
namespace {

// What each known field means; anything else is shown by its name.
const std::map<std::string, std::array<const char*, 4>>& knownFields() {
  static const std::map<std::string, std::array<const char*, 4>> fields{
      // field: zh label, en label, zh unit, en unit
      {"fine", {"罚款", "fines", "元", "yuan"}},
      {"area_m2", {"面积", "area", "m²", "m²"}},
      {"bundled_m", {"规整线缆", "cable bundled", "m", "m"}},
      {"replaced_fibre_m", {"更换光缆", "optical cable replaced", "m", "m"}},
      {"strand_removed_m", {"拆除钢绞线", "steel strand removed", "m", "m"}},
      {"dead_cable_m", {"清理废弃线缆", "dead cable removed", "m", "m"}},
      {"signs", {"限高牌", "height-limit signs", "块", ""}},
      {"stop_notice", {"停工通知书", "stop-work notices", "份", ""}},
      {"referral", {"移交函", "referral letters", "份", ""}},
      {"origin", {"来源", "origin", "", ""}},
      {"handled", {"办理", "handled", "", ""}},
      {"answered", {"回复", "answered", "", ""}},
      {"satisfied", {"满意", "satisfied", "", ""}},
  };
  return fields;
}

}  // namespace

FieldLabel fieldLabel(const std::string& field, const std::string& language) {
  const bool zh = language == "zh";
  const auto& known = knownFields();
  if (auto found = known.find(field); found != known.end())
    return {zh ? found->second[0] : found->second[1], zh ? found->second[2] : found->second[3]};
  auto endsWith = [&](const std::string& suffix) {
    return field.size() > suffix.size() && field.compare(field.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (endsWith("_m2")) return {field, "m²"};
  if (endsWith("_m")) return {field, "m"};
  return {field, ""};
}

}  // namespace urbangis
