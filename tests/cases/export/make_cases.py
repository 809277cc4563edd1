#!/usr/bin/python3
"""Writes the declarative `urbangis export` cases. Run: /usr/bin/python3 tests/cases/export/make_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DAYE = "${SOURCE}/layers/daye.json"


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


write("where_and_zone_join", {
    "description": "--where keeps the matching corridors; --by gives each its community",
    "args": ["export", DAYE, "--layer", "cable", "--where", "kind = '社区' AND community LIKE '荟萃%'",
             "--by", "communities", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"], "stderr": ["exported 1 of 95 features of cable"],
    "expect_table": {"file": "out.csv", "key": "corridor_no", "row_count": 1,
                     "rows": {"XL2023-0060": {"road": "荟萃巷", "zone_id": "420281001005", "zone_name": "荟萃社区"}}}})

write("zones_carry_the_stats_table", {
    "description": "exporting the zones layer --by itself: every stats column on each zone",
    "args": ["export", DAYE, "--layer", "districts", "--by", "districts", "--out", "${TMP}/out.gpkg"],
    "exit": 0, "outputs": ["out.gpkg"],
    "expect_table": {"file": "out.gpkg", "key": "code", "row_count": 18,
                     "rows": {"420281001": {"name": "东岳路街道", "complaints_count": 45, "gas_hazards_count:管网隐患": 89}}}})

write("points_csv_with_gcj02_coordinates", {
    "description": "CSV of points for a web map: lon/lat columns in GCJ-02",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "case_no = 'YY2023-0001'", "--dst-crs", "gcj02",
             "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "case_no", "row_count": 1, "tolerance": 1e-9,
                     "rows": {"YY2023-0001": {"lon": 114.9904769210, "lat": 30.0939615831}}}})

write("national_classes_beside_local_category", {
    "description": "the catalog's national_classes.json puts each billboard's event and component class beside its type",
    "args": ["export", DAYE, "--layer", "billboards", "--where", "case_no IN ('GG2023-0001', 'GG2023-0003')",
             "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"], "stderr": ["exported 2 of 774 features of billboards"],
    "expect_table": {"file": "out.csv", "key": "case_no", "row_count": 2,
                     "rows": {"GG2023-0001": {"type": "灯箱", "event_class": "宣传广告", "event_code": "02",
                                              "component_class": "市容环境设施", "component_code": "03"}}}})

write("error_where_syntax", {
    "description": "a --where that does not parse points at the column",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "type = '油烟' AND", "--out", "${TMP}/out.csv"],
    "exit": 2, "stderr": ["--where \"type = '油烟' AND\": column 16: expected a field name at the end"], "stderr_lines": 1})

write("error_where_unknown_field", {
    "description": "a --where naming a field the layer lacks lists the fields",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "kind = 'x'", "--out", "${TMP}/out.csv"],
    "exit": 2, "stderr": ["has no field \"kind\"; its fields are: case_no, type"], "stderr_lines": 1})

CABLE_SET = ["cable.shp", "cable.shx", "cable.dbf", "cable.prj", "cable.cpg"]

write("shapefile_utf8_with_short_field_names", {
    "description": "a shapefile: UTF-8 with a .cpg, long field names cut to 10 bytes and listed, values intact",
    "args": ["export", DAYE, "--layer", "cable", "--format", "shp", "--out", "${TMP}/cable.shp"],
    "exit": 0, "outputs": CABLE_SET,
    "stderr": ["exported 95 of 95 features of cable",
               "urbangis: shapefile field names: corridor_no → corridor_n, replaced_fibre_m → replaced_f, "
               "strand_removed_m → strand_rem, dead_cable_m → dead_cable, event_class → event_clas, "
               "component_class → component_, component_code → componen_1\n",
               "wrote ${TMP}/cable.shp"],
    "stderr_lines": 3,
    "expect_table": {"file": "cable.shp", "key": "corridor_n", "row_count": 95,
                     "rows": {"XL2023-0060": {"kind": "社区", "road": "荟萃巷", "community": "荟萃社区",
                                              "bundled_m": 1807, "replaced_f": 152, "strand_rem": 79,
                                              "dead_cable": 145, "status": "已完成",
                                              "event_clas": "市容环境", "event_code": "01",
                                              "component_": "公用设施", "componen_1": "01"}}}})

# A catalog whose cable layer is a shapefile made by the first step.
SHP_CATALOG = json.dumps({"crs": "EPSG:4547", "layers": [
    {"id": "districts", "title": "D", "role": "zones", "source": "${DATA}/daye.gpkg", "layer": "districts",
     "id_field": "code", "name_field": "name"},
    {"id": "roads", "title": "R", "role": "network", "source": "${DATA}/daye.gpkg", "layer": "roads"},
    {"id": "cable", "title": "C", "role": "lines", "source": "cable.shp", "id_field": "corridor_n"}]},
    ensure_ascii=False)

write("error_shapefile_over_input", {
    "description": "exporting a shapefile layer onto its own .shp is refused and leaves it untouched",
    "setup": [["export", DAYE, "--layer", "cable", "--out", "${TMP}/cable.shp"]],
    "files": {"catalog.json": SHP_CATALOG},
    "args": ["export", "${TMP}/catalog.json", "--layer", "cable", "--where", "kind = '社区'",
             "--out", "${TMP}/cable.shp"],
    "exit": 2, "stderr": ["cable.shp: refusing to write over an input of this run"], "stderr_lines": 2})
print("wrote cases to", HERE)
