#!/usr/bin/python3
"""Writes the declarative cases of the `assets` layer kind (城市部件 inventory points) in this
folder, one JSON file each: stats by class and condition, the national component classes,
info, export, render and the errors a wrong catalog gets.

Counts are by hand from where each point lies; zone areas are measured on the CGCS2000
ellipsoid with pyproj's geodesic routines, independently of UrbanGIS. Run it again after
changing a case: /usr/bin/python3 tests/cases/assets/make_cases.py
"""
import json
import os

from pyproj import Geod, Transformer

HERE = os.path.dirname(os.path.abspath(__file__))
E0, N0 = 593000.0, 3331000.0  # EPSG:4547 metres near 114.97 E, 30.10 N
GEOD = Geod(a=6378137.0, rf=298.257222101)  # CGCS2000
TO_LONLAT = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)

# Two 100 m squares side by side.
ZONES = {"A": ("甲", 0, 0, 100, 100), "B": ("乙", 100, 0, 200, 100)}
# id, class, condition, local x, y — the zone each falls in is written beside it.
ASSETS = [
    (1, "井盖", "完好", 50, 50),     # A
    (2, "井盖", "破损", 20, 80),     # A
    (3, "路灯", "完好", 70, 30),     # A
    (4, "果皮箱", "丢失", 150, 50),  # B
    (5, "路灯", "完好", 120, 20),    # B
    (6, "果皮箱", "", 160, 60),      # B, condition not recorded
    (7, "井盖", "完好", 250, 50),    # in no zone
]


def zone_area_km2(x0, y0, x1, y1):
    ring = [(E0 + x, N0 + y) for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]
    lons, lats = zip(*(TO_LONLAT.transform(x, y) for x, y in ring))
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0]) / 1e6


