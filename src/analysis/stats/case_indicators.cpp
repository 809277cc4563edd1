#include "analysis/stats/case_indicators.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>

#include "analysis/zones/zone_locator.h"
#include "analysis/zones/zones.h"
#include "core/error.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

// Yes and no as bureaus' tables write them; anything else (blank, 部分 …) is neither.
std::optional<bool> flagOf(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* yes : {"是", "yes", "y", "true", "t", "1"})
    if (text == yes) return true;
  for (const char* no : {"否", "no", "n", "false", "f", "0"})
    if (text == no) return false;
  return std::nullopt;
}

int fieldIndex(OGRFeatureDefn& definition, const LayerSpec& spec, const std::string& field, const char* key) {
  if (field.empty()) return -1;
  const int index = definition.GetFieldIndex(field.c_str());
  if (index < 0) throw InputError(spec.where() + ": " + key + " \"" + field + "\" is not a field of the layer");
  return index;
}

// One case as the indicators see it.
struct Case {
  int64_t openMonth = 0;
  bool closed = false;
  std::optional<double> hours;  // open to close, when both are known and in order
  std::optional<bool> onTime;   // when a deadline applies and the case could be judged
  std::vector<std::optional<bool>> flags;
};

struct Tally {
  int64_t opened = 0, closed = 0, judged = 0, onTime = 0;
  std::vector<double> hours;
  std::vector<int64_t> yes, answered;  // per flag field

  explicit Tally(size_t flagCount = 0) : yes(flagCount, 0), answered(flagCount, 0) {}
  void add(const Case& c) {
    ++opened;
    closed += c.closed;
    if (c.hours) hours.push_back(*c.hours);
    if (c.onTime) ++judged, onTime += *c.onTime;
    for (size_t f = 0; f < c.flags.size(); ++f)
      if (c.flags[f]) ++answered[f], yes[f] += *c.flags[f];
  }
};

CellValue percent(int64_t part, int64_t whole) {
  return whole > 0 ? CellValue{100.0 * static_cast<double>(part) / static_cast<double>(whole)} : CellValue{};
}

CellValue median(std::vector<double> values) {
  if (values.empty()) return {};
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2) return upper;
  return (upper + *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle))) / 2;
}

bool tellsClosure(const LayerSpec& spec) {
  return !spec.closeTimeField.empty() || (!spec.statusField.empty() && !spec.closedValues.empty());
}

// The cases of one layer, each with the zones (slots; the last is "(none)") it falls in.
struct LayerCases {
  std::vector<Case> cases;
  std::vector<std::vector<uint32_t>> slots;
  bool hasDeadline = false;
};

