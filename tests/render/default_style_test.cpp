// Layers without a style file (render/default_style.h): each in the colour its catalog gives it,
// distinct across a drafted catalog, and a colour per category of its category_field.

#include <catch2/catch.hpp>

#include <set>

#include "core/progress.h"
#include "io/catalog/catalog_init.h"
#include "io/catalog/catalog_with_files.h"
#include "render/render_layer.h"
#include "style/rgba.h"
#include "test_support.h"

using namespace urbangis;
namespace fs = std::filesystem;

namespace {
const fs::path kGeodanet = "/usr/lib/python3/dist-packages/libpysal/examples/geodanet";
const CrsSpec kUtm{"EPSG:32612", ChineseOffset::none, "UTM 12N"};
}  // namespace

TEST_CASE("drafted layers draw in colours of their own", "[default_style]") {
  const Catalog tempe = openCatalogOrData(kGeodanet);
  std::set<std::string> colours;
  for (const LayerSpec& spec : tempe.layers) {
    INFO(spec.id);
    REQUIRE_FALSE(spec.colour.empty());
    colours.insert(spec.colour);
    const RenderLayer layer = loadRenderLayer(spec, kUtm, "en", std::nullopt, SilentProgress());
    const Rgba expected = *parseColour(spec.colour);
    if (geometryOf(spec.role) == GeometryFamily::line)
      CHECK(layer.style.symbol.stroke == expected);
    else
      CHECK(layer.style.symbol.fill == expected);
  }
  CHECK(colours.size() == tempe.layers.size());
}

TEST_CASE("a layer with a category field and no style: a colour per category, in the legend", "[default_style]") {
  const test::TempDir dir;
  fs::copy_file(test::dataDir() / "complaints.csv", dir.path() / "cases.csv");
  const Catalog cases = openCatalogOrData(dir.path() / "cases.csv");
  REQUIRE(cases.layers.size() == 1);
  const LayerSpec& spec = cases.layers.front();
  REQUIRE(spec.categoryField == "type");
  const RenderLayer layer = loadRenderLayer(spec, kUtm, "zh", std::nullopt, SilentProgress());
  CHECK(layer.style.renderer == StyleRenderer::categorized);
  REQUIRE(layer.style.categories.size() == 2);  // 油烟, 噪音
  CHECK_FALSE(layer.style.categories[0].symbol.fill == layer.style.categories[1].symbol.fill);
  CHECK(layer.legend.size() == 2);
  size_t classified = 0;
  for (const DrawFeature& feature : layer.features) classified += feature.symbolClass >= 0;
  CHECK(classified == layer.features.size());
}
