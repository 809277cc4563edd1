#include "io/sources/layer_times.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace urbangis {
namespace {

constexpr size_t kExamplesPerProblem = 3;
// Values of other forms after which, with no NN/NN/YYYY seen, the day order stops being looked for.
constexpr int64_t kValuesWithoutSlashDates = 1000;

std::vector<int> timeFieldIndexes(const LayerSpec& spec, OGRFeatureDefn& definition, bool textOnly) {
  std::vector<int> indexes;
  for (const std::string* field : {&spec.timeField, &spec.closeTimeField, &spec.deadlineField}) {
    if (field->empty()) continue;
    const int index = definition.GetFieldIndex(field->c_str());
    if (index < 0) continue;  // the paths that need the field report it missing
    if (textOnly && definition.GetFieldDefn(index)->GetType() != OFTString) continue;
    if (std::find(indexes.begin(), indexes.end(), index) == indexes.end()) indexes.push_back(index);
  }
  return indexes;
}

// Reads only `fields` of `layer` while alive (no geometry, no other attribute), then rewinds.
class OnlyFields {
 public:
  OnlyFields(OGRLayer& layer, const std::vector<int>& fields) : layer_(layer) {
    OGRFeatureDefn& definition = *layer.GetLayerDefn();
    for (int i = 0; i < definition.GetFieldCount(); ++i)
      if (std::find(fields.begin(), fields.end(), i) == fields.end())
        names_.push_back(definition.GetFieldDefn(i)->GetNameRef());
    // A spatial filter (a windowed read, CSV rows without a usable point) needs the geometry.
    if (!layer.GetSpatialFilter()) names_.push_back("OGR_GEOMETRY");
    names_.push_back("OGR_STYLE");
    std::vector<const char*> list;
    for (const std::string& name : names_) list.push_back(name.c_str());
    list.push_back(nullptr);
    layer_.SetIgnoredFields(list.data());
    layer_.ResetReading();
  }
  ~OnlyFields() {
    layer_.SetIgnoredFields(nullptr);
    layer_.ResetReading();
  }
  OnlyFields(const OnlyFields&) = delete;
  OnlyFields& operator=(const OnlyFields&) = delete;

 private:
  OGRLayer& layer_;
  std::vector<std::string> names_;
};

}  // namespace

TimeRules declaredTimeRules(const LayerSpec& spec) {
  TimeRules rules{{}, TimeZone(spec.timeZone)};
  if (!spec.timeFormat.empty())
    if (const auto format = parseTimeFormat(spec.timeFormat)) rules.format = *format;  // the loader checked it
  return rules;
}

TimeRules timeRulesFor(const LayerSpec& spec, OGRLayer& layer) {
  TimeRules rules = declaredTimeRules(spec);
  if (rules.format.order != DayOrder::unknown) return rules;
  const std::vector<int> fields = timeFieldIndexes(spec, *layer.GetLayerDefn(), true);
  if (fields.empty()) return rules;

  int64_t ambiguous = 0, otherForms = 0;
  std::string example, exampleField;
  {
    const OnlyFields only(layer, fields);
    for (auto& feature : layer) {
      for (int field : fields) {
        if (!feature->IsFieldSetAndNotNull(field)) continue;
        const char* value = feature->GetFieldAsString(field);
        bool slashForm = false;
        const DayOrder shown = dayOrderShownBy(value, slashForm);
        if (shown != DayOrder::unknown) {
          rules.format.order = shown;
          return rules;
        }
        if (slashForm) {
          if (ambiguous++ == 0) example = value, exampleField = feature->GetFieldDefnRef(field)->GetNameRef();
        } else if (*value) {
          ++otherForms;
        }
      }
      if (ambiguous == 0 && otherForms >= kValuesWithoutSlashDates) return rules;
    }
  }
  if (ambiguous > 0)
    throw InputError(spec.where() + ": " + exampleField + ": " + std::to_string(ambiguous) + " dates such as \"" +
                     example +
                     "\" may be day first or month first, and no value has a day over 12 to tell; add \"time_format\": "
                     "\"MM/DD/YYYY\" or \"DD/MM/YYYY\" to the layer in the catalog");
  return rules;
}

