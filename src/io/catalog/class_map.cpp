#include "io/catalog/class_map.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace urbangis {
namespace {

using nlohmann::json;

std::optional<std::string> classOf(const std::optional<CategoryMapping>& mapping, const std::string& category,
                                   const std::string& other) {
  if (!mapping) return std::nullopt;
  if (auto found = mapping->byCategory.find(category); found != mapping->byCategory.end()) return found->second;
  return mapping->forAll ? *mapping->forAll : other;
}

class MapReader {
 public:
  explicit MapReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    throw InputError(file_.string() + ": " + key + ": " + problem);
  }

  const json& member(const json& object, const std::string& key, const std::string& path, json::value_t type) const {
    const auto found = object.find(key);
    if (found == object.end()) fail(path + key, "missing required key");
    if (found->type() != type)
      fail(path + key, std::string("expected ") + (type == json::value_t::array    ? "an array"
                                                   : type == json::value_t::object ? "an object"
                                                                                   : "a string"));
    return *found;
  }

  std::vector<NationalClass> classes(const json& root, const std::string& key) const {
    std::vector<NationalClass> result;
    const json& list = member(root, key, "", json::value_t::array);
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = key + "[" + std::to_string(i) + "].";
      if (!list[i].is_object()) fail(key + "[" + std::to_string(i) + "]", "expected an object");
      NationalClass c;
      c.name = member(list[i], "name", path, json::value_t::string).get<std::string>();
      c.en = member(list[i], "en", path, json::value_t::string).get<std::string>();
      if (const auto code = list[i].find("code"); code != list[i].end()) {
        if (!code->is_string()) fail(path + "code", "expected a string");
        c.code = code->get<std::string>();
      }
      if (c.name.empty()) fail(path + "name", "must not be empty");
      result.push_back(std::move(c));
    }
    if (result.empty()) fail(key, "must list at least one class (the last one takes what is not mapped)");
    return result;
  }

  std::optional<CategoryMapping> mapping(const json& layer, const std::string& key, const std::string& path,
                                         const std::vector<NationalClass>& known) const {
    const auto found = layer.find(key);
    if (found == layer.end()) return std::nullopt;
    if (!found->is_object()) fail(path + key, "expected an object of category → class");
    const auto check = [&](const std::string& name, const std::string& where) {
      for (const NationalClass& c : known)
        if (c.name == name) return name;
      std::string names;
      for (const NationalClass& c : known) names += (names.empty() ? "" : ", ") + c.name;
      fail(where, "\"" + name + "\" is not one of the classes: " + names);
    };
    CategoryMapping result;
    for (auto it = found->begin(); it != found->end(); ++it) {
      if (!it->is_string()) fail(path + key + "." + it.key(), "expected a class name");
      const std::string target = check(it->get<std::string>(), path + key + "." + it.key());
      if (it.key() == "*")
        result.forAll = target;
      else
        result.byCategory[it.key()] = target;
    }
    return result;
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

std::optional<std::string> ClassMap::eventClassOf(const std::string& layer, const std::string& category) const {
  const auto found = layers.find(layer);
  return found == layers.end() ? std::nullopt : classOf(found->second.event, category, otherEvent);
}

std::optional<std::string> ClassMap::componentClassOf(const std::string& layer, const std::string& category) const {
  const auto found = layers.find(layer);
  return found == layers.end() ? std::nullopt : classOf(found->second.component, category, otherComponent);
}

bool ClassMap::unmapped(const std::string& layer, const std::string& category) const {
  const auto found = layers.find(layer);
  if (found == layers.end()) return false;
  // The event mapping is the one every category needs; component classes only concern fixed
  // objects, so a category without one is only "unmapped" for a component-only layer.
  const auto& mapping = found->second.event ? found->second.event : found->second.component;
  return mapping && !mapping->forAll && !mapping->byCategory.count(category);
}

std::string ClassMap::codeOf(const std::string& className) const {
  for (const auto* list : {&eventClasses, &componentClasses})
    for (const NationalClass& c : *list)
      if (c.name == className) return c.code;
  return {};
}

bool ClassMap::hasCodes() const {
  for (const auto* list : {&eventClasses, &componentClasses})
    for (const NationalClass& c : *list)
      if (!c.code.empty()) return true;
  return false;
}

std::filesystem::path classMapFile(const std::string& choice, const std::filesystem::path& catalogFile) {
  return choice == "national" ? catalogFile.parent_path() / "national_classes.json" : std::filesystem::path(choice);
}

ClassMap loadClassMap(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(file.string() + ": cannot be read (a class mapping file, e.g. layers/national_classes.json)");
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& error) {
    throw InputError(file.string() + ": not valid JSON: " + error.what());
  }
  const MapReader reader(file);
  if (!root.is_object()) reader.fail("(top)", "expected an object");
  ClassMap map;
  map.file = file;
  map.standard = reader.member(root, "standard", "", json::value_t::string).get<std::string>();
  map.eventClasses = reader.classes(root, "event_classes");
  map.componentClasses = reader.classes(root, "component_classes");
  map.otherEvent = map.eventClasses.back().name;
  map.otherComponent = map.componentClasses.back().name;
  const json& layers = reader.member(root, "layers", "", json::value_t::object);
  for (auto it = layers.begin(); it != layers.end(); ++it) {
    if (!it->is_object()) reader.fail("layers." + it.key(), "expected an object with \"event\" and/or \"component\"");
    const std::string path = "layers." + it.key() + ".";
    for (auto key = it->begin(); key != it->end(); ++key)
      if (key.key() != "event" && key.key() != "component")
        reader.fail(path + key.key(), "unknown key; expected \"event\" or \"component\"");
    LayerClassMapping layer;
    layer.event = reader.mapping(*it, "event", path, map.eventClasses);
    layer.component = reader.mapping(*it, "component", path, map.componentClasses);
    map.layers[it.key()] = std::move(layer);
  }
  return map;
}

}  // namespace urbangis
