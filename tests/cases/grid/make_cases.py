#!/usr/bin/python3
"""Writes the declarative `urbangis grid` cases in this folder (one JSON file each).

Expected grids are derived here, independently of UrbanGIS: zones drawn on the 100 m lattice of
EPSG:4547 (whose lines pass through whole hundreds of metres), so each grid is a rectangle known
by hand; its ellipsoidal area and its centroid's lon/lat come from pyproj (CGCS2000 geodesics).
Run it again after changing a case: /usr/bin/python3 tests/cases/grid/make_cases.py
"""
import json
import os

from pyproj import Geod, Transformer
from shapely.geometry import box
from shapely.ops import transform

HERE = os.path.dirname(os.path.abspath(__file__))
E0, N0 = 593000.0, 3331000.0  # EPSG:4547, near 114.97 E 30.10 N; on the 100 m lattice
GEOD = Geod(a=6378137.0, rf=298.257222101)  # CGCS2000
TO_LONLAT = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)
DAYE = "${SOURCE}/layers/daye.json"


def lonlat(geometry):
    return transform(lambda x, y: TO_LONLAT.transform(x, y), geometry)


def rect(x0, y0, x1, y1):
    return box(E0 + x0, N0 + y0, E0 + x1, N0 + y1)


def grid_row(parent, name, geometry):
    """The expected row of a grid: parent, area on the ellipsoid, centroid in lon/lat."""
    lon, lat = TO_LONLAT.transform(geometry.centroid.x, geometry.centroid.y)
    return {"parent_id": parent, "parent_name": name,
            "area_m2": abs(GEOD.geometry_area_perimeter(lonlat(geometry))[0]), "lon": lon, "lat": lat}


def feature(geometry, **properties):
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": "Polygon", "coordinates": [list(map(list, geometry.exterior.coords))]}}


def line(points, **properties):
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": "LineString", "coordinates": [[E0 + x, N0 + y] for x, y in points]}}


def geojson(features):
    return json.dumps({"type": "FeatureCollection", "features": features,
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}},
                      ensure_ascii=False)


ZONES = {"id": "zones", "title": "社区", "role": "zones", "source": "zones.geojson", "id_field": "code",
         "name_field": "name"}
ROADS = {"id": "roads", "title": "道路", "role": "network", "source": "roads.geojson", "name_field": "name",
         "category_field": "class"}


def catalog(layers, admin_code="420281", crs="EPSG:4547"):
    document = {"crs": crs, "layers": layers}
    if admin_code:
        document["admin_code"] = admin_code
    return json.dumps(document, ensure_ascii=False)


