#include "analysis/figures/annual_figures.h"

#include <ogr_geometry.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/stats/stats_run.h"
#include "analysis/time_window.h"
#include "core/error.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

constexpr size_t kMostBreakdownValues = 8;

// The year and month of a feature's time field, or nullopt when empty or not a usable date
// (then noted in `issues`).
std::optional<std::pair<int, int>> featureMonth(OGRFeature& feature, int field, const TimeRules& rules,
                                                TimeIssues& issues) {
  const ReadTime read = featureTime(feature, field, rules);
  if (read.problem != TimeProblem::none)
    issues.note(read.problem, "feature " + std::to_string(feature.GetFID()), feature.GetFieldAsString(field));
  if (!read.seconds) return std::nullopt;
  return yearMonthOf(*read.seconds);
}

bool isYesNo(const std::string& value) {
  return value == "是" || value == "否" || value == "yes" || value == "no" || value == "Yes" || value == "No";
}
bool isYes(const std::string& value) { return value == "是" || value == "yes" || value == "Yes"; }

int fieldIndexOf(OGRFeatureDefn& definition, const std::string& name) {
  return name.empty() ? -1 : definition.GetFieldIndex(name.c_str());
}

// What one pass over a layer gathers for the fields the catalog does not name.
struct TextField {
  int index = -1;
  std::string name;
  std::map<std::string, int64_t> counts;
  bool tooMany = false;
  bool yesNo = true;
};

LayerFigures readLayer(const LayerSpec& spec, int year, std::map<int, int64_t>& years, const Progress& progress) {
  LayerFigures figures;
  figures.id = spec.id;
  figures.title = spec.title;
  figures.role = spec.role;
  figures.categoryField = spec.categoryField;
  figures.statusField = spec.statusField;
  figures.nameField = spec.nameField;
  figures.timeField = spec.timeField;
  figures.dated = !spec.timeField.empty();

  VectorSource source = openCatalogLayer(spec);
  OGRLayer& layer = *source.layer;
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  const int timeIndex = fieldIndexOf(definition, spec.timeField);
  const int categoryIndex = fieldIndexOf(definition, spec.categoryField);
  const int statusIndex = fieldIndexOf(definition, spec.statusField);
  const int nameIndex = fieldIndexOf(definition, spec.nameField);

  // Fields the catalog names keep their meaning; the others are summed (integers) or counted
  // by value (text).
  std::set<std::string> named{spec.idField,
                              spec.nameField,
                              spec.categoryField,
                              spec.timeField,
                              spec.closeTimeField,
                              spec.statusField,
                              spec.deadlineField,
                              spec.x,
                              spec.y,
                              spec.onewayField,
                              spec.speedField};
  std::vector<std::pair<std::string, int>> summed;  // field, index
  for (const std::string& field : spec.sumFields) {
    const int index = fieldIndexOf(definition, field);
    if (index < 0) throw InputError(spec.where() + ": sum_fields: no field \"" + field + "\"");
    summed.emplace_back(field, index);
    figures.totals.push_back({field, 0, true});
    named.insert(field);
  }
  std::vector<TextField> texts;
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn& field = *definition.GetFieldDefn(i);
    const std::string name = field.GetNameRef();
    if (named.count(name)) continue;
    if ((field.GetType() == OFTInteger || field.GetType() == OFTInteger64) && field.GetSubType() != OFSTBoolean) {
      summed.emplace_back(name, i);
      figures.totals.push_back({name, 0, false});
    } else if (field.GetType() == OFTString) {
      texts.push_back({i, name, {}, false, true});
    }
  }

  const TimeRules timeRules = figures.dated ? timeRulesFor(spec, layer) : declaredTimeRules(spec);
  std::map<std::string, CategoryFigure> categories;
  std::map<std::string, std::set<std::string>> namesByCategory;
  std::set<std::string> names;
  std::map<std::string, int64_t> statuses;
  int64_t seen = 0;
  layer.ResetReading();
  for (auto& feature : layer) {
    if ((++seen & 1023) == 0) progress.checkCancelled();
    if (figures.dated) {
      const auto when = featureMonth(*feature, timeIndex, timeRules, figures.timeIssues);
      if (!when) {
        ++figures.undated;
        continue;
      }
      ++years[when->first];
      if (when->first != year) {
        ++figures.otherYears;
        continue;
      }
      ++figures.monthly[static_cast<size_t>(when->second - 1)];
    }
    ++figures.count;
    const std::string category =
        categoryIndex < 0
            ? std::string()
            : (feature->IsFieldSetAndNotNull(categoryIndex) ? feature->GetFieldAsString(categoryIndex) : "(none)");
    CategoryFigure* inCategory = nullptr;
    if (categoryIndex >= 0) {
      inCategory = &categories[category];
      inCategory->value = category;
      ++inCategory->count;
    }
    if (statusIndex >= 0)
      ++statuses[feature->IsFieldSetAndNotNull(statusIndex) ? feature->GetFieldAsString(statusIndex) : "(none)"];
    if (nameIndex >= 0 && feature->IsFieldSetAndNotNull(nameIndex)) {
      const std::string name = feature->GetFieldAsString(nameIndex);
      if (!name.empty()) {
        names.insert(name);
        if (inCategory) namesByCategory[category].insert(name);
      }
    }
    for (size_t s = 0; s < summed.size(); ++s) {
      const int index = summed[s].second;
      if (!feature->IsFieldSetAndNotNull(index)) continue;
      const double value = feature->GetFieldAsDouble(index);
      if (!std::isfinite(value)) continue;
      figures.totals[s].total += value;
      if (inCategory) inCategory->sums[summed[s].first] += value;
    }
    for (TextField& text : texts) {
      if (!feature->IsFieldSetAndNotNull(text.index)) continue;
      const std::string value = feature->GetFieldAsString(text.index);
      if (value.empty()) continue;
      if (!isYesNo(value)) text.yesNo = false;
      if (text.tooMany && !text.yesNo) continue;
      ++text.counts[value];
      if (text.counts.size() > kMostBreakdownValues && !text.yesNo) {
        text.tooMany = true;
        text.counts.clear();
      }
    }
  }

  for (auto& [value, figure] : categories) {
    figure.distinctNames = static_cast<int64_t>(namesByCategory[value].size());
    figures.categories.push_back(std::move(figure));
  }
  figures.statuses.assign(statuses.begin(), statuses.end());
  figures.distinctNames = static_cast<int64_t>(names.size());
  for (TextField& text : texts) {
    if (text.counts.empty()) continue;
    if (text.yesNo) {
      YesNoFigure flag{text.name, 0, 0};
      for (const auto& [value, count] : text.counts) {
        flag.answered += count;
        if (isYes(value)) flag.yes += count;
      }
      figures.yesNo.push_back(flag);
    } else if (!text.tooMany && text.counts.size() >= 2) {
      figures.breakdowns.push_back({text.name, {text.counts.begin(), text.counts.end()}});
    }
  }
  return figures;
}

