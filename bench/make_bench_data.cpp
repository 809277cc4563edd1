// urbangis-benchdata: the synthetic city the benchmarks run on, at any size.
//   urbangis-benchdata --out DIR [--points N] [--zones Z] [--areas A] [--corridors C] [--roads]
//                      [--long-roads] [--road-spacing M]
//                      [--no-index] [--seed S]
// writes DIR/bench.gpkg (EPSG:32650, ~1,500 km² round Daye) with layers zones (Voronoi cells),
// points, areas (small overlapping squares), corridors (overlapping stretches along the road
// grid) and roads (a grid, 150 m apart unless --road-spacing, cut at every crossing, or with
// --long-roads whole streets that cross inside segments), and DIR/bench.json, a catalog of them.
// Deterministic for a given seed.

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "core/error.h"
#include "datagen/random.h"
#include "datagen/shapes.h"
#include "datagen/tiling.h"
#include "io/gdal_support.h"

namespace {

using namespace urbangis;
using namespace urbangis::datagen;
namespace fs = std::filesystem;

constexpr double kX0 = 285000, kY0 = 3312000, kSide = 38700;  // EPSG:32650, round Daye
const char* const kTypes[] = {"油烟", "噪音", "占道经营", "出店经营", "乱停乱靠"};

struct Options {
  fs::path out;
  int64_t points = 1000000, zones = 2000, areas = 0, corridors = 0;
  bool roads = false;
  bool longRoads = false;    // each grid line one feature, crossings inside segments (needs noding)
  double roadSpacing = 150;  // metres between grid lines
  bool spatialIndex = true;  // off: faster to write, for tests that only scan
  uint64_t seed = 86;
};

void ok(OGRErr error) {
  if (error != OGRERR_NONE) throw std::runtime_error(std::string("GDAL: ") + CPLGetLastErrorMsg());
}

int64_t number(const std::string& text, const std::string& option) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0)
    throw InputError(option + " needs a whole number, got \"" + text + "\"");
  return value;
}

class Writer {
 public:
  explicit Writer(const fs::path& path, bool spatialIndex) : spatialIndex_(spatialIndex) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    dataset_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset_) throw std::runtime_error("cannot create " + path.string());
    srs_.importFromEPSG(32650);
    srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  OGRLayer* layer(const char* name, OGRwkbGeometryType type,
                  const std::vector<std::pair<const char*, OGRFieldType>>& fields) {
    const char* options[] = {spatialIndex_ ? "SPATIAL_INDEX=YES" : "SPATIAL_INDEX=NO", nullptr};
    OGRLayer* layer = dataset_->CreateLayer(name, &srs_, type, const_cast<char**>(options));
    for (const auto& [field, fieldType] : fields) {
      OGRFieldDefn definition(field, fieldType);
      ok(layer->CreateField(&definition));
    }
    return layer;
  }
  void add(OGRLayer* layer, OGRFeature& feature) {
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("write failed");
  }
  GDALDataset& dataset() { return *dataset_; }

 private:
  GDALDatasetUniquePtr dataset_;
  OGRSpatialReference srs_;
  bool spatialIndex_;
};

std::string dateOf(Random& random) {
  char text[32];
  std::snprintf(text, sizeof text, "2023-%02d-%02d", 1 + static_cast<int>(random.index(12)),
                1 + static_cast<int>(random.index(28)));
  return text;
}

void writeZones(Writer& writer, const Options& options, Random& random) {
  GeosContext geos;
  GeomPtr region = makePolygon(geos, rectangle({kX0 + kSide / 2, kY0 + kSide / 2}, kSide, kSide, 0));
  std::vector<XY> seeds;
  for (int64_t i = 0; i < options.zones; ++i)
    seeds.push_back({kX0 + random.uniform() * kSide, kY0 + random.uniform() * kSide});
  auto tiles = tileZones(geos, {{region.get(), seeds, 0.0}}, random);
  OGRLayer* layer = writer.layer("zones", wkbMultiPolygon, {{"zone_code", OFTString}, {"name", OFTString}});
  ok(layer->StartTransaction());
  for (size_t i = 0; i < tiles[0].size(); ++i) {
    OGRFeature feature(layer->GetLayerDefn());
    char code[32];
    std::snprintf(code, sizeof code, "Z%05zu", i + 1);
    feature.SetField("zone_code", code);
    feature.SetField("name", (std::string("网格") + code).c_str());
    const auto wkb = geos.toWkb(tiles[0][i].get());
    OGRGeometry* geometry = nullptr;
    ok(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()));
    feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(geometry));
    writer.add(layer, feature);
  }
  ok(layer->CommitTransaction());
}

