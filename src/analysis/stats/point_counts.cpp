#include "analysis/stats/point_counts.h"

#include <ogr_geometry.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "analysis/batch_pipeline.h"
#include "io/sources/arrow_batches.h"
#include "io/sources/layer_times.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

// Counts per value of one field (category_field, status_field) and slot.
struct ValueTally {
  // Value → index without building a std::string per point (heterogeneous lookup).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, size_t, TextHash, std::equal_to<>> index;
  std::vector<std::string> names;
  std::vector<std::vector<int64_t>> perSlot;  // [value][slot]
  std::string scratch;                        // a non-text value's text

  // The counts of the value in `row`, made on first sight.
  std::vector<int64_t>& slotsFor(const ArrowColumn& column, int64_t row, size_t slots) {
    std::string_view name;
    if (column.isText() && !column.isNull(row)) {
      name = column.bytes(row);
    } else {
      scratch = column.text(row);
      name = scratch;
    }
    auto found = index.find(name);
    if (found == index.end()) {
      found = index.emplace(std::string(name), perSlot.size()).first;
      names.emplace_back(name);
      perSlot.emplace_back(slots, 0);
    }
    return perSlot[found->second];
  }

  // The workers' tallies merged, values in byte order so columns come out the same each run.
  static void merge(const std::vector<const ValueTally*>& tallies, size_t slots, std::vector<std::string>& names,
                    std::vector<std::vector<int64_t>>& counts) {
    std::map<std::string, std::vector<int64_t>> merged;
    for (const ValueTally* tally : tallies)
      for (size_t v = 0; v < tally->names.size(); ++v) {
        auto& total = merged[tally->names[v]];
        if (total.empty()) total.assign(slots, 0);
        for (size_t s = 0; s < slots; ++s) total[s] += tally->perSlot[v][s];
      }
    for (auto& [name, perSlot] : merged) {
      names.push_back(name);
      counts.push_back(std::move(perSlot));
    }
  }
};

// What one worker accumulates; merged at the end.
struct WorkerTally {
  explicit WorkerTally(size_t slots, size_t sumFields, size_t zoneCount)
      : scratch(zoneCount), counts(slots, 0), sums(sumFields, std::vector<double>(slots, 0.0)) {}
  LocatorScratch scratch;
  OGRPoint point;
  std::vector<int64_t> counts;
  ValueTally categories, conditions;
  std::vector<std::vector<double>> sums;
  int64_t withoutPoint = 0, outsideWindow = 0;
  TimeIssues timeIssues;
  ZoneTally placement;
  std::vector<double> xs, ys;
  std::vector<int64_t> rows;
  std::vector<uint32_t> holders;
  std::unique_ptr<ProjContext> proj;
  std::unique_ptr<Crs> from, to;
  std::unique_ptr<Transform> transform;
};

// A multipoint or other geometry the fast path cannot read: OGR parses it; a single point is
// used as is, anything else at its centroid.
bool fallbackPoint(const ArrowColumn& geometry, int64_t row, double& x, double& y) {
  const std::string_view wkb = geometry.bytes(row);
  OGRGeometry* parsed = nullptr;
  if (wkb.empty() || OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &parsed, wkb.size()) != OGRERR_NONE)
    return false;
  std::unique_ptr<OGRGeometry> owned(parsed);
  if (owned->IsEmpty()) return false;
  OGRPoint centre;
  if (owned->Centroid(&centre) != OGRERR_NONE || centre.IsEmpty()) return false;
  x = centre.getX();
  y = centre.getY();
  return true;
}

}  // namespace

