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
                     "rows": {"420281001": {"name": "东岳路街道", "complaints_count": 7, "gas_hazards_count:管网隐患": 96}}}})

write("points_csv_with_gcj02_coordinates", {
    "description": "CSV of points for a web map: lon/lat columns in GCJ-02",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "case_no = 'YY2023-0001'", "--to", "gcj02",
             "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "case_no", "row_count": 1, "tolerance": 1e-9,
                     "rows": {"YY2023-0001": {"lon": 114.9904769210, "lat": 30.0939615831}}}})

write("error_where_syntax", {
    "description": "a --where that does not parse points at the column",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "type = '油烟' AND", "--out", "${TMP}/out.csv"],
    "exit": 2, "stderr": ["--where \"type = '油烟' AND\": column 16: expected a field name at the end"], "stderr_lines": 1})

write("error_where_unknown_field", {
    "description": "a --where naming a field the layer lacks lists the fields",
    "args": ["export", DAYE, "--layer", "complaints", "--where", "kind = 'x'", "--out", "${TMP}/out.csv"],
    "exit": 2, "stderr": ["has no field \"kind\"; its fields are: case_no, type"], "stderr_lines": 1})

write("error_shapefile_not_yet", {
    "description": "shapefile export is refused with the formats that work",
    "args": ["export", DAYE, "--layer", "complaints", "--out", "${TMP}/out.shp"],
    "exit": 2, "stderr": ["unsupported output format"], "stderr_lines": 1})
print("wrote cases to", HERE)
