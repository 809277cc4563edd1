#!/usr/bin/python3
"""Writes the declarative cases for Chinese data (offsets, detection, encodings) in this folder.
Reference values: the published GCJ-02/BD-09 outputs (see tests/cases/offsets/chinese_offsets.gie).
Run: /usr/bin/python3 tests/cases/chinese/make_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NATIVE_COUNTS = {  # complaints by district, read as the data's own CGCS2000 (checked with shapely)
    "420281001": 45, "420281002": 73, "420281003": 14, "420281004": 9, "420281070": 13,
    "420281100": 2, "420281101": 5, "420281102": 2, "420281103": 2, "420281104": 2,
    "420281105": 0, "420281107": 2, "420281108": 1, "420281109": 4, "420281170": 2,
    "420281200": 2, "420281401": 4, "420281402": 2, "(none)": 0}


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def catalog(complaints_crs, complaints_source="complaints_gcj.csv"):
    return json.dumps({"crs": "EPSG:4547", "layers": [
        {"id": "districts", "title": "D", "role": "zones", "source": "${DATA}/daye.gpkg",
         "layer": "districts", "id_field": "code", "name_field": "name"},
        {"id": "roads", "title": "R", "role": "network", "source": "${DATA}/daye.gpkg", "layer": "roads"},
        {"id": "complaints", "title": "C", "role": "points", "source": complaints_source,
         "x": "lon", "y": "lat", "crs": complaints_crs, "category_field": "type"}]}, ensure_ascii=False)


TO_GCJ = [["convert", "--src-crs", "cgcs2000", "--dst-crs", "gcj02", "--x", "lon", "--y", "lat",
           "${DATA}/complaints.csv", "${TMP}/complaints_gcj.csv"]]
POINTS = "id,name,lon,lat\n1,天安门,116.404,39.915\n2,东岳路,114.97,30.10\n3,巴黎,2.3522,48.8566\n"

write("convert_wgs84_to_gcj02", {
    "description": "WGS84 → GCJ-02 gives the published values; outside China nothing moves",
    "files": {"pts.csv": POINTS},
    "args": ["convert", "--src-crs", "WGS84", "--dst-crs", "GCJ-02", "--x", "lon", "--y", "lat",
             "${TMP}/pts.csv", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "id", "tolerance": 1e-13, "row_count": 3, "rows": {
        "1": {"lon": 116.41024449916938, "lat": 39.91640428150164, "name": "天安门"},
        "3": {"lon": 2.3522, "lat": 48.8566}}}})

write("convert_gcj02_to_bd09", {
    "description": "GCJ-02 → BD-09 gives the published values",
    "files": {"pts.csv": POINTS},
    "args": ["convert", "--src-crs", "gcj02", "--dst-crs", "bd09", "--x", "lon", "--y", "lat",
             "${TMP}/pts.csv", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "id", "tolerance": 1e-13, "row_count": 3, "rows": {
        "1": {"lon": 116.41036949371029, "lat": 39.92133699351021}}}})

write("convert_round_trip", {
    "description": "to GCJ-02 and back lands on the same point (exact inverse, not one step)",
    "files": {"pts.csv": POINTS},
    "setup": [["convert", "--src-crs", "wgs84", "--dst-crs", "gcj02", "--x", "lon", "--y", "lat",
               "${TMP}/pts.csv", "${TMP}/gcj.csv"]],
    "args": ["convert", "--src-crs", "gcj02", "--dst-crs", "wgs84", "--x", "lon", "--y", "lat",
             "${TMP}/gcj.csv", "${TMP}/back.csv"],
    "exit": 0, "outputs": ["back.csv"],
    "expect_table": {"file": "back.csv", "key": "id", "tolerance": 1e-11, "row_count": 3, "rows": {
        "1": {"lon": 116.404, "lat": 39.915}, "2": {"lon": 114.97, "lat": 30.10}}}})

write("convert_geojson_layer", {
    "description": "a GeoJSON file converts too, attributes kept, as GeoJSON",
    "files": {"in.geojson": json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "a", "名称": "东岳路"},
         "geometry": {"type": "Point", "coordinates": [116.404, 39.915]}}]}, ensure_ascii=False)},
    "args": ["convert", "--dst-crs", "gcj02", "${TMP}/in.geojson", "${TMP}/out.geojson"],
    "exit": 0, "outputs": ["out.geojson"], "stderr": ["converted 1 features"]})

write("error_convert_unknown_crs", {
    "description": "an unknown CRS name lists the ones there are",
    "files": {"pts.csv": POINTS},
    "args": ["convert", "--src-crs", "mars", "--dst-crs", "wgs84", "--x", "lon", "--y", "lat", "${TMP}/pts.csv", "${TMP}/o.csv"],
    "exit": 2, "stderr": ["--src-crs: unknown CRS \"mars\"; use gcj02, bd09, wgs84, cgcs2000 or EPSG:n"], "stderr_lines": 1})

write("error_convert_over_input", {
    "description": "convert refuses to write over its input",
    "files": {"pts.csv": POINTS},
    "args": ["convert", "--src-crs", "gcj02", "--dst-crs", "wgs84", "--x", "lon", "--y", "lat", "${TMP}/pts.csv", "${TMP}/pts.csv"],
    "exit": 2, "stderr": ["refusing to write over an input"], "stderr_lines": 1})

write("error_convert_no_crs", {
    "description": "a CSV has no CRS of its own: --src-crs is needed",
    "files": {"pts.csv": POINTS},
    "args": ["convert", "--dst-crs", "wgs84", "--x", "lon", "--y", "lat", "${TMP}/pts.csv", "${TMP}/o.csv"],
    "exit": 2, "stderr": ["say which with --src-crs"], "stderr_lines": 1})

write("stats_gcj_layer_converts_on_load", {
    "description": "a GCJ-02 layer declared as such is converted on load: the same counts as the original",
    "setup": TO_GCJ,
    "files": {"catalog.json": catalog("GCJ-02")},
    "args": ["stats", "${TMP}/catalog.json", "--by", "districts", "--layers", "complaints", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 19,
                     "rows": {zone: {"complaints_count": n} for zone, n in NATIVE_COUNTS.items()}}})

write("info_warns_gcj02_declared_as_cgcs2000", {
    "description": "GCJ-02 data declared CGCS2000 lies far from the roads: info says to declare GCJ-02",
    "setup": TO_GCJ,
    "files": {"catalog.json": catalog("CGCS2000")},
    "args": ["info", "${TMP}/catalog.json"],
    "exit": 0, "stderr": ["complaints: declared EPSG:4490", "much nearer the roads read as GCJ-02",
                          "declare \"crs\": \"GCJ-02\""], "stderr_lines": 1})

write("info_quiet_when_gcj02_declared", {
    "description": "the same data declared GCJ-02: no warning",
    "setup": TO_GCJ,
    "files": {"catalog.json": catalog("GCJ-02")},
    "args": ["info", "${TMP}/catalog.json"],
    "exit": 0, "stderr_lines": 0})

write("info_warns_misregistered_layer", {
    "description": "a layer shifted by tens of kilometres overlaps no zone: info says so",
    "files": {"far.csv": "id,type,lon,lat\n1,a,115.47,30.60\n2,a,115.48,30.61\n",
              "catalog.json": catalog("WGS84", "far.csv")},
    "args": ["info", "${TMP}/catalog.json"],
    "exit": 0, "stderr": ["complaints: none of its features lies within the extent of districts"]})

write("stats_gbk_csv_categories", {
    "description": "a GBK CSV is detected, read as GBK and its Chinese categories become columns",
    "files": {"catalog.json": json.dumps({"crs": "EPSG:4547", "layers": [
        {"id": "districts", "title": "D", "role": "zones", "source": "${DATA}/daye.gpkg",
         "layer": "districts", "id_field": "code"},
        {"id": "hotline", "title": "H", "role": "points", "source": "${SOURCE}/tests/data/encodings/gbk.csv",
         "x": "lon", "y": "lat", "crs": "CGCS2000", "category_field": "type"}]})},
    "args": ["stats", "${TMP}/catalog.json", "--by", "districts", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "rows": {
        "420281001": {"hotline_count": 1, "hotline_count:油烟": 1},
        "420281002": {"hotline_count": 2, "hotline_count:噪音": 1, "hotline_count:油烟": 1},
        "(none)": {"hotline_count": 0}}}})
# Any of the CRSs Chinese bureaus use works as the working CRS, with the same counts.
for working in ("EPSG:4548", "EPSG:32650", "EPSG:4490", "WGS84"):
    document = json.loads(catalog("CGCS2000", "${DATA}/complaints.csv"))
    document["crs"] = working
    write("stats_working_crs_" + working.replace(":", "_").lower(), {
        "description": f"working CRS {working}: the same counts as in EPSG:4547",
        "files": {"catalog.json": json.dumps(document)},
        "args": ["stats", "${TMP}/catalog.json", "--by", "districts", "--layers", "complaints",
                 "--out", "${TMP}/out.csv"],
        "exit": 0, "outputs": ["out.csv"],
        "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 19,
                         "rows": {zone: {"complaints_count": n} for zone, n in NATIVE_COUNTS.items()}}})

write("error_buffer_in_geographic_working_crs", {
    "description": "a geographic working CRS cannot buffer in metres: a clear error",
    "files": {"catalog.json": json.dumps({"crs": "EPSG:4490", "layers": [
        {"id": "districts", "title": "D", "role": "zones", "source": "${DATA}/daye.gpkg", "layer": "districts", "id_field": "code"},
        {"id": "roads", "title": "R", "role": "network", "source": "${DATA}/daye.gpkg", "layer": "roads"},
        {"id": "cable", "title": "C", "role": "lines", "source": "${DATA}/daye.gpkg", "layer": "cable_corridors", "covers": "roads"}]})},
    "args": ["stats", "${TMP}/catalog.json", "--by", "districts"],
    "exit": 2, "stderr": ["is geographic, so cable's buffer_m cannot be drawn in metres"], "stderr_lines": 1})
print("wrote cases to", HERE)