void writePoints(Writer& writer, const Options& options, Random& random) {
  OGRLayer* layer = writer.layer("points", wkbPoint, {{"type", OFTString}, {"opened", OFTDate}, {"fine", OFTReal}});
  ok(layer->StartTransaction());
  for (int64_t i = 0; i < options.points; ++i) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("type", kTypes[random.index(std::size(kTypes))]);
    feature.SetField("opened", dateOf(random).c_str());
    feature.SetField("fine", std::round(random.uniform(0, 500)));
    feature.SetGeometryDirectly(new OGRPoint(kX0 + random.uniform() * kSide, kY0 + random.uniform() * kSide));
    writer.add(layer, feature);
    if ((i + 1) % 200000 == 0) {
      ok(layer->CommitTransaction());
      ok(layer->StartTransaction());
    }
  }
  ok(layer->CommitTransaction());
}

void writeAreas(Writer& writer, const Options& options, Random& random) {
  OGRLayer* layer = writer.layer("areas", wkbPolygon, {{"kind", OFTString}});
  ok(layer->StartTransaction());
  for (int64_t i = 0; i < options.areas; ++i) {
    // Clustered, so that many overlap, as yellow-line zones along a street do.
    const double cx = kX0 + random.uniform() * kSide, cy = kY0 + random.uniform() * kSide;
    const double size = random.uniform(5, 30);
    auto* ring = new OGRLinearRing();
    for (const XY& p : rectangle({cx, cy}, size, size * random.uniform(0.5, 1.5), random.uniform(0, 3.14)))
      ring->addPoint(p.x, p.y);
    ring->closeRings();
    auto* polygon = new OGRPolygon();
    polygon->addRingDirectly(ring);
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("kind", i % 2 ? "店外经营" : "临时摊点");
    feature.SetGeometryDirectly(polygon);
    writer.add(layer, feature);
  }
  ok(layer->CommitTransaction());
}

// Grid lines every 150 m; roads are the pieces between crossings, corridors random stretches
// along them (so corridors overlap one another and lie on the roads).
void writeLines(Writer& writer, const Options& options, Random& random) {
  const double kSpacing = options.roadSpacing;
  const int lines = static_cast<int>(kSide / kSpacing);
  if (options.roads && options.longRoads) {
    // Whole streets as digitised: vertices mid-block, so every crossing falls inside a segment.
    OGRLayer* layer = writer.layer("roads", wkbLineString, {{"name", OFTString}});
    ok(layer->StartTransaction());
    for (int direction = 0; direction < 2; ++direction)
      for (int i = 0; i <= lines; ++i) {
        auto* line = new OGRLineString();
        const double fixed = kSpacing * i;
        for (int j = 0; j <= lines; ++j) {
          const double along = j == 0 ? 0 : j == lines ? kSpacing * lines : kSpacing * (j + 0.5);
          if (direction == 0)
            line->addPoint(kX0 + along, kY0 + fixed);
          else
            line->addPoint(kX0 + fixed, kY0 + along);
        }
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("name", (std::string(direction ? "经" : "纬") + std::to_string(i + 1) + "路").c_str());
        feature.SetGeometryDirectly(line);
        writer.add(layer, feature);
      }
    ok(layer->CommitTransaction());
  } else if (options.roads) {
    OGRLayer* layer = writer.layer("roads", wkbLineString, {{"name", OFTString}});
    ok(layer->StartTransaction());
    for (int direction = 0; direction < 2; ++direction)
      for (int i = 0; i <= lines; ++i)
        for (int j = 0; j < lines; ++j) {
          const double fixed = kSpacing * i, from = kSpacing * j, to = kSpacing * (j + 1);
          auto* line = new OGRLineString();
          if (direction == 0) {
            line->addPoint(kX0 + from, kY0 + fixed);
            line->addPoint(kX0 + to, kY0 + fixed);
          } else {
            line->addPoint(kX0 + fixed, kY0 + from);
            line->addPoint(kX0 + fixed, kY0 + to);
          }
          OGRFeature feature(layer->GetLayerDefn());
          feature.SetField("name", direction ? "经路" : "纬路");
          feature.SetGeometryDirectly(line);
          writer.add(layer, feature);
        }
    ok(layer->CommitTransaction());
  }
  OGRLayer* layer = writer.layer("corridors", wkbLineString, {{"bundled_m", OFTReal}});
  ok(layer->StartTransaction());
  for (int64_t i = 0; i < options.corridors; ++i) {
    const double fixed = kSpacing * static_cast<double>(random.index(static_cast<size_t>(lines) + 1));
    const double start = random.uniform(0, kSide - 700), length = random.uniform(100, 600);
    auto* line = new OGRLineString();
    if (random.uniform() < 0.5) {
      line->addPoint(kX0 + start, kY0 + fixed);
      line->addPoint(kX0 + start + length, kY0 + fixed);
    } else {
      line->addPoint(kX0 + fixed, kY0 + start);
      line->addPoint(kX0 + fixed, kY0 + start + length);
    }
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("bundled_m", std::round(length * 3));
    feature.SetGeometryDirectly(line);
    writer.add(layer, feature);
  }
  ok(layer->CommitTransaction());
}

