#pragma once
// The catalog a command works on and the layers its options name. The one positional is a
// catalog, or a data file or folder in its place (the embedded Daye catalog when there is none);
// a layer option names a layer by its id or by a data file (anything with a '/' or a '.'),
// whose layers are then inferred and added (io/catalog/catalog_with_files.h, docs/cli.md).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "core/catalog.h"

namespace urbangis::cli {

struct LayerOption {
  std::string name;                    // the option, without "--"
  std::optional<LayerRole> role = {};  // the role it needs (stats --by: zones)
  bool list = false;                   // takes several layers, comma-separated (--layers)
};

class CommandCatalog {
 public:
  // Throws InputError for more than one positional, a missing file, or a file with several
  // layers where the option takes one.
  CommandCatalog(const Arguments& arguments, const std::vector<LayerOption>& options, const char* command);

  const Catalog& catalog() const { return catalog_; }
  // The option's value with each data file replaced by its layers' ids; nullopt when not given.
  std::optional<std::string> layers(const std::string& option) const;

 private:
  Catalog catalog_;
  std::map<std::string, std::string> values_;
};

}  // namespace urbangis::cli