ReadTime featureTime(OGRFeature& feature, int field, const TimeRules& rules) {
  if (field < 0 || !feature.IsFieldSetAndNotNull(field)) return {std::nullopt, TimeProblem::empty};
  const OGRFieldType type = feature.GetFieldDefnRef(field)->GetType();
  if (type == OFTDate || type == OFTDateTime) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
    float second = 0;
    if (!feature.GetFieldAsDateTime(field, &year, &month, &day, &hour, &minute, &second, &zone))
      return {std::nullopt, TimeProblem::unreadable};
    // OGR's TZFlag: 0 unknown, 1 local time, 100 UTC, 100 ± n: n quarter hours east or west.
    const std::optional<int> offset = zone >= 2 ? std::optional<int>((zone - 100) * 15) : std::nullopt;
    return wallClockTime(year, month, day, hour, minute, static_cast<int>(std::floor(second)), offset, rules.zone);
  }
  return readTimestamp(feature.GetFieldAsString(field), rules);
}

TimesByFid offsetTimesByFid(OGRLayer& layer, const std::string& field, const TimeRules& rules) {
  TimesByFid times;
  const int index = field.empty() ? -1 : layer.GetLayerDefn()->GetFieldIndex(field.c_str());
  if (index < 0 || layer.GetLayerDefn()->GetFieldDefn(index)->GetType() != OFTDateTime) return times;
  const OnlyFields only(layer, {index});
  for (auto& feature : layer) {
    if (!feature->IsFieldSetAndNotNull(index)) continue;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
    float second = 0;
    if (feature->GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &zone) && zone >= 2)
      times.emplace(feature->GetFID(), featureTime(*feature, index, rules));
  }
  return times;
}

ReadTime arrowTime(const ArrowColumn& times, const ArrowColumn* fids, int64_t row, const TimeRules& rules,
                   const TimesByFid& offsetTimes) {
  if (fids && !offsetTimes.empty())
    if (const auto found = offsetTimes.find(static_cast<int64_t>(fids->number(row))); found != offsetTimes.end())
      return found->second;
  return times.time(row, rules);
}

void TimeIssues::note(TimeProblem problem, std::string_view place, std::string_view value) {
  if (problem == TimeProblem::none || problem == TimeProblem::empty) return;
  int64_t& count = problem == TimeProblem::ambiguous    ? ambiguous_
                   : problem == TimeProblem::outOfRange ? outOfRange_
                                                        : unreadable_;
  if (static_cast<size_t>(count++) < kExamplesPerProblem) {
    std::string text(place);
    text += (text.empty() ? "\"" : " \"") + std::string(value) + "\"";
    examples_.emplace_back(problem, std::move(text));
  }
}

void TimeIssues::merge(const TimeIssues& other) {
  for (const auto& [problem, text] : other.examples_) {
    const auto shown =
        std::count_if(examples_.begin(), examples_.end(), [&](const auto& e) { return e.first == problem; });
    if (static_cast<size_t>(shown) < kExamplesPerProblem) examples_.emplace_back(problem, text);
  }
  unreadable_ += other.unreadable_;
  ambiguous_ += other.ambiguous_;
  outOfRange_ += other.outOfRange_;
}

std::string TimeIssues::warning(const LayerSpec& spec, const std::string& field) const {
  const auto part = [&](TimeProblem problem, int64_t count, const std::string& what) {
    if (count == 0) return std::string();
    std::string names;
    for (const auto& [kind, text] : examples_)
      if (kind == problem) names += (names.empty() ? "" : ", ") + text;
    if (count > static_cast<int64_t>(kExamplesPerProblem)) names += ", …";
    return std::to_string(count) + " " + what + " (" + names + ")";
  };
  std::string parts;
  for (const std::string& text :
       {part(TimeProblem::unreadable, unreadable_, "not a date in a known form"),
        part(TimeProblem::outOfRange, outOfRange_,
             "with a year outside " + std::to_string(kFirstYear) + "–" + std::to_string(kLastYear)),
        part(TimeProblem::ambiguous, ambiguous_, "day-month order unknown; set time_format")})
    if (!text.empty()) parts += (parts.empty() ? "" : "; ") + text;
  return spec.where() + ": " + std::to_string(count()) + " value" + (count() == 1 ? "" : "s") + " of " + field +
         " left out: " + parts;
}

}  // namespace urbangis
