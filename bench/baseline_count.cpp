// The plain one-thread C++ baseline of ../shared/TOOLCHAIN.md, for side-by-side timing:
// OGR feature loop + GEOS STRtree of the zones + prepared contains, one point at a time.
//   urbangis-baseline-count BENCH.gpkg  → prints the total count and the time.
// Not part of UrbanGIS: it is the yardstick `urbangis stats` is compared with.

#include <gdal_priv.h>
#include <geos_c.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: urbangis-baseline-count BENCH.gpkg\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  GDALAllRegister();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) return 1;
  GEOSContextHandle_t h = GEOS_init_r();
  std::vector<GEOSGeometry*> zones;
  std::vector<const GEOSPreparedGeometry*> prepared;
  GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
  std::vector<size_t> ids;
  for (auto& feature : *dataset->GetLayerByName("zones")) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    std::vector<unsigned char> wkb(static_cast<size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data());
    zones.push_back(GEOSGeomFromWKB_buf_r(h, wkb.data(), wkb.size()));
    prepared.push_back(GEOSPrepare_r(h, zones.back()));
  }
  ids.resize(zones.size());
  for (size_t i = 0; i < zones.size(); ++i) {
    ids[i] = i;
    GEOSSTRtree_insert_r(h, tree, zones[i], &ids[i]);
  }
  std::vector<long> counts(zones.size(), 0);
  struct Query {
    GEOSContextHandle_t h;
    const std::vector<const GEOSPreparedGeometry*>* prepared;
    GEOSGeometry* point;
    std::vector<long>* counts;
  };
  OGRLayer* points = dataset->GetLayerByName("points");
  for (auto& feature : *points) {
    const OGRPoint* point = feature->GetGeometryRef()->toPoint();
    GEOSGeometry* probe = GEOSGeom_createPointFromXY_r(h, point->getX(), point->getY());
    Query query{h, &prepared, probe, &counts};
    GEOSSTRtree_query_r(
        h, tree, probe,
        [](void* item, void* data) {
          auto* q = static_cast<Query*>(data);
          const size_t zone = *static_cast<size_t*>(item);
          if (GEOSPreparedContains_r(q->h, (*q->prepared)[zone], q->point)) ++(*q->counts)[zone];
        },
        &query);
    GEOSGeom_destroy_r(h, probe);
  }
  long total = 0;
  for (long count : counts) total += count;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("baseline: %ld points in %zu zones, %.3f s\n", total, zones.size(), seconds);
  for (auto* p : prepared) GEOSPreparedGeom_destroy_r(h, p);
  for (auto* z : zones) GEOSGeom_destroy_r(h, z);
  GEOSSTRtree_destroy_r(h, tree);
  GEOS_finish_r(h);
  return 0;
}
