#include "datagen/generator.h"

#include "datagen/dataset_writer.h"
#include "datagen/layers.h"
#include "datagen/outline.h"

namespace urbangis::datagen {

void generateDaye(const GeneratorOptions& options) {
  const auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  GeosContext geos;
  Projection projection;
  const Places places = readPlaces(options.placesFolder);
  GeomPtr outline = readCountyOutline(geos, projection, options.boundaryFile, "大冶市");
  Random random(options.seed);
  // Each part draws from its own stream, so changing one layer leaves the others as they were.
  Random layoutRandom = random.fork(1), roadRandom = random.fork(2);
  say("drawing townships and communities");
  const CityLayout city = buildLayout(geos, places, projection, std::move(outline), layoutRandom);
  say("laying roads");
  const RoadNetwork network = buildRoads(geos, city, roadRandom);
  const GeneratorContext context{geos, projection, city, network, options.scale};

  std::vector<Table> layers;
  layers.push_back(makeDistricts(context));
  layers.push_back(makeCommunities(context));
  layers.push_back(makeRoads(context));
  const auto withStream = [&](uint64_t stream, auto make) {
    Random layerRandom = random.fork(stream);
    say("generating layer " + std::to_string(stream));
    return make(context, layerRandom);
  };
  layers.push_back(withStream(10, makeStreetOrderCases));
  layers.push_back(withStream(11, makeDemolitions));
  layers.push_back(withStream(12, makeBillboardRemovals));
  layers.push_back(withStream(13, makeMuckSources));
  layers.push_back(withStream(14, makeGasHazards));
  layers.push_back(withStream(15, makeYellowLineZones));
  layers.push_back(withStream(16, makeCableCorridors));
  say("cutting unit grids");
  layers.push_back(makeUnitGrids(context, layers[1], layers[2]));  // communities, roads
  // Written after the layers above, which keep their order in the GeoPackage.
  layers.push_back(makeVillages(context));
  layers.push_back(makeNeighbourhoods(context));
  layers.push_back(withStream(18, makeAssets));
  std::vector<Table> csvTables;
  csvTables.push_back(withStream(17, makeComplaints));

  say("writing " + options.outputFolder.string());
  writeDataset(geos, projection, {options.outputFolder / "daye.gpkg", &layers, options.outputFolder, &csvTables});
}

}  // namespace urbangis::datagen