std::string yearsText(const std::map<int, int64_t>& years) {
  if (years.empty()) return "no dated features at all";
  std::string text;
  for (const auto& [year, count] : years)
    text += (text.empty() ? "" : ", ") + std::to_string(year) + " (" + std::to_string(count) + ")";
  return "the data holds " + text;
}

}  // namespace

std::pair<int, int> yearMonthOf(int64_t seconds) {
  // Howard Hinnant's civil_from_days.
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t dayOfEra = days - era * 146097;
  const int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const int64_t shifted = (5 * dayOfYear + 2) / 153;
  const int64_t month = shifted < 10 ? shifted + 3 : shifted - 9;
  const int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), static_cast<int>(month)};
}

const CategoryFigure* LayerFigures::category(const std::string& value) const {
  for (const CategoryFigure& figure : categories)
    if (figure.value == value) return &figure;
  return nullptr;
}

std::optional<double> LayerFigures::total(const std::string& field) const {
  for (const FieldTotal& figure : totals)
    if (figure.field == field) return figure.total;
  return std::nullopt;
}

int64_t LayerFigures::status(const std::string& value) const {
  for (const auto& [name, features] : statuses)
    if (name == value) return features;
  return 0;
}

const YesNoFigure* LayerFigures::yesNoOf(const std::string& field) const {
  for (const YesNoFigure& figure : yesNo)
    if (figure.field == field) return &figure;
  return nullptr;
}

const Breakdown* LayerFigures::breakdown(const std::string& field) const {
  for (const Breakdown& figure : breakdowns)
    if (figure.field == field) return &figure;
  return nullptr;
}

const LayerFigures* AnnualFigures::find(const std::string& id) const {
  for (const LayerFigures& figures : layers)
    if (figures.id == id) return &figures;
  return nullptr;
}

const LayerFigures& AnnualFigures::layer(const std::string& id) const {
  if (const LayerFigures* found = find(id)) return *found;
  throw InputError("the report has no figures for layer \"" + id + "\"");
}

