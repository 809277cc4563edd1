// CSV x/y import as a catalog `points` layer reads it: the bytes as a CSV in /vsimem/, opened
// through openCatalogLayer (X_POSSIBLE_NAMES / Y_POSSIBLE_NAMES / KEEP_GEOM_COLUMNS=NO, the
// role and field checks) and loaded with loadPoints into the Daye working CRS; the encoding
// detection that decides how a CSV is read (UTF-8, else GBK) runs on the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/hotspots/point_set.h"
#include "core/error.h"
#include "fuzz_support.h"
#include "io/sources/text_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  urbangis::fuzz::quietGdal();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    if (!urbangis::isValidUtf8(bytes) && urbangis::decodesAsGbk(bytes))
      (void)urbangis::recode(bytes, "GB18030", "UTF-8");
  } catch (const urbangis::InputError&) {
  }
  const urbangis::fuzz::MemoryInput file("/vsimem/fuzz/points.csv", data, size);
  urbangis::LayerSpec spec;
  spec.id = "cases";
  spec.role = urbangis::LayerRole::points;
  spec.source = spec.resolvedSource = file.path();
  spec.x = "lon";
  spec.y = "lat";
  spec.crs = urbangis::CrsSpec{"EPSG:4490", urbangis::ChineseOffset::none, "EPSG:4490"};
  try {
    const urbangis::PointSet points =
        urbangis::loadPoints(spec, urbangis::CrsSpec{"EPSG:4547", urbangis::ChineseOffset::none, "EPSG:4547"}, "");
    (void)points;
  } catch (const urbangis::InputError&) {
  }
  return 0;
}