def zones_geojson():
    features = []
    for zid, (name, x0, y0, x1, y1) in ZONES.items():
        ring = [[E0 + x, N0 + y] for x, y in [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]]
        features.append({"type": "Feature", "properties": {"zid": zid, "name": name},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps({"type": "FeatureCollection", "features": features,
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}},
                      ensure_ascii=False)


def assets_csv():
    lines = ["asset_no,class,condition,x,y"]
    lines += ["BJ%03d,%s,%s,%.1f,%.1f" % (i, c, s, E0 + x, N0 + y) for i, c, s, x, y in ASSETS]
    return "\n".join(lines) + "\n"


def catalog(asset_extra=None, zones=True):
    assets = {"id": "assets", "title": {"zh": "城市部件", "en": "City components"}, "role": "assets",
              "source": "assets.csv", "x": "x", "y": "y", "crs": "EPSG:4547", "id_field": "asset_no",
              "category_field": "class", "status_field": "condition"}
    for key, value in (asset_extra or {}).items():
        if value is None:
            assets.pop(key)
        else:
            assets[key] = value
    layers = [assets]
    if zones:
        layers.insert(0, {"id": "zones", "title": {"zh": "分区", "en": "Zones"}, "role": "zones",
                          "source": "zones.geojson", "id_field": "zid", "name_field": "name"})
    return json.dumps({"crs": "EPSG:4547", "layers": layers}, ensure_ascii=False)


def files(**catalog_options):
    return {"zones.geojson": zones_geojson(), "assets.csv": assets_csv(), "catalog.json": catalog(**catalog_options)}


def expected_rows():
    rows = {}
    for zid in list(ZONES) + ["(none)"]:
        inside = [a for a in ASSETS if zone_of(a[3], a[4]) == zid]
        row = {"assets_count": len(inside)}
        for cls in sorted({a[1] for a in ASSETS}):
            row["assets_count:" + cls] = sum(1 for a in inside if a[1] == cls)
        for condition in sorted({a[2] for a in ASSETS}):
            row["assets_condition:" + (condition or "(none)")] = sum(1 for a in inside if a[2] == condition)
        if zid in ZONES:
            name, *box = ZONES[zid]
            area = zone_area_km2(*box)
            row.update({"zone_name": name, "area_km2": area, "assets_per_km2": len(inside) / area})
        else:
            row.update({"area_km2": None, "assets_per_km2": None})
        rows[zid] = row
    return rows


def zone_of(x, y):
    for zid, (_, x0, y0, x1, y1) in ZONES.items():
        if x0 < x < x1 and y0 < y < y1:
            return zid
    return "(none)"


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as out:
        json.dump(case, out, ensure_ascii=False, indent=2)
        out.write("\n")


def main():
    write("stats_by_class_and_condition", {
        "description": "an assets inventory is counted per zone, by class (category_field) and by condition "
                       "(status_field, an empty one as (none)); an asset in no zone goes to the (none) row",
        "files": files(),
        "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.csv"],
        "exit": 0,
        "outputs": ["out.csv"],
        "expect_table": {"file": "out.csv", "key": "zone_id", "tolerance": 1e-6, "row_count": 3,
                         "rows": expected_rows()},
    })
    rows = expected_rows()
    national = {}
    for zid, row in rows.items():
        national[zid] = {
            "assets_component:公用设施": row["assets_count:井盖"] + row["assets_count:路灯"],
            "assets_component:市容环境设施": row["assets_count:果皮箱"],
            "assets_component:道路交通设施": 0,
            "assets_condition:破损": row["assets_condition:破损"],
        }
    classes = os.path.join("${SOURCE}", "layers", "national_classes.json")
    write("stats_national_component_classes", {
        "description": "--classes sums an assets layer's classes into the national component classes "
                       "(井盖, 路灯 → 公用设施; 果皮箱 → 市容环境设施); the condition columns stay",
        "files": files(),
        "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--classes", classes, "--out", "${TMP}/out.csv"],
        "exit": 0,
        "outputs": ["out.csv"],
        "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 3, "rows": national},
    })
    write("info_describes_the_inventory", {
        "description": "info lists an assets layer with its role, points and fields",
        "files": files(),
        "args": ["info", "${TMP}/catalog.json"],
        "exit": 0,
        "stdout": ["role      assets", "geometry  Point", "features  7", "class (String), condition (String)"],
    })
    write("export_csv_with_coordinates", {
        "description": "export writes an assets layer as CSV with its coordinates, one row per component",
        "files": files(),
        "args": ["export", "${TMP}/catalog.json", "--layer", "assets", "--where", "condition = '破损'",
                 "--out", "${TMP}/out.csv"],
        "exit": 0,
        "outputs": ["out.csv"],
        "stderr": ["exported 1 of 7 features of assets"],
        "expect_table": {"file": "out.csv", "key": "asset_no", "row_count": 1,
                         "rows": {"BJ002": {"class": "井盖", "condition": "破损"}}},
    })
    write("error_case_keys_refused", {
        "description": "deadline_hours is for cases (points, areas, lines), not for an inventory",
        "files": files(asset_extra={"deadline_hours": 72}),
        "args": ["info", "${TMP}/catalog.json"],
        "exit": 2,
        "stderr": ["(\"assets\").deadline_hours: applies to points, areas and lines layers only, not to role assets"],
    })
    lines = files()
    lines["assets.geojson"] = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"asset_no": "L1", "class": "路灯", "condition": "完好"},
         "geometry": {"type": "LineString", "coordinates": [[E0, N0], [E0 + 10, N0]]}}],
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}}, ensure_ascii=False)
    lines["catalog.json"] = catalog(asset_extra={"source": "assets.geojson", "x": None, "y": None, "crs": None})
    write("error_lines_are_not_assets", {
        "description": "an assets layer must hold points: a file of lines is refused, naming the layer",
        "files": lines,
        "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.csv"],
        "exit": 2,
        "stderr": ["layer \"assets\"", "role assets needs points, but the layer holds"],
    })


if __name__ == "__main__":
    main()