AnnualFigures computeAnnualFigures(const Catalog& catalog, const AnnualRequest& request, const Progress& progress) {
  if (request.year < 1900 || request.year > 2999)
    throw InputError("--year " + std::to_string(request.year) + ": expected a year such as 2023");
  AnnualFigures figures;
  figures.year = request.year;
  figures.place = catalog.name;
  figures.inputs.push_back(catalog.file);
  std::map<int, int64_t> years;
  bool anyDated = false;
  int64_t datedInYear = 0;
  for (const LayerSpec& spec : catalog.layers) {
    if (!layerKind(spec.role).tallied) continue;
    progress.report("reading " + spec.id, -1);
    LayerFigures layer = readLayer(spec, request.year, years, progress);
    figures.inputs.push_back(spec.resolvedSource);
    if (layer.dated) {
      anyDated = true;
      datedInYear += layer.count;
      if (layer.timeIssues.count() > 0) figures.warnings.push_back(layer.timeIssues.warning(spec, spec.timeField));
      if (const int64_t empty = layer.undated - layer.timeIssues.count(); empty > 0)
        figures.warnings.push_back(spec.id + ": " + std::to_string(empty) + " features with an empty " +
                                   spec.timeField + " are left out");
    } else if (layerKind(spec.role).cases) {  // an inventory (assets) is counted whole without a word
      figures.warnings.push_back(spec.id + ": no time_field; all " + std::to_string(layer.count) +
                                 " features are counted as of " + std::to_string(request.year));
    }
    figures.layers.push_back(std::move(layer));
  }
  if (figures.layers.empty())
    throw InputError(catalog.file.string() + ": the catalog has no points, areas or lines layer to report on");
  if (anyDated && datedInYear == 0)
    throw InputError("--year " + std::to_string(request.year) + ": no feature of any dated layer falls in " +
                     std::to_string(request.year) + "; " + yearsText(years));

  if (request.tables) {
    const std::string year = std::to_string(request.year);
    for (const LayerSpec& spec : catalog.layers) {
      if (spec.role != LayerRole::zones) continue;
      const GIntBig zoneCount = openCatalogLayer(spec).layer->GetFeatureCount();
      if (zoneCount > static_cast<GIntBig>(request.maxTableZones)) {
        figures.warnings.push_back(spec.id + ": " + std::to_string(zoneCount) +
                                   " zones are too many for a printed table (over " +
                                   std::to_string(request.maxTableZones) +
                                   "); left out of the report's tables and maps "
                                   "(urbangis stats --by " +
                                   spec.id + " gives them)");
        continue;
      }
      StatsRun stats;
      stats.request.zonesLayer = spec.id;
      stats.request.window = TimeWindow::parse(year + "-01-01", year + "-12-31");
      stats.request.threads = request.threads;
      ZoneTable table{spec.id, spec.title, runStats(catalog, stats, progress)};
      // Each zone table reads the same layers: a warning about a layer is said once.
      for (const std::string& warning : table.stats.warnings)
        if (std::find(figures.warnings.begin(), figures.warnings.end(), warning) == figures.warnings.end())
          figures.warnings.push_back(warning);
      figures.inputs.insert(figures.inputs.end(), table.stats.inputs.begin(), table.stats.inputs.end());
      figures.tables.push_back(std::move(table));
    }
  }
  std::sort(figures.inputs.begin(), figures.inputs.end());
  figures.inputs.erase(std::unique(figures.inputs.begin(), figures.inputs.end()), figures.inputs.end());
  return figures;
}

PointSet pointsOfYear(const LayerSpec& spec, const CrsSpec& working, int year) {
  if (spec.role != LayerRole::points)
    throw InputError(spec.where() + ": is a " + std::string(roleName(spec.role)) +
                     " layer; a hot-spot map needs points");
  VectorSource source = openCatalogLayer(spec);
  OGRLayer& layer = *source.layer;
  const int timeIndex = fieldIndexOf(*layer.GetLayerDefn(), spec.timeField);
  const TimeRules timeRules = spec.timeField.empty() ? declaredTimeRules(spec) : timeRulesFor(spec, layer);
  TimeIssues timeIssues;  // already reported by the layer's figures
  ProjContext proj;
  const Crs from(proj, layerCrsSpec(spec, layer)), to(proj, working);
  const Transform transform(proj, from, to);
  PointSet points;
  layer.ResetReading();
  for (auto& feature : layer) {
    if (!spec.timeField.empty()) {
      const auto when = featureMonth(*feature, timeIndex, timeRules, timeIssues);
      if (!when || when->first != year) continue;
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry || geometry->IsEmpty()) {
      ++points.withoutPoint;
      continue;
    }
    OGRPoint point;
    if (wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
      point = *geometry->toPoint();
    } else if (geometry->Centroid(&point) != OGRERR_NONE) {
      ++points.withoutPoint;
      continue;
    }
    points.x.push_back(point.getX());
    points.y.push_back(point.getY());
    points.weight.push_back(1.0);
  }
  if (!sameCrs(from, to) && transform.applyLenient(points.x.data(), points.y.data(), points.x.size()) > 0) {
    size_t kept = 0;
    for (size_t k = 0; k < points.x.size(); ++k) {
      if (!std::isfinite(points.x[k]) || !std::isfinite(points.y[k])) {
        ++points.withoutPoint;
        continue;
      }
      points.x[kept] = points.x[k];
      points.y[kept] = points.y[k];
      points.weight[kept++] = 1.0;
    }
    points.x.resize(kept), points.y.resize(kept), points.weight.resize(kept);
  }
  if (points.withoutPoint > 0)
    points.warnings.push_back(spec.id + ": skipped " + std::to_string(points.withoutPoint) +
                              " features without a usable point");
  return points;
}

}  // namespace urbangis
