#pragma once
// A layer-category → national-class mapping file (layers/national_classes.json): each layer's
// local categories mapped to the national event classes of digital urban management (市容环境,
// 宣传广告, 施工管理, 街面秩序, 突发事件, 其他事件) and, for fixed objects, to the component
// classes (公用设施, 道路交通设施, 市容环境设施, 园林绿化设施, 房屋土地, 其他设施). The file is the bureau's own
// to edit; its format is in docs/classes.md.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace urbangis {

struct NationalClass {
  std::string name;  // as the standard writes it, e.g. 街面秩序
  std::string en;
  std::string code;  // the standard's code when the file gives one; empty otherwise
};

// How one layer's categories map; `forAll` applies when a category is not listed (and to layers
// without a category field).
struct CategoryMapping {
  std::map<std::string, std::string> byCategory;
  std::optional<std::string> forAll;
};

struct LayerClassMapping {
  std::optional<CategoryMapping> event, component;
};

struct ClassMap {
  std::filesystem::path file;
  std::string standard;  // the edition the classes follow
  std::vector<NationalClass> eventClasses, componentClasses;
  std::string otherEvent, otherComponent;           // where unmapped categories go (the last class of each list)
  std::map<std::string, LayerClassMapping> layers;  // by catalog layer id

  // The event (or component) class of `category` in `layer`: its mapping, else the layer's
  // `forAll`, else the "other" class; nullopt when the layer has no such mapping at all.
  std::optional<std::string> eventClassOf(const std::string& layer, const std::string& category) const;
  std::optional<std::string> componentClassOf(const std::string& layer, const std::string& category) const;
  // Whether `category` of `layer` falls to "other" for lack of an event mapping (or, for a layer
  // mapped to components only, of a component mapping).
  bool unmapped(const std::string& layer, const std::string& category) const;
  // The standard's code of an event or component class ("" when the file gives none).
  std::string codeOf(const std::string& className) const;
  bool hasCodes() const;
};

// Where `--classes CHOICE` points: "national" is the mapping file beside the catalog
// (national_classes.json), anything else a mapping file's path.
std::filesystem::path classMapFile(const std::string& choice, const std::filesystem::path& catalogFile);

// Reads and checks a mapping file: every class named must be one of the file's classes; throws
// InputError naming the file and key otherwise.
ClassMap loadClassMap(const std::filesystem::path& file);

}  // namespace urbangis