PointCounts countPoints(const LayerSpec& spec, std::shared_future<const ZoneLocator*> locatorFuture,
                        const CrsSpec& working, const TimeWindow& window, const Progress& progress, unsigned threads) {
  VectorSource source = openCatalogLayer(spec);
  const CrsSpec sourceCrs = layerCrsSpec(spec, *source.layer);
  bool needsTransform = false;
  {
    ProjContext proj;
    const Crs crs(proj, sourceCrs);
    const Crs workingCrs(proj, working);
    needsTransform = !sameCrs(crs, workingCrs);
  }
  std::vector<std::string> fields;
  const bool byCategory = layerKind(spec.role).countsByCategory && !spec.categoryField.empty();
  if (byCategory) fields.push_back(spec.categoryField);
  // An inventory (assets) is also counted by condition.
  const bool byCondition = layerKind(spec.role).countsByCondition && !spec.statusField.empty();
  if (byCondition && std::find(fields.begin(), fields.end(), spec.statusField) == fields.end())
    fields.push_back(spec.statusField);
  if (window.active() && !spec.timeField.empty()) fields.push_back(spec.timeField);
  for (const auto& field : spec.sumFields)
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);

  const int64_t total = source.layer->GetFeatureCount(FALSE);
  const bool timed = window.active() && !spec.timeField.empty();
  const TimeRules timeRules = timed ? timeRulesFor(spec, *source.layer) : declaredTimeRules(spec);
  const TimesByFid offsetTimes = timed ? offsetTimesByFid(*source.layer, spec.timeField, timeRules) : TimesByFid{};
  // Feature ids come along with the times: they find converted offsets and name bad values.
  ArrowBatchReader reader(*source.layer, fields, spec.where(), timed);
  const int geometryColumn = reader.geometryColumn();
  if (geometryColumn < 0) throw InputError(spec.where() + ": the layer has no geometry column");
  const int categoryColumn = byCategory ? reader.fieldColumn(spec.categoryField) : -1;
  const int conditionColumn = byCondition ? reader.fieldColumn(spec.statusField) : -1;
  const int timeColumn = window.active() && !spec.timeField.empty() ? reader.fieldColumn(spec.timeField) : -1;
  std::vector<int> sumColumns;
  for (const auto& field : spec.sumFields) sumColumns.push_back(reader.fieldColumn(field));

  // Tallies are made on first use: the zone count is known once the locator is.
  std::vector<std::unique_ptr<WorkerTally>> tallies(threads);
  std::once_flag locatorKnown;
  const ZoneLocator* locatorPointer = nullptr;
  size_t zones = 0, slots = 0;
  const auto tallyOf = [&](unsigned worker) -> WorkerTally& {
    std::call_once(locatorKnown, [&] {
      locatorPointer = locatorFuture.get();
      zones = locatorPointer->zoneCount();
      slots = zones + 1;
    });
    auto& tally = tallies[worker];
    if (!tally) {
      tally = std::make_unique<WorkerTally>(slots, sumColumns.size(), zones);
      if (needsTransform) {
        // PROJ objects are per thread, like GEOS ones.
        tally->proj = std::make_unique<ProjContext>();
        tally->from = std::make_unique<Crs>(*tally->proj, sourceCrs);
        tally->to = std::make_unique<Crs>(*tally->proj, working);
        tally->transform = std::make_unique<Transform>(*tally->proj, *tally->from, *tally->to);
      }
    }
    return *tally;
  };

  const auto process = [&](const ArrowBatch& batch, unsigned worker) {
    WorkerTally& tally = tallyOf(worker);
    const ZoneLocator& locator = *locatorPointer;
    const ArrowColumn geometry(batch, geometryColumn);
    std::optional<ArrowColumn> time;
    if (timeColumn >= 0) time.emplace(batch, timeColumn);
    std::optional<ArrowColumn> fids;
    if (reader.fidColumn() >= 0) fids.emplace(batch, reader.fidColumn());
    tally.xs.clear();
    tally.ys.clear();
    tally.rows.clear();
    for (int64_t row = 0; row < batch.size(); ++row) {
      double x = 0, y = 0;
      if (!geometry.point(row, tally.point, x, y) && !fallbackPoint(geometry, row, x, y)) {
        ++tally.withoutPoint;
        continue;
      }
      if (time) {
        const ReadTime when = arrowTime(*time, fids ? &*fids : nullptr, row, timeRules, offsetTimes);
        if (when.problem != TimeProblem::none)
          tally.timeIssues.note(when.problem, fids ? "feature " + fids->text(row) : std::string(), time->text(row));
        if (!window.holds(when.seconds)) {
          ++tally.outsideWindow;
          continue;
        }
      }
      tally.xs.push_back(x);
      tally.ys.push_back(y);
      tally.rows.push_back(row);
    }
    if (tally.transform) tally.transform->applyLenient(tally.xs.data(), tally.ys.data(), tally.xs.size());

    std::optional<ArrowColumn> category, condition;
    if (categoryColumn >= 0) category.emplace(batch, categoryColumn);
    if (conditionColumn >= 0) condition.emplace(batch, conditionColumn);
    std::vector<ArrowColumn> sumValues;
    for (int column : sumColumns) sumValues.emplace_back(batch, column);
    for (size_t i = 0; i < tally.xs.size(); ++i) {
      if (tally.xs[i] == HUGE_VAL) {
        ++tally.withoutPoint;
        continue;
      }
      tally.holders.clear();
      locator.locate(tally.xs[i], tally.ys[i], tally.scratch, tally.holders);
      tally.placement.add(tally.holders.size(), Box::of(tally.xs[i], tally.ys[i]), locator.extent());
      if (tally.holders.empty()) tally.holders.push_back(static_cast<uint32_t>(zones));
      std::vector<int64_t>* perCategory =
          category ? &tally.categories.slotsFor(*category, tally.rows[i], slots) : nullptr;
      std::vector<int64_t>* perCondition =
          condition ? &tally.conditions.slotsFor(*condition, tally.rows[i], slots) : nullptr;
      for (uint32_t slot : tally.holders) {
        ++tally.counts[slot];
        if (perCategory) ++(*perCategory)[slot];
        if (perCondition) ++(*perCondition)[slot];
        for (size_t f = 0; f < sumValues.size(); ++f) {
          const double value = sumValues[f].number(tally.rows[i]);
          if (!std::isnan(value)) tally.sums[f][slot] += value;
        }
      }
    }
  };

  int64_t read = 0;
  const std::string stage = "counting " + spec.id;
  runBatchPipeline(reader, threads, progress, process, [&](int64_t rows) {
    read += rows;
    progress.report(stage, total > 0 ? static_cast<double>(read) / static_cast<double>(total) : -1);
  });

  // Merge the workers' tallies.
  if (!locatorPointer) tallyOf(0);  // an empty layer: still wait for the zones
  PointCounts result;
  result.features = read;
  result.counts.assign(slots, 0);
  result.sums.assign(sumColumns.size(), std::vector<double>(slots, 0.0));
  std::vector<const ValueTally*> categories, conditions;
  for (const auto& tally : tallies) {
    if (!tally) continue;
    for (size_t s = 0; s < slots; ++s) result.counts[s] += tally->counts[s];
    for (size_t f = 0; f < result.sums.size(); ++f)
      for (size_t s = 0; s < slots; ++s) result.sums[f][s] += tally->sums[f][s];
    categories.push_back(&tally->categories);
    conditions.push_back(&tally->conditions);
    result.withoutPoint += tally->withoutPoint;
    result.outsideWindow += tally->outsideWindow;
    result.timeIssues.merge(tally->timeIssues);
    result.placement.add(tally->placement);
  }
  ValueTally::merge(categories, slots, result.categories, result.byCategory);
  ValueTally::merge(conditions, slots, result.conditions, result.byCondition);
  return result;
}

}  // namespace urbangis
