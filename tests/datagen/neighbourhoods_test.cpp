// The village-level units (村居): the 71 communities and the 360 villages and others tile every
// township exactly, carry the official codes and names, and together form `neighbourhoods`.

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "datagen/dataset_reading.h"

using namespace urbangis;

namespace {

using Point = std::pair<double, double>;
using Segment = std::pair<Point, Point>;  // ordered: first < second

struct Unit {
  std::string code, name, townshipCode, kind;
  GeomPtr shape;
};

std::vector<Unit> unitsOf(test::DayeFiles& files, const GeosContext& geos, const char* layerName) {
  OGRLayer& layer = files.layer(layerName);
  auto shapes = test::geometriesOf(layer, geos);
  std::vector<Unit> units;
  size_t i = 0;
  const bool hasKind = layer.GetLayerDefn()->GetFieldIndex("kind") >= 0;
  for (auto& row : layer)
    units.push_back({row->GetFieldAsString("code"), row->GetFieldAsString("name"),
                     row->GetFieldAsString("township_code"), hasKind ? row->GetFieldAsString("kind") : "社区",
                     std::move(shapes[i++])});
  return units;
}

// Every segment of every ring of a (multi)polygon, each with its ends in order.
void addSegments(const GeosContext& geos, const GEOSGeometry* geometry, std::multiset<Segment>& out) {
  GEOSContextHandle_t h = geos.handle();
  const auto addRing = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(h, sequence, &size);
    Point previous{};
    for (unsigned k = 0; k < size; ++k) {
      Point p;
      GEOSCoordSeq_getXY_r(h, sequence, k, &p.first, &p.second);
      if (k > 0 && p != previous) out.insert(std::minmax(previous, p));
      previous = p;
    }
  };
  for (int i = 0; i < GEOSGetNumGeometries_r(h, geometry); ++i) {
    const GEOSGeometry* polygon = GEOSGetGeometryN_r(h, geometry, i);
    addRing(GEOSGetExteriorRing_r(h, polygon));
    for (int r = 0; r < GEOSGetNumInteriorRings_r(h, polygon); ++r) addRing(GEOSGetInteriorRingN_r(h, polygon, r));
  }
}

double planarArea(const GeosContext& geos, const GEOSGeometry* geometry) {
  double area = 0;
  GEOSArea_r(geos.handle(), geometry, &area);
  return area;
}

std::map<std::string, GeomPtr> townshipsByCode(test::DayeFiles& files, const GeosContext& geos) {
  auto shapes = test::geometriesOf(files.layer("districts"), geos);
  std::map<std::string, GeomPtr> townships;
  size_t i = 0;
  for (auto& row : files.layer("districts")) townships[row->GetFieldAsString("code")] = std::move(shapes[i++]);
  return townships;
}

}  // namespace

TEST_CASE("Communities and villages tile every township exactly, sharing their vertices", "[dataset][neighbourhoods]") {
  test::DayeFiles files;
  GeosContext geos;
  GEOSContextHandle_t h = geos.handle();
  const auto townships = townshipsByCode(files, geos);
  std::map<std::string, std::vector<const Unit*>> byTownship;
  const auto communities = unitsOf(files, geos, "communities");
  const auto villages = unitsOf(files, geos, "villages");
  for (const auto* list : {&communities, &villages})
    for (const Unit& unit : *list) byTownship[unit.townshipCode].push_back(&unit);
  REQUIRE(byTownship.size() == 18);
  for (const auto& [code, units] : byTownship) {
    INFO("township " << code);
    const GEOSGeometry* township = townships.at(code).get();
    // Areas: the units' areas add up to the township's (no gap, no overlap) ...
    double sum = 0;
    for (const Unit* unit : units) {
      INFO(unit->code << " " << unit->name);
      CHECK(GEOSisValid_r(h, unit->shape.get()) == 1);
      sum += planarArea(geos, unit->shape.get());
    }
    CHECK(sum == Approx(planarArea(geos, township)).epsilon(1e-6));
    for (size_t i = 0; i < units.size(); ++i)
      for (size_t j = i + 1; j < units.size(); ++j) {
        if (GEOSIntersects_r(h, units[i]->shape.get(), units[j]->shape.get()) != 1) continue;
        auto overlap = geos.own(GEOSIntersection_r(h, units[i]->shape.get(), units[j]->shape.get()));
        INFO(units[i]->code << " and " << units[j]->code);
        CHECK(planarArea(geos, overlap.get()) < 1e-12);  // degrees²: well under 0.01 m²
      }
    // ... and vertex for vertex: each edge of a unit is an edge of exactly one neighbour, or of
    // the township's boundary (where it is an edge of exactly one unit).
    std::multiset<Segment> unitEdges, boundaryEdges;
    for (const Unit* unit : units) addSegments(geos, unit->shape.get(), unitEdges);
    addSegments(geos, township, boundaryEdges);
    size_t unmatched = 0;
    for (auto it = unitEdges.begin(); it != unitEdges.end(); it = unitEdges.upper_bound(*it)) {
      const size_t expected = boundaryEdges.count(*it) ? 1 : 2;
      if (unitEdges.count(*it) != expected) ++unmatched;
    }
    for (const Segment& edge : boundaryEdges)
      if (unitEdges.count(edge) != 1) ++unmatched;
    CHECK(unmatched == 0);
  }
}