LayerCases readCases(const LayerSpec& spec, const ZoneLocator& locator, const CrsSpec& working,
                     const TimeWindow& window, std::vector<std::string>& warnings, const Progress& progress) {
  VectorSource source = openCatalogLayer(spec);
  OGRLayer& layer = *source.layer;
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  const int openIndex = fieldIndex(definition, spec, spec.timeField, "time_field");
  const int closeIndex = fieldIndex(definition, spec, spec.closeTimeField, "close_time_field");
  const int statusIndex = fieldIndex(definition, spec, spec.statusField, "status_field");
  const int categoryIndex = fieldIndex(definition, spec, spec.categoryField, "category_field");
  const int deadlineIndex = fieldIndex(definition, spec, spec.deadlineField, "deadline_field");
  std::vector<int> flagIndices;
  for (const std::string& field : spec.flagFields)
    flagIndices.push_back(fieldIndex(definition, spec, field, "flag_fields"));

  ProjContext proj;
  const Crs from(proj, layerCrsSpec(spec, layer)), to(proj, working);
  const Transform transform(proj, from, to);
  LocatorScratch scratch(locator.zoneCount());
  const auto none = static_cast<uint32_t>(locator.zoneCount());

  const TimeRules rules = timeRulesFor(spec, layer);
  const auto timeOf = [&](OGRFeature& feature, int field, TimeIssues& issues) -> std::optional<int64_t> {
    const ReadTime read = featureTime(feature, field, rules);
    if (read.problem != TimeProblem::none)
      issues.note(read.problem, "feature " + std::to_string(feature.GetFID()), feature.GetFieldAsString(field));
    return read.seconds;
  };
  TimeIssues openIssues, closeIssues, deadlineIssues;

  LayerCases result;
  result.hasDeadline = deadlineIndex >= 0 || !spec.deadlineHours.empty();
  int64_t undated = 0, withoutPoint = 0, closeBeforeOpen = 0, seen = 0;
  std::string firstBackwards;
  layer.ResetReading();
  for (auto& feature : layer) {
    if ((++seen & 1023) == 0) progress.checkCancelled();
    const auto opened = timeOf(*feature, openIndex, openIssues);
    if (!opened) {
      ++undated;
      continue;
    }
    if (!window.holds(opened)) continue;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    OGRPoint point;
    if (!geometry || geometry->IsEmpty()) {
      ++withoutPoint;
      continue;
    }
    if (wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
      point = *geometry->toPoint();
    } else {
      // An area or line case sits at a point inside it (GEOS point on surface), as stats' sums do.
      const std::unique_ptr<OGRGeometry, decltype(&OGRGeometryFactory::destroyGeometry)> inside(
          OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)))),
          &OGRGeometryFactory::destroyGeometry);
      if (!inside || wkbFlatten(inside->getGeometryType()) != wkbPoint || inside->IsEmpty()) {
        ++withoutPoint;
        continue;
      }
      point = *inside->toPoint();
    }
    double x = point.getX(), y = point.getY();
    if (transform.applyLenient(&x, &y, 1) > 0 || !std::isfinite(x) || !std::isfinite(y)) {
      ++withoutPoint;
      continue;
    }

    Case c;
    c.openMonth = monthKeyOf(*opened);
    const auto closedAt = closeIndex >= 0 ? timeOf(*feature, closeIndex, closeIssues) : std::nullopt;
    c.closed = closedAt.has_value();
    if (!c.closed && statusIndex >= 0 && feature->IsFieldSetAndNotNull(statusIndex)) {
      const std::string status = feature->GetFieldAsString(statusIndex);
      c.closed = std::find(spec.closedValues.begin(), spec.closedValues.end(), status) != spec.closedValues.end();
    }
    std::optional<int64_t> deadline;
    if (const auto due = deadlineIndex >= 0 ? timeOf(*feature, deadlineIndex, deadlineIssues) : std::nullopt) {
      deadline = *due;
    } else if (!spec.deadlineHours.empty()) {
      const std::string category = categoryIndex >= 0 && feature->IsFieldSetAndNotNull(categoryIndex)
                                       ? feature->GetFieldAsString(categoryIndex)
                                       : std::string();
      auto hours = spec.deadlineHours.find(category);
      if (hours == spec.deadlineHours.end()) hours = spec.deadlineHours.find("*");
      if (hours != spec.deadlineHours.end()) deadline = *opened + std::llround(hours->second * 3600);
    }
    if (closedAt && *closedAt < *opened) {
      // Reported and left out of durations and of the on-time rate: which of the two is wrong
      // cannot be told.
      if (closeBeforeOpen++ == 0) firstBackwards = "feature " + std::to_string(feature->GetFID());
    } else {
      // Hours between instants: a daylight-saving change in between counts as it passed.
      if (closedAt)
        c.hours = static_cast<double>(rules.zone.utcFromLocal(*closedAt) - rules.zone.utcFromLocal(*opened)) / 3600.0;
      if (deadline) c.onTime = closedAt && *closedAt <= *deadline;
    }
    for (int index : flagIndices)
      c.flags.push_back(feature->IsFieldSetAndNotNull(index) ? flagOf(feature->GetFieldAsString(index)) : std::nullopt);

    std::vector<uint32_t> holders;
    locator.locate(x, y, scratch, holders);
    if (holders.empty()) holders.push_back(none);
    result.cases.push_back(std::move(c));
    result.slots.push_back(std::move(holders));
  }
  if (openIssues.count() > 0) warnings.push_back(openIssues.warning(spec, spec.timeField));
  if (const int64_t empty = undated - openIssues.count(); empty > 0)
    warnings.push_back(spec.id + ": " + std::to_string(empty) + " features with an empty " + spec.timeField +
                       " were left out");
  if (closeIssues.count() > 0)
    warnings.push_back(closeIssues.warning(spec, spec.closeTimeField) + " (those cases count as not closed by time)");
  if (deadlineIssues.count() > 0)
    warnings.push_back(deadlineIssues.warning(spec, spec.deadlineField) + " (deadline_hours applies, if given)");
  if (withoutPoint > 0)
    warnings.push_back(spec.id + ": " + std::to_string(withoutPoint) +
                       " features without a usable location were left out");
  if (closeBeforeOpen > 0)
    warnings.push_back(spec.id + ": " + std::to_string(closeBeforeOpen) + " cases close before they open (first: " +
                       firstBackwards + "); counted as closed, left out of hours to close and the on-time rate");
  return result;
}

}  // namespace

