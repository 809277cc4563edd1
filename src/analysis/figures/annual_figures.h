#pragma once
// The annual report's model, without Qt: for one calendar year, each points, areas and lines
// layer's headline figures (features of the year, by category and status, the totals of its
// numeric fields, yes/no rates, small breakdowns, distinct names), its monthly series, and the
// per-zone tables of `stats` for every zones layer. Everything is read from the catalog's layers
// with OGR and computeStats; nothing is assumed about a particular city. docs/report.md.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/hotspots/point_set.h"
#include "analysis/stats/stats.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "io/sources/layer_times.h"

namespace urbangis {

// A field summed over the layer's features of the year (a catalog `sum_fields` entry, or any
// other integer field the layer has).
struct FieldTotal {
  std::string field;
  double total = 0;
  bool declared = false;  // named in the catalog's sum_fields
};

// One value of the layer's category field.
struct CategoryFigure {
  std::string value;  // "(none)" for features without one
  int64_t count = 0;
  std::map<std::string, double> sums;  // per summed field
  int64_t distinctNames = 0;           // distinct values of name_field among them
};

// A text field whose values are all 是/否 (yes/no): how many say yes.
struct YesNoFigure {
  std::string field;
  int64_t yes = 0, answered = 0;  // answered: features with a value
};

// A text field with few distinct values (not the category, status, id or name): counts by value.
struct Breakdown {
  std::string field;
  std::vector<std::pair<std::string, int64_t>> counts;  // values in byte order
};

struct LayerFigures {
  std::string id;
  LocalizedText title;
  LayerRole role = LayerRole::points;
  std::string categoryField, statusField, nameField, timeField;
  bool dated = false;                      // the layer has a time field: only the year's features count
  int64_t count = 0;                       // features counted (of the year when dated)
  int64_t undated = 0;                     // dated layer: features whose time cannot be read (left out)
  TimeIssues timeIssues;                   // of those, the values that are not usable dates (the rest are empty)
  int64_t otherYears = 0;                  // dated layer: features of other years (left out)
  std::vector<CategoryFigure> categories;  // byte order of the value
  std::vector<std::pair<std::string, int64_t>> statuses;  // byte order
  std::vector<FieldTotal> totals;                         // sum_fields first, then other integer fields
  std::vector<YesNoFigure> yesNo;
  std::vector<Breakdown> breakdowns;
  int64_t distinctNames = 0;          // distinct name_field values (0 without a name field)
  std::array<int64_t, 12> monthly{};  // dated layer: features per month of the year

  const CategoryFigure* category(const std::string& value) const;
  // The total of `field`; nullopt when the layer sums no such field.
  std::optional<double> total(const std::string& field) const;
  int64_t status(const std::string& value) const;
  const YesNoFigure* yesNoOf(const std::string& field) const;
  const Breakdown* breakdown(const std::string& field) const;
};

// A per-zone table: `stats --by ZONES` restricted to the year.
struct ZoneTable {
  std::string zonesLayer;
  LocalizedText title;
  StatsResult stats;
};

struct AnnualFigures {
  int year = 0;
  LocalizedText place;               // the catalog's name
  std::vector<LayerFigures> layers;  // catalog order
  std::vector<ZoneTable> tables;     // one per zones layer, catalog order
  std::vector<std::string> warnings;
  std::vector<std::filesystem::path> inputs;  // every file read

  const LayerFigures& layer(const std::string& id) const;  // InputError when absent
  const LayerFigures* find(const std::string& id) const;
};

struct AnnualRequest {
  int year = 0;
  bool tables = true;           // also compute the per-zone tables (computeStats)
  size_t maxTableZones = 1000;  // zones layers with more zones (unit grids) get no table
  unsigned threads = 0;         // for computeStats
};

// Reads every points, areas and lines layer of `catalog`. Throws InputError when no dated layer
// has a feature in the year (naming the years the data holds), or for a layer that cannot be
// read.
AnnualFigures computeAnnualFigures(const Catalog& catalog, const AnnualRequest& request, const Progress& progress);

// The points of a points layer dated in `year` (all of them when the layer has no time field),
// in the working CRS: what a year's hot-spot map is computed from.
PointSet pointsOfYear(const LayerSpec& spec, const CrsSpec& working, int year);

// The calendar year and month (1–12) of wall-clock seconds (io/values/timestamps.h).
std::pair<int, int> yearMonthOf(int64_t seconds);

}  // namespace urbangis