TEST_CASE("Every village lies inside its township", "[dataset][neighbourhoods]") {
  test::DayeFiles files;
  GeosContext geos;
  const auto townships = townshipsByCode(files, geos);
  for (const Unit& village : unitsOf(files, geos, "villages")) {
    INFO(village.code << " " << village.name);
    auto inside =
        geos.own(GEOSIntersection_r(geos.handle(), village.shape.get(), townships.at(village.townshipCode).get()));
    CHECK(planarArea(geos, inside.get()) == Approx(planarArea(geos, village.shape.get())).epsilon(1e-9));
  }
}

TEST_CASE("Villages and communities carry the official codes and names", "[dataset][neighbourhoods]") {
  test::DayeFiles files;
  GeosContext geos;
  std::map<std::string, Unit> stored;
  for (const char* layer : {"communities", "villages"})
    for (Unit& unit : unitsOf(files, geos, layer)) {
      CHECK(stored.count(unit.code) == 0);
      const std::string code = unit.code;
      stored.emplace(code, std::move(unit));
    }
  auto official = openDataset((test::dataDir() / "places" / "daye_420281_villages_communities_nbs2023.csv").string(),
                              GDAL_OF_VECTOR);
  size_t rows = 0;
  std::map<std::string, int> kinds;
  for (auto& row : *official->GetLayer(0)) {
    ++rows;
    const std::string code = row->GetFieldAsString("code"), name = row->GetFieldAsString("name");
    INFO(code << " " << name);
    auto unit = stored.find(code);
    REQUIRE(unit != stored.end());
    CHECK(unit->second.townshipCode == row->GetFieldAsString("streetCode"));
    // The stored name is the official one, less the committee word.
    std::set<std::string> allowed{name};
    for (const char* committee : {"居民委员会", "村民委员会", "委会"}) {
      const std::string word = committee;
      if (name.size() > word.size() && name.compare(name.size() - word.size(), word.size(), word) == 0)
        allowed.insert(name.substr(0, name.size() - word.size()));
    }
    CHECK(allowed.count(unit->second.name) == 1);
    CHECK((unit->second.kind == "社区") == (name.find("社区") != std::string::npos));
    ++kinds[unit->second.kind];
  }
  CHECK(rows == 431);
  CHECK(stored.size() == 431);
  CHECK(kinds ==
        std::map<std::string, int>{{"社区", 71}, {"村", 355}, {"居委会", 1}, {"生产队", 3}, {"虚拟生活区", 1}});
  CHECK(stored.at("420281170001").name == "汪仁居委会");
  CHECK(stored.at("420281070201").name == "王太村");
  CHECK(stored.at("420281003200").name == "马叫村");
  CHECK(stored.at("420281001001").name == "建设社区");
}

TEST_CASE("neighbourhoods is the 71 communities and the 360 villages, shape for shape", "[dataset][neighbourhoods]") {
  test::DayeFiles files;
  GeosContext geos;
  std::map<std::string, const Unit*> parts;
  const auto communities = unitsOf(files, geos, "communities");
  const auto villages = unitsOf(files, geos, "villages");
  for (const auto* list : {&communities, &villages})
    for (const Unit& unit : *list) parts[unit.code] = &unit;
  const auto neighbourhoods = unitsOf(files, geos, "neighbourhoods");
  CHECK(neighbourhoods.size() == 431);
  CHECK(communities.size() == 71);
  CHECK(villages.size() == 360);
  for (const Unit& unit : neighbourhoods) {
    INFO(unit.code);
    REQUIRE(parts.count(unit.code) == 1);
    const Unit& part = *parts.at(unit.code);
    CHECK(unit.name == part.name);
    CHECK(unit.townshipCode == part.townshipCode);
    CHECK(unit.kind == part.kind);
    CHECK(GEOSEqualsExact_r(geos.handle(), unit.shape.get(), part.shape.get(), 0) == 1);
  }
}