CaseIndicatorResult computeCaseIndicators(const Catalog& catalog, const CaseIndicatorRequest& request,
                                          const Progress& progress) {
  const LayerSpec& zonesSpec = catalog.layer(request.zonesLayer);
  if (zonesSpec.role != LayerRole::zones)
    throw InputError(zonesSpec.where() + " is not a zones layer: --by needs one (role \"zones\")");
  std::vector<const LayerSpec*> layers;
  if (request.layers.empty()) {
    for (const LayerSpec& layer : catalog.layers)
      if (layerKind(layer.role).cases && !layer.timeField.empty() && tellsClosure(layer)) layers.push_back(&layer);
    if (layers.empty())
      throw InputError(catalog.file.string() +
                       ": no layer has a time_field with a close_time_field (or a "
                       "status_field with closed_values): nothing to measure cases by");
  } else {
    for (const std::string& id : request.layers) {
      const LayerSpec& layer = catalog.layer(id);
      if (layer.timeField.empty() || !tellsClosure(layer))
        throw InputError(layer.where() +
                         ": case indicators need a time_field and a close_time_field (or a "
                         "status_field with closed_values) in the catalog");
      layers.push_back(&layer);
    }
  }

  CaseIndicatorResult result;
  bool chosen = false;
  const CrsSpec working = workingCrsFor(catalog, zonesSpec, chosen);
  GeosContext geos;
  ProjContext proj;
  const MeasureFrame frame(proj, working);
  result.workingCrs = frame.working().describe();
  if (chosen) result.warnings.push_back("no working CRS in " + catalog.file.string() + ": using " + result.workingCrs);
  progress.report("reading zones", -1);
  const ZoneSet zones = loadZones(zonesSpec, geos, proj, frame);
  std::vector<const GEOSGeometry*> geometries;
  for (const Zone& zone : zones.zones) geometries.push_back(zone.geometry.get());
  const ZoneLocator locator(geometries, zones.rank);
  result.inputs.push_back(zonesSpec.resolvedSource);
  const size_t slots = zones.zones.size() + 1;

  std::vector<LayerCases> read;
  int64_t firstMonth = INT32_MAX, lastMonth = INT32_MIN;
  for (const LayerSpec* layer : layers) {
    progress.report("reading " + layer->id, -1);
    read.push_back(readCases(*layer, locator, working, request.window, result.warnings, progress));
    result.inputs.push_back(layer->resolvedSource);
    for (const Case& c : read.back().cases)
      firstMonth = std::min(firstMonth, c.openMonth), lastMonth = std::max(lastMonth, c.openMonth);
  }
  const int64_t months = request.monthly && firstMonth <= lastMonth ? lastMonth - firstMonth + 1 : 1;
  const auto rowOf = [&](size_t slot, int64_t month) {
    return slot * static_cast<size_t>(months) + (request.monthly ? static_cast<size_t>(month - firstMonth) : 0);
  };

  OutputTable& table = result.table;
  table.name = request.monthly ? "case_indicators_monthly" : "case_indicators";
  table.columns = {{"zone_id", ColumnType::text}, {"zone_name", ColumnType::text}};
  if (request.monthly) table.columns.push_back({"month", ColumnType::text});
  table.rows.resize(slots * static_cast<size_t>(months));
  for (size_t slot = 0; slot < slots; ++slot)
    for (int64_t m = 0; m < months; ++m) {
      auto& row = table.rows[rowOf(slot, firstMonth + m)];
      row.push_back(slot < zones.zones.size() ? CellValue{zones.zones[slot].id} : CellValue{std::string("(none)")});
      row.push_back(slot < zones.zones.size() ? CellValue{zones.zones[slot].name} : CellValue{std::string()});
      if (request.monthly)  // no dated case at all: one row per zone, without a month
        row.push_back(firstMonth <= lastMonth ? CellValue{monthKeyText(static_cast<int32_t>(firstMonth + m))}
                                              : CellValue{});
    }

  for (size_t l = 0; l < layers.size(); ++l) {
    const LayerSpec& spec = *layers[l];
    const LayerCases& cases = read[l];
    std::vector<Tally> tallies(table.rows.size(), Tally(spec.flagFields.size()));
    for (size_t i = 0; i < cases.cases.size(); ++i)
      for (uint32_t slot : cases.slots[i]) tallies[rowOf(slot, cases.cases[i].openMonth)].add(cases.cases[i]);
    const std::string& L = spec.id;
    table.columns.push_back({L + "_opened", ColumnType::integer});
    table.columns.push_back({L + "_closed", ColumnType::integer});
    table.columns.push_back({L + "_closure_pct", ColumnType::real});
    if (cases.hasDeadline) table.columns.push_back({L + "_on_time_pct", ColumnType::real});
    if (!spec.closeTimeField.empty()) table.columns.push_back({L + "_median_hours", ColumnType::real});
    for (const std::string& flag : spec.flagFields)
      table.columns.push_back({L + "_" + flag + "_pct", ColumnType::real});
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const Tally& t = tallies[r];
      auto& row = table.rows[r];
      row.push_back(t.opened);
      row.push_back(t.closed);
      row.push_back(percent(t.closed, t.opened));
      if (cases.hasDeadline) row.push_back(percent(t.onTime, t.judged));
      if (!spec.closeTimeField.empty()) row.push_back(median(t.hours));
      for (size_t f = 0; f < spec.flagFields.size(); ++f) row.push_back(percent(t.yes[f], t.answered[f]));
    }
  }
  return result;
}

}  // namespace urbangis
