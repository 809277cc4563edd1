// urbangis: every analysis of UrbanGIS, headless.

#include <malloc.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/error.h"

namespace {

constexpr const char* kUsage = R"(usage: urbangis COMMAND [options]

Commands:
  info [CATALOG_OR_SOURCE] [--json]   list the layers of a catalog (default: the embedded Daye
                                      catalog) or of any GDAL/OGR datasource
  stats [CATALOG] --by ZONES [--layers A,B] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
        [--out FILE.csv|.geojson|.gpkg|.shp] [--threads N] [--engine auto|local|postgis]
        [--classes national|FILE] [--cases [--monthly]]
                                      per-zone counts, densities, covered areas and lengths;
                                      by national class; case indicators (per month)
  hotspot kde|hexbin|gistar [CATALOG] --layer L …
                                      kernel density rasters, hexagon bins, Gi* hot spots
                                      (urbangis hotspot for the options)
  export [CATALOG] --layer L [--where EXPR] [--by ZONES] [--keep-crs] [--to CRS]
         [--classes national|local|FILE] --out FILE
                                      a layer (filtered, joined to zones, with its national
                                      classes) as RFC 7946 GeoJSON, GeoPackage, CSV or shapefile
  route [CATALOG] --from LON,LAT --to LON,LAT [--via LON,LAT …] [--out FILE]
                                      shortest route along the road network, with directions
  route tour [CATALOG] --corridors LAYER [--where EXPR] [--depot LON,LAT] [--out FILE]
                                      one closed tour along every selected corridor
  route graph [CATALOG] [--out FILE]  the noded road graph and its report
                                      (urbangis route --help for the options)
  render [CATALOG] [--layers A,B] [--extent ZONE_ID | --bbox W,S,E,N] [--style-by COLUMN [--by ZONES]]
         [--size WxH] [--dpi N] [--title TEXT] [--lang zh|en] --out FILE.png|.pdf
                                      a print map with title, legend, scale bar, north arrow,
                                      date, source and CRS (PDF in vector)
  webmap [CATALOG] --out MAP.html [--layers A,B] [--by ZONES --style-by COLUMN]
         [--hotspot kde|gistar:LAYER …] [--route FILE] [--month YYYY-MM] [--bbox W,S,E,N]
         [--basemap URL [--basemap-datum gcj02]] [--with-keys] [--title T] [--lang zh|en]
                                      an interactive map in one HTML file that opens offline on
                                      a desktop or a phone: layers, legend, popups, zone search,
                                      month slider, hot spots, a route's directions, locate me
  report [CATALOG] --year YYYY --out DIR [--lang zh|en] [--choropleth LAYER] [--hotspot LAYER]
                                      the annual report: DIR/report.html and DIR/report.pdf with
                                      headline figures, monthly trends, tables by zone and maps
  grid [CATALOG] --by ZONES [--cell M] [--min-area M2] [--split-by NETWORK] [--major-classes A,B]
       [--out FILE]                   unit grids (单元网格) inside every community, with 15-digit
                                      grid codes, optionally cut along the major roads
  load [CATALOG] PG:CONNECTION [--layers A,B] [--schema S] [--catalog-out FILE]
                                      copy the catalog's vector layers into PostGIS (GiST
                                      index, primary key), optionally writing a catalog of them
  convert --from CRS --to CRS IN OUT [--layer NAME] [--x COL --y COL]
                                      convert a file between GCJ-02, BD-09, WGS84, CGCS2000
                                      and EPSG:n (exact offsets; all attributes kept)
  catalog init FILE|FOLDER… --out CATALOG.json [--name N] [--role ID=ROLE] [--field ID.KEY=F]
       [--crs ID=CRS]                 a catalog of your own files: roles, fields and CRS
                                      inferred and printed with their reasons
  cache [clear]                       where the road-graph cache is, its size and limit
                                      (URBANGIS_CACHE_MAX_MB, default 512); clear empties it

CATALOG is a catalog file, or a data file or folder in its place (its layers inferred as by
catalog init). A layer option (--by, --layers, --layer …) takes a layer id or a data file: an
argument with a '/' or a '.' is a file (no layer id has either), e.g.
  urbangis stats --by wards.geojson --layers cases.csv

Exit codes: 0 success, 1 internal error, 2 bad input or usage.
)";

}  // namespace

int main(int argc, char** argv) {
  // Columnar batches are a few MB each: keep freed ones in the heap for the next batch instead
  // of returning them to the kernel and faulting fresh pages in (measured: 15 % of a run).
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "info") return urbangis::cli::runInfo(rest);
    if (command == "stats") return urbangis::cli::runStats(rest);
    if (command == "convert") return urbangis::cli::runConvert(rest);
    if (command == "hotspot") return urbangis::cli::runHotspot(rest);
    if (command == "export") return urbangis::cli::runExport(rest);
    if (command == "route") return urbangis::cli::runRouteCommand(rest);
    if (command == "render") return urbangis::cli::runRender(rest);
    if (command == "report") return urbangis::cli::runReport(rest);
    if (command == "load") return urbangis::cli::runLoad(rest);
    if (command == "grid") return urbangis::cli::runGrid(rest);
    if (command == "cache") return urbangis::cli::runCache(rest);
    if (command == "catalog") return urbangis::cli::runCatalog(rest);
    if (command == "webmap") return urbangis::cli::runWebmap(rest);
    std::cerr << "urbangis: error: unknown command \"" << command << "\"\n" << kUsage;
    return 2;
  } catch (const urbangis::InputError& error) {
    std::cerr << "urbangis: error: " << error.what() << "\n";
    return 2;
  } catch (const urbangis::Cancelled&) {
    std::cerr << "urbangis: cancelled\n";
    return 130;
  } catch (const std::exception& error) {
    std::cerr << "urbangis: internal error: " << error.what() << "\n";
    return 1;
  }
}
