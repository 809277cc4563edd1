#pragma once
// The layer catalog (project file): which layers a city has, where they live and what their
// fields mean. Plain data, the domain model every part shares; io/catalog/catalog_loader.h builds it from
// JSON and refuses anything it does not understand. The format is documented in docs/catalog.md
// and docs/catalog.schema.json.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crs.h"
#include "core/layer_kind.h"
#include "core/localized_text.h"

namespace urbangis {

// The zone of a catalog without "time_zone": naive times are in it, offsets are converted to it.
inline constexpr std::string_view kDefaultTimeZone = "Asia/Shanghai";

struct LayerSpec {
  std::string id;  // short ASCII name, used in output columns
  LocalizedText title;
  LayerRole role = LayerRole::points;
  std::string source;          // as written in the catalog
  std::string resolvedSource;  // absolute path, or a PG:/ /vsi… string as written
  std::string layerName;       // empty: the source's only layer
  std::optional<CrsSpec> crs;  // overrides the source's own CRS
  std::string x, y;            // CSV coordinate columns
  std::string encoding;
  std::string idField, nameField, categoryField, timeField, closeTimeField, statusField, deadlineField, onewayField,
      speedField;
  std::string timeFormat;  // time_format: "MM/DD/YYYY", "DD/MM/YYYY", "excel_days" or empty (io/values/timestamps.h)
  std::string timeZone{kDefaultTimeZone};  // the catalog's time_zone, copied to each layer
  std::vector<std::string> sumFields;
  std::vector<std::string> flagFields;  // yes/no fields reported as shares (是/否, yes/no, 1/0 …)
  // Hours a case may stay open, by category_field value; "*" for every other category.
  std::map<std::string, double> deadlineHours;
  std::vector<std::string> closedValues;  // status_field values meaning closed, without a close time
  double bufferM = 15.0;                  // lines: coverage buffer
  std::string covers;                     // lines: id of the network layer they cover
  double snapM = 1.0;                     // network: endpoint snapping tolerance
  std::optional<int> maxZoom;             // raster tile URLs: the deepest zoom level the server has
  double opacity = 1.0;                   // raster: how opaque it draws (a basemap under the data: 0.6 …)
  std::string style;                      // as written
  std::string colour;                     // "#RRGGBB": its colour while it has no style (catalog init gives one)
  std::string resolvedStyle;

  bool isVector() const { return geometryOf(role) != GeometryFamily::raster; }
  // The attribute fields this layer's catalog entry names, each with the key that names it.
  std::vector<std::pair<std::string, std::string>> declaredFields() const;
  // For messages: `layer "complaints" (data/complaints.csv)`.
  std::string where() const;
};

struct Catalog {
  std::filesystem::path file;
  LocalizedText name;
  std::string adminCode;
  std::optional<CrsSpec> crs;              // working CRS for topology; chosen from the data when absent
  std::string timeZone{kDefaultTimeZone};  // IANA name: offsets are converted to it, naive times are in it
  std::vector<LayerSpec> layers;

  const LayerSpec* find(std::string_view id) const;
  // Throws InputError naming the catalog and the ids it has.
  const LayerSpec& layer(std::string_view id) const;
};

}  // namespace urbangis
