#include "io/sources/arrow_batches.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "io/gdal_support.h"
#include "io/values/timestamps.h"

namespace urbangis {
namespace {

bool bitSet(const void* bitmap, int64_t index) {
  return (static_cast<const uint8_t*>(bitmap)[index >> 3] >> (index & 7)) & 1;
}

template <typename T>
T valueAt(const ArrowArray& array, int64_t row) {
  return static_cast<const T*>(array.buffers[1])[array.offset + row];
}

int64_t timestampUnitDivisor(std::string_view format) {
  // "tss:", "tsm:", "tsu:", "tsn:" (+ optional time zone after the colon).
  switch (format[2]) {
    case 's':
      return 1;
    case 'm':
      return 1000;
    case 'u':
      return 1000000;
    default:
      return 1000000000;
  }
}

}  // namespace

ArrowBatch::ArrowBatch(std::shared_ptr<const ArrowSchema> schema, ArrowArray array)
    : schema_(std::move(schema)), array_(array) {}

ArrowBatch::~ArrowBatch() {
  if (array_.release) array_.release(&array_);
}

ArrowBatch::ArrowBatch(ArrowBatch&& other) noexcept : schema_(std::move(other.schema_)), array_(other.array_) {
  other.array_.release = nullptr;
}

ArrowBatch& ArrowBatch::operator=(ArrowBatch&& other) noexcept {
  if (this != &other) {
    if (array_.release) array_.release(&array_);
    schema_ = std::move(other.schema_);
    array_ = other.array_;
    other.array_.release = nullptr;
  }
  return *this;
}

ArrowColumn::ArrowColumn(const ArrowBatch& batch, int index)
    : array_(batch.child(index)), format_(batch.childSchema(index).format) {}

bool ArrowColumn::isNull(int64_t row) const {
  return array_.null_count != 0 && array_.buffers[0] && !bitSet(array_.buffers[0], array_.offset + row);
}

std::string_view ArrowColumn::bytes(int64_t row) const {
  const auto* data = static_cast<const char*>(array_.buffers[2]);
  if (format_ == "u" || format_ == "z") {
    const auto* offsets = static_cast<const int32_t*>(array_.buffers[1]) + array_.offset;
    return {data + offsets[row], static_cast<size_t>(offsets[row + 1] - offsets[row])};
  }
  if (format_ == "U" || format_ == "Z") {
    const auto* offsets = static_cast<const int64_t*>(array_.buffers[1]) + array_.offset;
    return {data + offsets[row], static_cast<size_t>(offsets[row + 1] - offsets[row])};
  }
  return {};
}

double ArrowColumn::number(int64_t row) const {
  if (isNull(row)) return std::nan("");
  if (format_.size() == 1) {
    switch (format_[0]) {
      case 'c':
        return valueAt<int8_t>(array_, row);
      case 'C':
        return valueAt<uint8_t>(array_, row);
      case 's':
        return valueAt<int16_t>(array_, row);
      case 'S':
        return valueAt<uint16_t>(array_, row);
      case 'i':
        return valueAt<int32_t>(array_, row);
      case 'I':
        return valueAt<uint32_t>(array_, row);
      case 'l':
        return static_cast<double>(valueAt<int64_t>(array_, row));
      case 'L':
        return static_cast<double>(valueAt<uint64_t>(array_, row));
      case 'f':
        return valueAt<float>(array_, row);
      case 'g':
        return valueAt<double>(array_, row);
      case 'b':
        return bitSet(array_.buffers[1], array_.offset + row) ? 1 : 0;
      case 'u':
      case 'U': {
        const std::string text(bytes(row));
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        return end != text.c_str() ? value : std::nan("");
      }
      default:
        break;
    }
  }
  return std::nan("");
}

std::string ArrowColumn::text(int64_t row) const {
  if (isNull(row)) return {};
  if (format_ == "u" || format_ == "U") return std::string(bytes(row));
  const double value = number(row);
  if (std::isnan(value)) return {};
  char buffer[32];
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

ReadTime ArrowColumn::time(int64_t row, const TimeRules& rules) const {
  if (isNull(row)) return {std::nullopt, TimeProblem::empty};
  if (format_ == "tdD") return checkedWallClock(int64_t{valueAt<int32_t>(array_, row)} * 86400);
  if (format_ == "tdm") return checkedWallClock(valueAt<int64_t>(array_, row) / 1000);
  if (format_.rfind("ts", 0) == 0) {
    const int64_t raw = valueAt<int64_t>(array_, row), divisor = timestampUnitDivisor(format_);
    const int64_t seconds = raw >= 0 ? raw / divisor : -((-raw + divisor - 1) / divisor);
    // "tsm:" is a wall clock; a zone after the colon makes the values UTC instants (Arrow's rule).
    return checkedWallClock(format_.size() > 4 ? rules.zone.localFromUtc(seconds) : seconds);
  }
  if (format_ == "u" || format_ == "U") return readTimestamp(bytes(row), rules);
  return readTimestamp(text(row), rules);  // a number: Excel days when declared, else unreadable
}

bool ArrowColumn::point(int64_t row, OGRPoint& scratch, double& x, double& y) const {
  if (isNull(row)) return false;
  const std::string_view wkb = bytes(row);
  size_t consumed = 0;
  if (wkb.empty() ||
      scratch.importFromWkb(reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size(), wkbVariantIso, consumed) !=
          OGRERR_NONE ||
      scratch.IsEmpty())
    return false;
  x = scratch.getX();
  y = scratch.getY();
  return true;
}

ArrowBatchReader::ArrowBatchReader(OGRLayer& layer, const std::vector<std::string>& fields, std::string where,
                                   bool includeFid)
    : where_(std::move(where)) {
  // Read only what is needed: every other attribute is ignored by the driver.
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  std::vector<std::string> ignored;
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const std::string name = definition.GetFieldDefn(i)->GetNameRef();
    if (std::find(fields.begin(), fields.end(), name) == fields.end()) ignored.push_back(name);
  }
  for (const auto& field : fields)
    if (definition.GetFieldIndex(field.c_str()) < 0) throw InputError(where_ + ": no field \"" + field + "\"");
  std::vector<const char*> ignoredNames;
  for (const auto& name : ignored) ignoredNames.push_back(name.c_str());
  ignoredNames.push_back(nullptr);
  layer.SetIgnoredFields(ignoredNames.data());
  layer.ResetReading();

  GdalErrorCapture errors;
  // GDAL 3.6's GeoPackage stream yields empty geometries when every column is ignored; the
  // feature id keeps one column in (8 bytes a row).
  const char* options[] = {fields.empty() || includeFid ? "INCLUDE_FID=YES" : "INCLUDE_FID=NO", nullptr};
  if (!layer.GetArrowStream(&stream_, const_cast<char**>(options)))
    throw InputError(where_ + ": cannot stream features: " + errors.lastError());
  auto* schema = new ArrowSchema{};
  if (stream_.get_schema(&stream_, schema) != 0) {
    delete schema;
    throw InputError(where_ + ": cannot read the layer's schema: " + errors.lastError());
  }
  schema_.reset(schema, [](ArrowSchema* s) {
    if (s->release) s->release(s);
    delete s;
  });
  const std::string geometryName = layer.GetGeometryColumn()[0] ? layer.GetGeometryColumn() : "";
  const std::string fidName = layer.GetFIDColumn()[0] ? layer.GetFIDColumn() : "OGC_FID";
  for (int64_t i = 0; i < schema_->n_children; ++i) {
    const ArrowSchema& child = *schema_->children[i];
    columnNames_.push_back(child.name ? child.name : "");
    if (includeFid && fidColumn_ < 0 && columnNames_.back() == fidName) fidColumn_ = static_cast<int>(i);
    const bool binary = std::strcmp(child.format, "z") == 0 || std::strcmp(child.format, "Z") == 0;
    if (binary && (geometryColumn_ < 0 || columnNames_.back() == geometryName || columnNames_.back() == "wkb_geometry"))
      geometryColumn_ = static_cast<int>(i);
  }
}

ArrowBatchReader::~ArrowBatchReader() {
  schema_.reset();
  if (stream_.release) stream_.release(&stream_);
}

std::optional<ArrowBatch> ArrowBatchReader::next() {
  ArrowArray array{};
  if (stream_.get_next(&stream_, &array) != 0) {
    const char* why = stream_.get_last_error(&stream_);
    throw InputError(where_ + ": reading failed: " + (why ? why : "unknown error"));
  }
  if (!array.release) return std::nullopt;  // end of stream
  return ArrowBatch(schema_, array);
}

int ArrowBatchReader::fieldColumn(const std::string& field) const {
  for (size_t i = 0; i < columnNames_.size(); ++i)
    if (columnNames_[i] == field) return static_cast<int>(i);
  throw InputError(where_ + ": field \"" + field + "\" is not in the stream");
}

}  // namespace urbangis