void writeCatalog(const Options& options) {
  std::ofstream catalog(options.out / "bench.json");
  catalog << R"({"name": {"zh": "基准测试", "en": "Benchmark city"}, "crs": "EPSG:32650", "layers": [
  {"id": "zones", "title": "Zones", "role": "zones", "source": "bench.gpkg", "layer": "zones",
   "id_field": "zone_code", "name_field": "name"},
  {"id": "points", "title": "Points", "role": "points", "source": "bench.gpkg", "layer": "points",
   "category_field": "type", "time_field": "opened", "sum_fields": ["fine"]})";
  if (options.areas)
    catalog << R"(,
  {"id": "areas", "title": "Areas", "role": "areas", "source": "bench.gpkg", "layer": "areas"})";
  if (options.roads)
    catalog << R"(,
  {"id": "roads", "title": "Roads", "role": "network", "source": "bench.gpkg", "layer": "roads"})";
  if (options.corridors)
    catalog << R"(,
  {"id": "corridors", "title": "Corridors", "role": "lines", "source": "bench.gpkg", "layer": "corridors",
   "sum_fields": ["bundled_m"])"
            << (options.roads ? R"(, "covers": "roads", "buffer_m": 15)" : "") << "}";
  catalog << "\n]}\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto next = [&]() -> std::string {
        if (i + 1 >= argc) throw InputError(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--out")
        options.out = next();
      else if (arg == "--points")
        options.points = number(next(), arg);
      else if (arg == "--zones")
        options.zones = std::max<int64_t>(2, number(next(), arg));
      else if (arg == "--areas")
        options.areas = number(next(), arg);
      else if (arg == "--corridors")
        options.corridors = number(next(), arg);
      else if (arg == "--roads")
        options.roads = true;
      else if (arg == "--long-roads")
        options.roads = options.longRoads = true;
      else if (arg == "--road-spacing")
        options.roadSpacing = std::max<double>(10, static_cast<double>(number(next(), arg)));
      else if (arg == "--no-index")
        options.spatialIndex = false;
      else if (arg == "--seed")
        options.seed = static_cast<uint64_t>(number(next(), arg));
      else
        throw InputError("unknown argument \"" + arg + "\"");
    }
    if (options.out.empty()) throw InputError("--out DIR is required");
    fs::create_directories(options.out);
    fs::remove(options.out / "bench.gpkg");
    ensureGdalRegistered();
    Random random(options.seed);
    Writer writer(options.out / "bench.gpkg", options.spatialIndex);
    Random zoneRandom = random.fork(1), pointRandom = random.fork(2), areaRandom = random.fork(3),
           lineRandom = random.fork(4);
    writeZones(writer, options, zoneRandom);
    writePoints(writer, options, pointRandom);
    if (options.areas) writeAreas(writer, options, areaRandom);
    if (options.roads || options.corridors) writeLines(writer, options, lineRandom);
    writeCatalog(options);
    std::cerr << "wrote " << (options.out / "bench.gpkg").string() << " and bench.json\n";
    return 0;
  } catch (const InputError& error) {
    std::cerr << "urbangis-benchdata: error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "urbangis-benchdata: internal error: " << error.what() << "\n";
    return 1;
  }
}
