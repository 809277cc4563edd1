#pragma once
// Reads an OGR layer in columnar batches through GDAL's Arrow C stream (RFC 86): the fast way
// to stream millions of features. Only the fields asked for are read. Each batch can be handed
// to another thread; values are read through typed accessors that understand the Arrow layouts
// GDAL produces (strings, integers, reals, dates, timestamps, WKB geometry).

#include <ogr_recordbatch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/values/timestamps.h"

class OGRLayer;
class OGRPoint;

namespace urbangis {

// One batch; releases its Arrow memory when destroyed.
class ArrowBatch {
 public:
  ArrowBatch() = default;
  ArrowBatch(std::shared_ptr<const ArrowSchema> schema, ArrowArray array);
  ~ArrowBatch();
  ArrowBatch(ArrowBatch&& other) noexcept;
  ArrowBatch& operator=(ArrowBatch&& other) noexcept;
  ArrowBatch(const ArrowBatch&) = delete;
  ArrowBatch& operator=(const ArrowBatch&) = delete;

  int64_t size() const { return array_.length; }
  const ArrowArray& child(int index) const { return *array_.children[index]; }
  const ArrowSchema& childSchema(int index) const { return *schema_->children[index]; }

 private:
  std::shared_ptr<const ArrowSchema> schema_;
  ArrowArray array_{};
};

// Typed read access to one column of a batch.
class ArrowColumn {
 public:
  ArrowColumn(const ArrowBatch& batch, int index);
  bool isNull(int64_t row) const;
  // A string column: bytes() gives its text without copying.
  bool isText() const { return format_ == "u" || format_ == "U"; }
  // Text of a string column, or the number formatted for numeric columns.
  std::string text(int64_t row) const;
  // Numbers; strings are parsed (NaN when not a number).
  double number(int64_t row) const;
  // The time of a date, timestamp, text or (Excel days, when declared) number column under the
  // layer's rules (io/values/timestamps.h): wall-clock seconds in rules.zone, or the problem. GDAL 3.6
  // streams OGR DateTime fields as wall clocks without their offsets (see layer_times.h).
  ReadTime time(int64_t row, const TimeRules& rules) const;
  // The point of a WKB geometry column, parsed by OGR into a reused OGRPoint; false for null,
  // empty or non-point geometries.
  bool point(int64_t row, OGRPoint& scratch, double& x, double& y) const;
  // The raw WKB bytes of a geometry column.
  std::string_view bytes(int64_t row) const;

 private:
  const ArrowArray& array_;
  std::string_view format_;
};

class ArrowBatchReader {
 public:
  // Streams `layer` with only `fields` (plus geometry); throws InputError naming `where` when
  // a field is missing or the stream cannot start.
  // With `includeFid`, each batch also carries the feature ids (fidColumn()).
  ArrowBatchReader(OGRLayer& layer, const std::vector<std::string>& fields, std::string where, bool includeFid = false);
  ~ArrowBatchReader();
  ArrowBatchReader(const ArrowBatchReader&) = delete;
  ArrowBatchReader& operator=(const ArrowBatchReader&) = delete;

  // The next batch, or nullopt at the end.
  std::optional<ArrowBatch> next();
  // Column index of a field (as requested) and of the geometry.
  int fieldColumn(const std::string& field) const;
  int geometryColumn() const { return geometryColumn_; }
  int fidColumn() const { return fidColumn_; }  // -1 unless asked for

 private:
  ArrowArrayStream stream_{};
  std::shared_ptr<ArrowSchema> schema_;
  std::vector<std::string> columnNames_;
  int geometryColumn_ = -1;
  int fidColumn_ = -1;
  std::string where_;
};

}  // namespace urbangis
