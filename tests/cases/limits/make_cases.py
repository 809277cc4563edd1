#!/usr/bin/python3
"""Writes the depth-limit cases (docs/robustness.md, "Depth limits"): the two --where filters that
overflowed the stack (SIGSEGV) before the limit, as the CLI gets them. The filters are too long to
write by hand, hence this script. Run: /usr/bin/python3 tests/cases/limits/make_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DAYE = "${SOURCE}/layers/daye.json"


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def export_where(where):
    return ["export", DAYE, "--layer", "complaints", "--where", where, "--out", "${TMP}/out.csv"]


# A single argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN): both fit.
write("where_60000_parentheses", {
    "description": "60,000 \"(\" (a stack overflow before the limit) stop at the 257th with exit code 2",
    "args": export_where("(" * 60000),
    "exit": 2,
    "stderr": ["(60000 characters): column 257: nested more than 256 levels deep (each \"(\" and NOT is a level)"],
    "stderr_lines": 1})

write("where_30000_not", {
    "description": "30,000 NOT (a stack overflow before the limit) stop at the 257th, column 1025, with exit code 2",
    "args": export_where("NOT " * 30000 + "type = '油烟'"),
    "exit": 2,
    "stderr": ["column 1025: nested more than 256 levels deep (each \"(\" and NOT is a level)"],
    "stderr_lines": 1})

write("where_256_levels", {
    "description": "256 levels are allowed: 128 NOT around 128 parentheses select what the bare test selects",
    "args": export_where("NOT " * 128 + "(" * 128 + "case_no = 'YY2023-0001'" + ")" * 128),
    "exit": 0, "outputs": ["out.csv"], "stderr": ["exported 1 of "],
    "expect_table": {"file": "out.csv", "key": "case_no", "row_count": 1, "rows": {"YY2023-0001": {}}}})


# Geometry nesting: GDAL bounds it before our code sees it (its WKB and WKT readers stop at 32
# levels of collections, its GeoJSON reader at 1024 levels of JSON, about 510 collections), and
# toGeos refuses more than 32, which GDAL could not write back. Our walkers recurse once per level.
def nested(geometry, levels):
    return '{"type":"GeometryCollection","geometries":[' * levels + geometry + ']}' * levels


def feature_collection(geometry, properties):
    return ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":' + properties +
            ',"geometry":' + geometry + '}]}')


SQUARE = '{"type":"Polygon","coordinates":[[[114.9,30.0],[115.0,30.0],[115.0,30.1],[114.9,30.1],[114.9,30.0]]]}'
ROAD = '{"type":"LineString","coordinates":[[114.91,30.05],[114.99,30.05]]}'
CATALOG = json.dumps({"name": "deep", "crs": "EPSG:32650", "layers": [
    {"id": "zones", "title": "zones", "role": "zones", "source": "zones.geojson", "id_field": "code", "name_field": "name"},
    {"id": "roads", "title": "roads", "role": "lines", "source": "roads.geojson"},
    {"id": "net", "title": "net", "role": "network", "source": "roads.geojson"}]})

write("stats_geometry_nested_32_levels", {
    "description": "zones and lines nested 32 GeometryCollections deep (GDAL's WKB limit) are measured and written",
    "files": {"catalog.json": CATALOG,
              "zones.geojson": feature_collection(nested(SQUARE, 32), '{"code":"A","name":"deep"}'),
              "roads.geojson": feature_collection(nested(ROAD, 32), '{"road":"r"}')},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.gpkg"],
    "exit": 0, "outputs": ["out.gpkg"],
    "expect_table": {"file": "out.gpkg", "key": "zone_id", "tolerance": 1e-3,
                     "rows": {"A": {"roads_length_m": 7715.03}}}})

write("error_geometry_nested_500_levels", {
    "description": "a zone nested 500 GeometryCollections deep (GDAL's GeoJSON reader allows about 510) is refused naming it",
    "files": {"catalog.json": CATALOG,
              "zones.geojson": feature_collection(nested(SQUARE, 500), '{"code":"A","name":"deep"}'),
              "roads.geojson": feature_collection(ROAD, '{"road":"r"}')},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones"],
    "exit": 2, "stderr": ["zone A: a geometry nested 500 collections deep; GDAL reads and writes at most 32"],
    "stderr_lines": 1})

write("error_geometry_nested_1000_levels", {
    "description": "a GeoJSON nested 1,000 GeometryCollections deep is refused by GDAL's reader, naming the file",
    "files": {"deep.geojson": feature_collection(nested(ROAD, 1000), '{"road":"r"}')},
    "args": ["info", "${TMP}/deep.geojson"],
    "exit": 2, "stderr": ["deep.geojson: cannot open: Failed to read GeoJSON data"], "stderr_lines": 1})
