#include "core/catalog.h"

#include "core/error.h"
#include "core/redact.h"

namespace urbangis {

std::vector<std::pair<std::string, std::string>> LayerSpec::declaredFields() const {
  std::vector<std::pair<std::string, std::string>> fields;
  const std::pair<const char*, const std::string*> single[] = {
      {"id_field", &idField},
      {"name_field", &nameField},
      {"category_field", &categoryField},
      {"time_field", &timeField},
      {"close_time_field", &closeTimeField},
      {"status_field", &statusField},
      {"deadline_field", &deadlineField},
      {"oneway_field", &onewayField},
      {"speed_field", &speedField},
  };
  for (const auto& [key, value] : single)
    if (!value->empty()) fields.emplace_back(key, *value);
  for (const auto& field : sumFields) fields.emplace_back("sum_fields", field);
  for (const auto& field : flagFields) fields.emplace_back("flag_fields", field);
  return fields;
}

std::string LayerSpec::where() const { return "layer \"" + id + "\" (" + redactSecrets(source) + ")"; }

const LayerSpec* Catalog::find(std::string_view id) const {
  for (const auto& layer : layers)
    if (layer.id == id) return &layer;
  return nullptr;
}

const LayerSpec& Catalog::layer(std::string_view id) const {
  if (const LayerSpec* found = find(id)) return *found;
  std::string known;
  for (const auto& layer : layers) known += (known.empty() ? "" : ", ") + layer.id;
  throw InputError(file.string() + ": no layer with id \"" + std::string(id) + "\"; the catalog has: " + known);
}

}  // namespace urbangis