def files(zones, roads=None, layers=None, **catalog_options):
    result = {"zones.geojson": geojson(zones)}
    if roads is not None:
        result["roads.geojson"] = geojson(roads)
    result["catalog.json"] = catalog(layers or ([ZONES, ROADS] if roads is not None else [ZONES]), **catalog_options)
    return result


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def grid_case(description, fixture, expected, extra_args=(), stderr=None, out="out.csv", row_count=None):
    case = {"description": description, "files": fixture,
            "args": ["grid", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/" + out, *extra_args],
            "exit": 0, "outputs": [out],
            "expect_table": {"file": out, "key": "grid_code", "tolerance": 1e-9,
                             "row_count": row_count or len(expected), "rows": expected}}
    if stderr:
        case["stderr"] = stderr
    return case


def error_case(description, fixture, extra_args, stderr, args=None, lines=1):
    case = {"description": description, "files": fixture,
            "args": args or ["grid", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.csv", *extra_args],
            "exit": 2, "stderr": stderr}
    if lines:
        case["stderr_lines"] = lines  # one line, no usage text
    return case


def lattice(parent, name, x0, y0, x1, y1, cell=100):
    """Grids of a rectangle on the lattice, numbered north to south, west to east."""
    rows = {}
    number = 1
    for top in range(int(y1), int(y0), -cell):
        for left in range(int(x0), int(x1), cell):
            rows[f"{parent}{number:03d}"] = grid_row(parent, name, rect(left, top - cell, left + cell, top))
            number += 1
    return rows


# 1. Two communities on the lattice: whole cells, numbered in each from 001, north to south and
#    west to east; the parent's code and name, the area on the ellipsoid, the centroid.
A, B = rect(0, 0, 300, 200), rect(300, 0, 500, 100)
expected = lattice("420281001002", "甲社区", 0, 0, 300, 200)
expected.update(lattice("420281003004", "乙社区", 300, 0, 500, 100))
write("codes_areas_and_centroids", grid_case(
    "two communities on the lattice: 15-digit codes from 001 in each, rows north to south, west to east; "
    "ellipsoidal areas and centroids",
    files([feature(A, code="420281001002", name="甲社区"), feature(B, code="420281003004", name="乙社区")]),
    expected, stderr=["8 unit grids in 2 zone(s): cells of 100 m"]))

# 2. A zone smaller than one cell is one grid, and reported.
C = rect(620, 20, 680, 70)
write("tiny_zone_kept_whole", grid_case(
    "a zone smaller than one cell (3,000 m²) is kept as one grid, and the run says so",
    files([feature(A, code="420281001002", name="甲社区"), feature(C, code="420281001003", name="丙社区")]),
    {**lattice("420281001002", "甲社区", 0, 0, 300, 200),
     "420281001003001": grid_row("420281001003", "丙社区", C)},
    stderr=["zones smaller than one cell (10000 m²), kept as one grid each: 420281001003 丙社区 "
            f"({round(grid_row('', '', C)['area_m2'])} m²)"]))

# 3. Slivers under the minimum area (a quarter of a cell) merge into their neighbour.
D = rect(0, 0, 305, 200)
write("slivers_merged_into_neighbour", grid_case(
    "a 5 m strip along the zone's east edge: its 500 m² slivers merge into the cells beside them",
    files([feature(D, code="420281001002", name="甲社区")]),
    {"420281001002001": grid_row("420281001002", "甲社区", rect(0, 100, 100, 200)),
     "420281001002003": grid_row("420281001002", "甲社区", rect(200, 100, 305, 200)),
     "420281001002006": grid_row("420281001002", "甲社区", rect(200, 0, 305, 100))},
    stderr=["slivers under 2500 m² merged into a neighbour: 2"], row_count=6))

write("min_area_keeps_small_grids", grid_case(
    "--min-area 100: the 500 m² strips stay grids of their own",
    files([feature(D, code="420281001002", name="甲社区")]),
    {"420281001002004": grid_row("420281001002", "甲社区", rect(300, 100, 305, 200)),
     "420281001002008": grid_row("420281001002", "甲社区", rect(300, 0, 305, 100))},
    extra_args=["--min-area", "100"], stderr=["slivers under 100 m² merged into a neighbour: 0"], row_count=8))

# 4. --split-by: the main road (主干道) along x = 150 cuts the middle column of cells in two; the
#    lane (支路) along y = 150 is not a major road and cuts nothing.
E = rect(0, 0, 400, 300)
roads = [line([(150, -50), (150, 350)], name="新冶大道", **{"class": "主干道"}),
         line([(-50, 150), (450, 150)], name="小巷", **{"class": "支路"})]
expected = {}
number = 1
for top in (300, 200, 100):
    for x0, x1 in ((0, 100), (100, 150), (150, 200), (200, 300), (300, 400)):
        expected[f"420281001002{number:03d}"] = grid_row("420281001002", "甲社区", rect(x0, top - 100, x1, top))
        number += 1
write("split_by_major_roads", grid_case(
    "--split-by roads: the 主干道 cuts the cells it crosses (west part numbered first), the 支路 does not",
    files([feature(E, code="420281001002", name="甲社区")], roads), expected,
    extra_args=["--split-by", "roads"],
    stderr=["grids split along the major roads of roads: 主干道 1", "the major roads cut the zone(s) into 2 pieces"]))

expected = {}
number = 1
for top, parts in ((300, ((200, 300),)), (200, ((150, 200), (100, 150))), (100, ((0, 100),))):
    for x0 in (0, 100, 200, 300):
        for y0, y1 in parts:  # the parts of one cell: the north one first
            expected[f"420281001002{number:03d}"] = grid_row("420281001002", "甲社区", rect(x0, y0, x0 + 100, y1))
            number += 1
write("split_by_chosen_classes", grid_case(
    "--major-classes 支路: the lane cuts the cells it crosses (north part numbered first), the main road does not",
    files([feature(E, code="420281001002", name="甲社区")], roads), expected,
    extra_args=["--split-by", "roads", "--major-classes", "支路"],
    stderr=["grids split along the major roads of roads: 支路 1"]))

write("geopackage_output", grid_case(
    "a GeoPackage of unit grids (one MultiPolygon layer in the working CRS)",
    files([feature(B, code="420281003004", name="乙社区")]),
    lattice("420281003004", "乙社区", 300, 0, 500, 100), out="grids.gpkg"))

# 5. Bad input: one line naming file, layer, feature; exit code 2; nothing written.
good = feature(A, code="420281001002", name="甲社区")
write("error_missing_community_code", error_case(
    "a zone without a community code: the error names the file, layer and feature",
    files([good, feature(B, code=None, name="乙社区")]), [],
    ["catalog.json: layer \"zones\" (zones.geojson), feature 1 (乙社区): has no community code"]))
write("error_malformed_community_code", error_case(
    "an 11-digit community code is not an NBS code",
    files([good, feature(B, code="42028100300", name="乙社区")]), [],
    ["feature 1 (乙社区): community code \"42028100300\" is not a 12-digit NBS code"]))
write("error_community_of_another_county", error_case(
    "a community code of another county than the catalog's admin_code",
    files([good, feature(B, code="420222001001", name="乙社区")]), [],
    ["community code \"420222001001\" is not in county 420281 (the catalog's admin_code)"]))
write("error_repeated_community_code", error_case(
    "two zones with one code would give repeated grid codes",
    files([good, feature(B, code="420281001002", name="乙社区")]), [],
    ["feature 1 (乙社区): community code 420281001002 is also the code of"]))
write("error_more_than_999_grids", error_case(
    "1,600 cells of 50 m in one 4 km² community: more than the 3-digit sequence can number",
    files([feature(rect(0, 0, 2000, 2000), code="420281001002", name="甲社区")]), ["--cell", "50"],
    ["feature 0 (甲社区), community 420281001002: 1600 unit grids of 50 m, more than the 999",
     "use a larger --cell"]))
write("error_no_admin_code", error_case(
    "grid codes start with the catalog's admin_code",
    files([good], admin_code=None), [], ["has no admin_code"]))
write("error_zones_without_id_field", error_case(
    "the zones layer must name the field holding the community codes",
    files([good], layers=[{k: v for k, v in ZONES.items() if k != "id_field"}]), [], ["has no id_field"]))
write("error_geographic_working_crs", error_case(
    "cells are in metres: a geographic working CRS is refused",
    files([good], crs="EPSG:4490"), [], ["is geographic; unit grids are cells in metres"]))
write("error_split_by_not_a_network", error_case(
    "--split-by must name a network layer",
    files([good]), ["--split-by", "zones"], ["is a zones layer; --split-by follows the roads of a network layer"]))
write("error_no_road_of_the_major_classes", error_case(
    "no road of the chosen classes: the classes the layer has are listed",
    files([good], roads), ["--split-by", "roads", "--major-classes", "高速公路"],
    ["no road of class 高速公路 in its category_field \"class\", which holds: 主干道 1, 支路 1"]))
write("error_major_classes_without_split_by", error_case(
    "--major-classes without --split-by",
    files([good]), ["--major-classes", "主干道"], ["give --split-by too"]))
write("error_cell_not_positive", error_case(
    "--cell must be a positive number of metres",
    files([good]), ["--cell", "0"], ["--cell needs a number greater than 0, got \"0\""], lines=None))
write("error_by_missing", error_case(
    "--by names the zones layer",
    files([good]), [], ["grid needs --by ZONES"], args=["grid", "${TMP}/catalog.json"], lines=None))

# 6. Daye.
write("daye_fine_cell_names_the_community", {
    "description": "Daye's 团结街社区 (8.0 km², the largest community) holds more than 999 cells of 90 m: the error names it",
    "args": ["grid", DAYE, "--by", "communities", "--cell", "90", "--out", "${TMP}/grids.gpkg"],
    "exit": 2,
    "stderr": ["layer \"communities\" (../data/daye.gpkg), feature 53 (团结街社区), community 420281101001: "
               "1018 unit grids of 90 m, more than the 999"]})
write("daye_stats_by_grids", {
    "description": "stats by Daye's shipped unit grids, like any zones layer: one row per grid and (none)",
    "args": ["stats", DAYE, "--by", "grids", "--layers", "street_order,complaints", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 17316,
                     "rows": {"(none)": {"street_order_count": 43, "complaints_count": 8}}}})
