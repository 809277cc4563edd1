// The unit grids (单元网格) shipped with the dataset: `urbangis grid`'s own code (analysis/
// grid_table) run on the communities and roads exactly as the catalog reads them back, so the
// shipped layer equals `urbangis grid layers/daye.json --by communities --cell 115 --split-by
// roads` (a test checks it).

#include <algorithm>

#include "analysis/grids/grid_table.h"
#include "analysis/zones/zones.h"
#include "core/geometry_transform.h"
#include "datagen/layers.h"

namespace urbangis::datagen {
namespace {

// The lattice for Daye: the smallest cell, in steps of 5 m, at which the largest community
// (东港社区, 10.5 km²) holds at most 999 grids once the main roads cut it: 115 m, grids of
// about 12,000 m² on average (万米单元网格).
constexpr double kDayeCell = 115;

}  // namespace

Table makeUnitGrids(const GeneratorContext& context, const Table& communities, const Table& roads) {
  const GeosContext& geos = context.geos;
  ProjContext proj;
  const CrsSpec working{"EPSG:4547", ChineseOffset::none, "EPSG:4547"};
  const Crs lonLat(proj, CrsSpec{"EPSG:4490", ChineseOffset::none, "CGCS2000"});
  const MeasureFrame frame(proj, working);
  const Transform toWorking(proj, lonLat, frame.working());

  // The communities as stored (CGCS2000 lon/lat), carried into the working CRS as loadZones does.
  std::vector<GeomPtr> shapes;
  std::vector<GridZone> zones;
  const size_t code = communities.field("code"), name = communities.field("name");
  for (const Row& row : communities.rows) {
    GeomPtr stored = context.projection.toLonLat(geos, row.geometry.get());
    GeomPtr shape = repaired(geos, transformGeometry(geos, stored.get(), toWorking), 2);
    const auto& id = std::get<std::string>(row.values[code]);
    zones.push_back({id, std::get<std::string>(row.values[name]), "datagen: communities, " + id, shape.get(),
                     frame.area(geos, shape.get())});
    shapes.push_back(std::move(shape));
  }
  // The major roads, through the lon/lat they are stored in.
  const auto& major = defaultMajorRoadClasses();
  const size_t roadClass = roads.field("class");
  std::vector<GeomPtr> lines;
  std::vector<const GEOSGeometry*> barriers;
  for (const Row& row : roads.rows) {
    const auto& value = std::get<std::string>(row.values[roadClass]);
    if (std::find(major.begin(), major.end(), value) == major.end()) continue;
    GeomPtr stored = context.projection.toLonLat(geos, row.geometry.get());
    lines.push_back(repaired(geos, transformGeometry(geos, stored.get(), toWorking), 1));
    barriers.push_back(lines.back().get());
  }

  UnitGridOptions options;
  options.cell = kDayeCell;
  options.minAreaM2 = defaultMinArea(kDayeCell);
  std::vector<std::string> messages;
  const std::string adminCode = zones.empty() ? "" : zones.front().code.substr(0, 6);
  const OutputTable grids = unitGridTable(adminCode, working, zones, barriers, options, 0, SilentProgress(), messages);

  Table table{"grids", "单元网格", wkbMultiPolygon, {}, {}};
  for (const Column& column : grids.columns)
    table.fields.push_back({column.name, column.type == ColumnType::text ? FieldKind::text : FieldKind::real});
  for (size_t r = 0; r < grids.rows.size(); ++r) {
    Row row;
    row.geometry = geos.fromWkb(grids.wkb[r].data(), grids.wkb[r].size());  // working CRS = the generator's metres
    for (const CellValue& cell : grids.rows[r]) {
      if (const auto* text = std::get_if<std::string>(&cell))
        row.values.emplace_back(*text);
      else if (const auto* real = std::get_if<double>(&cell))
        row.values.emplace_back(*real);
      else
        row.values.emplace_back(std::monostate{});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace urbangis::datagen
