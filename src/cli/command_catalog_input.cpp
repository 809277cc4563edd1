#include "cli/command_catalog_input.h"

#include <iostream>

#include "core/error.h"
#include "io/catalog/catalog_with_files.h"
#include "io/catalog/resources.h"

namespace urbangis::cli {

CommandCatalog::CommandCatalog(const Arguments& arguments, const std::vector<LayerOption>& options,
                               const char* command) {
  if (arguments.positionals().size() > 1)
    throw InputError(std::string(command) + " takes one catalog (or one data file or folder), got " +
                     std::to_string(arguments.positionals().size()));

  // The options' items, each either an id (kept) or a file (replaced by its layers' ids).
  std::vector<FileReference> files;
  struct Item {
    std::string option, text;
    bool file;
  };
  std::vector<Item> items;
  for (const LayerOption& option : options) {
    const auto value = arguments.value(option.name);
    if (!value) continue;
    const std::vector<std::string> parts = option.list ? splitList(*value) : std::vector<std::string>{*value};
    for (const std::string& part : parts) {
      const bool file = namesDataFile(part);
      if (file) files.push_back({part, option.role});
      items.push_back({option.name, part, file});
    }
    values_[option.name];  // given, even if empty
  }

  std::optional<Catalog> base;
  if (!arguments.positionals().empty())
    base = openCatalogOrData(arguments.positionals().front());
  else if (files.empty())
    base = openCatalogOrData(defaultCatalog());
  if (files.empty()) {
    catalog_ = std::move(*base);
    for (const Item& item : items) {
      std::string& value = values_[item.option];
      value += (value.empty() ? "" : ",") + item.text;
    }
    return;
  }

  CatalogWithFiles opened = withDataFiles(std::move(base), files);
  for (const std::string& note : opened.notes) std::cerr << "urbangis: " << note << "\n";
  size_t next = 0;
  for (const Item& item : items) {
    std::string& value = values_[item.option];
    const std::vector<std::string> ids = item.file ? opened.ids[next++] : std::vector<std::string>{item.text};
    const bool list = [&] {
      for (const LayerOption& option : options)
        if (option.name == item.option) return option.list;
      return false;
    }();
    if (!list && ids.size() != 1) {
      std::string names;
      for (const std::string& id : ids) names += (names.empty() ? "" : ", ") + id;
      throw InputError("--" + item.option + " " + item.text + ": the file has " + std::to_string(ids.size()) +
                       " layers (" + names + ") and --" + item.option +
                       " takes one; make a catalog with `urbangis catalog init` and name the layer by its id");
    }
    for (const std::string& id : ids) value += (value.empty() ? "" : ",") + id;
  }
  catalog_ = std::move(opened.catalog);
}

std::optional<std::string> CommandCatalog::layers(const std::string& option) const {
  const auto found = values_.find(option);
  if (found == values_.end()) return std::nullopt;
  return found->second;
}

}  // namespace urbangis::cli
