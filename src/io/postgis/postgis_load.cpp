#include "io/postgis/postgis_load.h"

#include <gdal_utils.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/filter/filter_expression.h"
#include "io/gdal_support.h"
#include "io/outputs/atomic_output.h"
#include "io/postgis/pg_source.h"
#include "io/postgis/postgis_connection.h"
#include "io/postgis/postgis_load_staging.h"
#include "io/sources/vector_source.h"

namespace urbangis {
namespace {

namespace fs = std::filesystem;

std::vector<const LayerSpec*> layersToLoad(const Catalog& catalog, const LoadRequest& request) {
  std::vector<const LayerSpec*> layers;
  if (request.layers.empty()) {
    for (const auto& layer : catalog.layers)
      if (layer.isVector()) layers.push_back(&layer);
    return layers;
  }
  for (const auto& id : request.layers) {
    const LayerSpec& layer = catalog.layer(id);
    if (!layer.isVector()) throw InputError(layer.where() + ": is a raster layer; load copies vector layers");
    if (std::find(layers.begin(), layers.end(), &layer) == layers.end()) layers.push_back(&layer);
  }
  return layers;
}

struct TranslateOptionsDeleter {
  void operator()(GDALVectorTranslateOptions* options) const { GDALVectorTranslateOptionsFree(options); }
};

// Polygons and lines as multi-geometries, so a table holds one geometry type whatever mix the
// source has; points stay points (multipoints, rare, count at their centroid either way).
const char* promotion(LayerRole role) {
  return geometryOf(role) == GeometryFamily::point ? nullptr : "PROMOTE_TO_MULTI";
}

// DateTime fields whose values carry no UTC offset (OGR TZ flag unknown or local time), judged
// by the first value set among the first 1,000 features.
std::vector<std::string> localDateTimeFields(OGRLayer& layer) {
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  std::vector<int> candidates;
  for (int i = 0; i < definition.GetFieldCount(); ++i)
    if (definition.GetFieldDefn(i)->GetType() == OFTDateTime) candidates.push_back(i);
  std::vector<std::string> local;
  if (candidates.empty()) return local;
  std::vector<int> flag(candidates.size(), -1);
  layer.ResetReading();
  int seen = 0;
  for (auto& feature : layer) {
    for (size_t c = 0; c < candidates.size(); ++c)
      if (flag[c] < 0 && feature->IsFieldSetAndNotNull(candidates[c])) {
        int y, m, d, h, min, tz;
        float s;
        feature->GetFieldAsDateTime(candidates[c], &y, &m, &d, &h, &min, &s, &tz);
        flag[c] = tz;
      }
    if (++seen >= 1000 || std::all_of(flag.begin(), flag.end(), [](int f) { return f >= 0; })) break;
  }
  layer.ResetReading();
  for (size_t c = 0; c < candidates.size(); ++c)
    if (flag[c] <= 1) local.push_back(definition.GetFieldDefn(candidates[c])->GetNameRef());
  return local;
}

}  // namespace

LoadResult loadIntoPostgis(const Catalog& catalog, const LoadRequest& request, const Progress& progress) {
  if (!isPgSource(request.target))
    throw InputError("load: the target \"" + redactSecrets(request.target) +
                     "\" is not a PostgreSQL connection; write PG:host=… port=… dbname=… user=…");
  refusePassword(request.target, "load target");
  if (request.schema.empty()) throw InputError("load: --schema must not be empty");
  const auto layers = layersToLoad(catalog, request);
  const std::string target = redactSecrets(request.target);

  const PgConnection connection(request.target);
  const PgResult postgis =
      connection.exec("SELECT count(*) FROM pg_extension WHERE extname = 'postgis'", {}, "checking for PostGIS");
  if (postgis.integer(0, 0) == 0)
    throw InputError(target + ": the database has no PostGIS; run CREATE EXTENSION postgis in it first");
  connection.exec("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(request.schema), {},
                  "creating schema " + request.schema);
  const SchemaLoadLock lock(connection, request.schema);
  LoadResult result;
  for (const std::string& stale : dropStaleStagingTables(connection, request.schema))
    result.notes.push_back("dropped " + request.schema + "." + stale + ", left by an interrupted load");
  // Every layer is copied into its staging table first; the old tables stay readable and
  // untouched until all are complete and swapped in at once (postgis_load_staging.h).
  StagingTables staging(connection, request.schema);

  ensureGdalRegistered();
  GDALDatasetUniquePtr destination;
  {
    GdalErrorCapture errors;
    destination.reset(
        GDALDataset::Open(request.target.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    if (!destination) throw InputError(target + ": cannot open for writing: " + redactSecrets(errors.lastError()));
  }

  for (size_t index = 0; index < layers.size(); ++index) {
    progress.checkCancelled();
    const LayerSpec& spec = *layers[index];
    progress.report("loading " + spec.id, static_cast<double>(index) / static_cast<double>(layers.size()));
    const auto started = std::chrono::steady_clock::now();
    VectorSource source = openCatalogLayer(spec);  // read-only; CSV x/y and encodings as for every command
    const CrsSpec crs = layerCrsSpec(spec, *source.layer);
    const std::string stagingName = staging.add(spec.id);

    std::vector<std::string> arguments = {"-overwrite",
                                          "-nln",
                                          request.schema + "." + stagingName,
                                          "-lco",
                                          "GEOMETRY_NAME=geom",
                                          "-lco",
                                          "FID=fid",
                                          "-lco",
                                          "SPATIAL_INDEX=GIST",
                                          "-lco",
                                          "LAUNDER=NO",
                                          "-preserve_fid",
                                          "-gt",
                                          "65536"};
    if (spec.crs) arguments.insert(arguments.end(), {"-a_srs", crs.definition});
    if (const char* promote = promotion(spec.role)) arguments.insert(arguments.end(), {"-nlt", promote});
    arguments.push_back(source.layer->GetName());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const std::string what = spec.where() + " → " + target + " table " + request.schema + "." + spec.id;
    std::unique_ptr<GDALVectorTranslateOptions, TranslateOptionsDeleter> options(
        GDALVectorTranslateOptionsNew(argv.data(), nullptr));
    if (!options) throw InputError(what + ": bad translation options");
    GDALDatasetH sourceHandle = GDALDataset::ToHandle(source.dataset.get());
    int usageError = 0;
    {
      GdalErrorCapture errors;
      GDALDatasetH written = GDALVectorTranslate(nullptr, GDALDataset::ToHandle(destination.get()), 1, &sourceHandle,
                                                 options.get(), &usageError);
      if (!written || usageError || !errors.lastError().empty())
        throw InputError(what + ": copy failed: " +
                         redactSecrets(errors.firstError().empty() ? "GDAL gave no reason" : errors.firstError()));
    }
    destination->FlushCache();

    const std::string table = qualifiedName(request.schema, stagingName);
    // Date-times written without a UTC offset (a CSV's local times) stay so: GDAL creates
    // `timestamp with time zone`, which would read back with "+00" appended.
    for (const std::string& field : localDateTimeFields(*source.layer))
      connection.exec("ALTER TABLE " + table + " ALTER COLUMN " + quoteIdentifier(field) +
                          " TYPE timestamp without time zone USING " + quoteIdentifier(field) +
                          " AT TIME ZONE current_setting('TimeZone')",
                      {}, "keeping " + spec.id + "." + field + " in local time");
    connection.exec("ANALYZE " + table, {}, "analysing " + request.schema + "." + spec.id);
    const PgResult facts =
        connection.exec("SELECT (SELECT count(*) FROM " + table +
                            "), "
                            "Find_SRID($1, $2, 'geom'), "
                            "(SELECT type FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2), "
                            "(SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexdef "
                            "LIKE '%USING gist%'), "
                            "(SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                            "  JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname = $2 "
                            "AND c.contype = 'p')",
                        {request.schema, stagingName}, "checking table " + request.schema + "." + stagingName);
    if (facts.integer(0, 3) == 0)
      connection.exec("CREATE INDEX ON " + table + " USING gist (geom)", {}, "indexing " + table);
    if (facts.integer(0, 4) == 0)
      connection.exec("ALTER TABLE " + table + " ADD PRIMARY KEY (fid)", {}, "adding a primary key to " + table);

    LoadedTable loaded;
    loaded.layerId = spec.id;
    loaded.table = request.schema + "." + spec.id;
    loaded.rows = facts.integer(0, 0);
    loaded.srid = static_cast<int>(facts.integer(0, 1));
    loaded.geometryType = facts.text(0, 2);
    loaded.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int64_t sourceRows = source.layer->GetFeatureCount(TRUE);
    if (sourceRows >= 0 && sourceRows != loaded.rows)
      throw InputError(what + ": the source has " + std::to_string(sourceRows) + " features but the table " +
                       std::to_string(loaded.rows) + " rows");
    for (const auto& note : source.notes) result.notes.push_back(note);
    result.tables.push_back(std::move(loaded));
  }
  destination.reset();  // GDAL's session ends before the swap
  progress.checkCancelled();
  progress.report("replacing the tables", 1.0);
  staging.swapIn();
  return result;
}

void writeLoadedCatalog(const Catalog& catalog, const LoadRequest& request, const LoadResult& result,
                        const fs::path& out) {
  std::vector<fs::path> inputs{catalog.file};
  for (const auto& layer : catalog.layers)
    if (!isPgSource(layer.resolvedSource)) inputs.push_back(layer.resolvedSource);
  checkOutputTarget(out, inputs);
  std::ifstream in(catalog.file, std::ios::binary);
  nlohmann::json document = nlohmann::json::parse(in);
  document.erase("$schema");
  for (auto& object : document["layers"]) {
    const std::string id = object.value("id", "");
    const LayerSpec& spec = catalog.layer(id);
    const auto loaded = std::find_if(result.tables.begin(), result.tables.end(),
                                     [&](const LoadedTable& table) { return table.layerId == id; });
    if (loaded != result.tables.end()) {
      object["source"] = request.target;
      object["layer"] = loaded->table;
      for (const char* key : {"x", "y", "encoding"}) object.erase(key);
    } else {
      object["source"] = isPgSource(spec.resolvedSource) || spec.resolvedSource.rfind("/vsi", 0) == 0
                             ? spec.resolvedSource
                             : fs::absolute(spec.resolvedSource).lexically_normal().string();
    }
    if (!spec.resolvedStyle.empty()) object["style"] = fs::absolute(spec.resolvedStyle).lexically_normal().string();
  }
  AtomicOutput output(out);
  {
    std::ofstream stream(output.path(), std::ios::binary);
    stream << document.dump(2) << "\n";
    if (!stream) throw InputError(out.string() + ": cannot write the catalog");
  }
  output.commit();
}

}  // namespace urbangis
