#!/usr/bin/python3
"""Writes the declarative `urbangis stats` cases in this folder (one JSON file each).

Expected values are derived here, independently of UrbanGIS: counts by hand from the boundary
rule, areas and lengths from geometries built by hand (the union, the covered road stretches)
and measured on the CGCS2000 ellipsoid with pyproj's geodesic routines. Run it again after
changing a case: /usr/bin/python3 tests/cases/stats/make_cases.py
"""
import json
import os

from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Polygon, box

HERE = os.path.dirname(os.path.abspath(__file__))
E0, N0 = 593000.0, 3331000.0  # EPSG:4547 metres near 114.97 E, 30.10 N
GEOD = Geod(a=6378137.0, rf=298.257222101)  # CGCS2000
TO_LONLAT = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)
TO_GK = Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)


def at(x, y):
    return (E0 + x, N0 + y)


def ring(coords):
    return [list(at(x, y)) for x, y in coords]


def square(x0, y0, x1, y1):
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def shifted(geometry):
    from shapely.affinity import translate
    return translate(geometry, E0, N0)


def area(geometry):
    """Ellipsoidal m² of a polygon given in local metres (EPSG:4547 after the shift)."""
    from shapely.ops import transform
    lonlat = transform(lambda x, y: TO_LONLAT.transform(x, y), shifted(geometry))
    return abs(GEOD.geometry_area_perimeter(lonlat)[0])


def length(geometry):
    from shapely.ops import transform
    lonlat = transform(lambda x, y: TO_LONLAT.transform(x, y), shifted(geometry))
    return GEOD.geometry_length(lonlat)


def feature(geometry_type, coordinates, **properties):
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": geometry_type, "coordinates": coordinates}}


def geojson(features, crs="EPSG:4547"):
    document = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:" + crs.replace(":", "::")}}
    return json.dumps(document, ensure_ascii=False)


def polygon(coords_list, **properties):
    return feature("Polygon", [ring(c) for c in coords_list], **properties)


def points_csv(rows, header="id,type,x,y"):
    lines = [header]
    for row in rows:
        lines.append(",".join(str(v) for v in row))
    return "\n".join(lines) + "\n"


def catalog(layers, crs="EPSG:4547"):
    return json.dumps({"crs": crs, "layers": layers}, ensure_ascii=False)


ZONES = {"id": "zones", "title": "Zones", "role": "zones", "source": "zones.geojson",
         "id_field": "zid", "name_field": "name"}


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def run_case(description, files, layers_arg, expected_rows, row_count, tolerance=1e-6,
             stderr=None, by="zones", extra_args=None):
    args = ["stats", "${TMP}/catalog.json", "--by", by, "--out", "${TMP}/out.csv"]
    if layers_arg:
        args += ["--layers", layers_arg]
    case = {"description": description, "files": files, "args": args + (extra_args or []),
            "exit": 0, "outputs": ["out.csv"],
            "expect_table": {"file": "out.csv", "key": "zone_id", "tolerance": tolerance,
                             "row_count": row_count, "rows": expected_rows}}
    if stderr:
        case["stderr"] = stderr
    return case


A = box(0, 0, 100, 100)
B = box(100, 0, 200, 100)
two_zones = geojson([polygon([square(0, 0, 100, 100)], zid="A", name="甲"),
                     polygon([square(100, 0, 200, 100)], zid="B", name="乙")])
pts_layer = {"id": "pts", "title": "Points", "role": "points", "source": "pts.csv", "x": "x", "y": "y",
             "crs": "EPSG:4547", "category_field": "type"}

# 1. The boundary rule: on an edge or vertex shared by zones, the smallest zone_id wins.
pts = [(1, "a", 50, 50), (2, "a", 100, 50), (3, "b", 100, 100), (4, "b", 150, 50),
       (5, "a", 200, 50), (6, "a", 250, 50), (7, "b", 0, 0)]
write("points_on_edges_and_vertices", run_case(
    "interior points count in their zone; on a shared edge or vertex in the smallest zone_id; "
    "outside all zones in (none)",
    {"zones.geojson": two_zones,
     "pts.csv": points_csv([(i, t, E0 + x, N0 + y) for i, t, x, y in pts]),
     "catalog.json": catalog([ZONES, pts_layer])},
    "pts",
    {"A": {"pts_count": 4, "pts_count:a": 2, "pts_count:b": 2, "zone_name": "甲",
           "area_km2": area(A) / 1e6, "pts_per_km2": 4 / (area(A) / 1e6)},
     "B": {"pts_count": 2, "pts_count:a": 1, "pts_count:b": 1},
     "(none)": {"pts_count": 1, "pts_per_km2": None, "area_km2": None}},
    3))

# 2. Holes and multipolygons: B fills A's hole and has a second part.
outer = [[0, 0], [300, 0], [300, 300], [0, 300], [0, 0]]
hole = [[100, 100], [100, 200], [200, 200], [200, 100], [100, 100]]
zones = geojson([
    polygon([outer, hole], zid="A", name="有洞"),
    feature("MultiPolygon", [[ring(square(100, 100, 200, 200))], [ring(square(400, 0, 500, 100))]],
            zid="B", name="两块")])
pts = [(1, "a", 50, 50), (2, "a", 150, 150), (3, "a", 450, 50), (4, "a", 100, 150), (5, "a", 350, 50)]
a_geometry = Polygon(outer, [hole])
b_geometry = box(100, 100, 200, 200).union(box(400, 0, 500, 100))
write("holes_and_multipolygons", run_case(
    "a point in a hole belongs to the zone filling it; multipolygon parts all count; the hole's "
    "edge is shared, so the smaller id wins",
    {"zones.geojson": zones, "pts.csv": points_csv([(i, t, E0 + x, N0 + y) for i, t, x, y in pts]),
     "catalog.json": catalog([ZONES, pts_layer])},
    "pts",
    {"A": {"pts_count": 2, "area_km2": area(a_geometry) / 1e6},
     "B": {"pts_count": 2, "area_km2": area(b_geometry) / 1e6},
     "(none)": {"pts_count": 1}},
    3))

# 3. Overlapping areas (yellow-line zones): the overlap counts once; a polygon across the
#    boundary is split; sums go to the zone of the representative point.
areas = geojson([
    polygon([square(10, 10, 30, 30)], no="p1", paid=1),
    polygon([square(20, 10, 40, 30)], no="p2", paid=2),
    polygon([square(85, 40, 110, 60)], no="p3", paid=4),
    polygon([square(300, 300, 310, 310)], no="p4", paid=8)])
areas_layer = {"id": "yl", "title": "Yellow lines", "role": "areas", "source": "areas.geojson",
               "id_field": "no", "sum_fields": ["paid"]}
in_a = box(10, 10, 40, 30).union(box(85, 40, 100, 60))
in_b = box(100, 40, 110, 60)
write("overlapping_areas", run_case(
    "overlapping polygons are unioned before measuring; a polygon across two zones counts in both "
    "and is split; sum fields follow the representative point",
    {"zones.geojson": two_zones, "areas.geojson": areas, "catalog.json": catalog([ZONES, areas_layer])},
    "yl",
    {"A": {"yl_count": 3, "yl_area_m2": area(in_a), "yl_area_pct": 100 * area(in_a) / area(A),
           "yl_sum_paid": 7.0},
     "B": {"yl_count": 1, "yl_area_m2": area(in_b), "yl_sum_paid": 0.0},
     "(none)": {"yl_count": 1, "yl_area_m2": area(box(300, 300, 310, 310)), "yl_area_pct": None,
                "yl_sum_paid": 8.0}},
    3))

# 4. Overlapping corridors and road coverage within 15 m.
big = geojson([polygon([square(0, 0, 1000, 1000)], zid="A", name="A"),
               polygon([square(1000, 0, 2000, 1000)], zid="B", name="B")])
def line(coords, **properties):
    return feature("LineString", [list(at(x, y)) for x, y in coords], **properties)
roads = geojson([line([(0, 500), (2000, 500)], name="r1"), line([(500, 0), (500, 1000)], name="r2")])
corridors = geojson([line([(100, 500), (700, 500)], no="c1", m=10),
                     line([(400, 500), (900, 500)], no="c2", m=20),
                     line([(1500, 0), (1500, 1000)], no="c3", m=40),
                     line([(950, 500), (1050, 500)], no="c4", m=80)])
road_layer = {"id": "roads", "title": "Roads", "role": "network", "source": "roads.geojson"}
cable_layer = {"id": "cable", "title": "Cable", "role": "lines", "source": "corridors.geojson",
               "id_field": "no", "covers": "roads", "buffer_m": 15, "sum_fields": ["m"]}
a_lines = MultiLineString([[(100, 500), (900, 500)], [(950, 500), (1000, 500)]])
b_lines = MultiLineString([[(1500, 0), (1500, 1000)], [(1000, 500), (1050, 500)]])
a_roads = MultiLineString([[(0, 500), (1000, 500)], [(500, 0), (500, 1000)]])
a_covered = MultiLineString([[(85, 500), (915, 500)], [(935, 500), (1000, 500)], [(500, 485), (500, 515)]])
b_roads = LineString([(1000, 500), (2000, 500)])
b_covered = MultiLineString([[(1000, 500), (1065, 500)], [(1485, 500), (1515, 500)]])
write("overlapping_corridors", run_case(
    "overlapping corridor lines count once; road share is the zone's road length within buffer_m "
    "of the corridors (round caps at the ends)",
    {"zones.geojson": big, "roads.geojson": roads, "corridors.geojson": corridors,
     "catalog.json": catalog([ZONES, road_layer, cable_layer])},
    "cable",
    {"A": {"cable_length_m": length(a_lines),
           "cable_road_pct": 100 * length(a_covered) / length(a_roads), "cable_sum_m": 110.0},
     "B": {"cable_length_m": length(b_lines),
           "cable_road_pct": 100 * length(b_covered) / length(b_roads), "cable_sum_m": 40.0},
     "(none)": {"cable_length_m": 0.0, "cable_road_pct": None}},
    3, tolerance=1e-5))

# 5. Zones in a geographic CRS, points in the projected working CRS and in WGS84.
lonlat_zones = geojson([
    feature("Polygon", [[[114.96, 30.09], [114.97, 30.09], [114.97, 30.10], [114.96, 30.10], [114.96, 30.09]]], zid="A", name="A"),
    feature("Polygon", [[[114.97, 30.09], [114.98, 30.09], [114.98, 30.10], [114.97, 30.10], [114.97, 30.09]]], zid="B", name="B")],
    crs=None)
probe = [(1, "a", 114.965, 30.095), (2, "a", 114.975, 30.095), (3, "a", 114.99, 30.095)]
gk_rows = [(i, t) + TO_GK.transform(lon, lat) for i, t, lon, lat in probe]
gk_layer = dict(pts_layer, id="gk", source="gk.csv")
wgs_layer = dict(pts_layer, id="wgs", source="wgs.csv", crs="WGS84")
square_a = [(114.96, 30.09), (114.97, 30.09), (114.97, 30.10), (114.96, 30.10)]
write("geographic_zones_other_crs", run_case(
    "zones in lon/lat, points in the working CRS and in WGS84: all meet in EPSG:4547",
    {"zones.geojson": lonlat_zones, "gk.csv": points_csv(gk_rows), "wgs.csv": points_csv(probe),
     "catalog.json": catalog([ZONES, gk_layer, wgs_layer])},
    "",
    {"A": {"gk_count": 1, "wgs_count": 1,
           "area_km2": abs(GEOD.polygon_area_perimeter([p[0] for p in square_a], [p[1] for p in square_a])[0]) / 1e6},
     "B": {"gk_count": 1, "wgs_count": 1},
     "(none)": {"gk_count": 1, "wgs_count": 1}},
    3))

# 6. A self-intersecting (bow-tie) zone is repaired with MakeValid and reported.
bowtie = geojson([feature("Polygon", [[list(at(0, 0)), list(at(100, 100)), list(at(100, 0)),
                                        list(at(0, 100)), list(at(0, 0))]], zid="C", name="蝴蝶")])
# Its edges cross at (50, 50): what remains are the left and right triangles.
pts = [(1, "a", 20, 50), (2, "a", 80, 50), (3, "a", 50, 20)]
triangles = Polygon([(0, 0), (0, 100), (50, 50)]).union(Polygon([(100, 0), (100, 100), (50, 50)]))
write("self_intersecting_zone", run_case(
    "a bow-tie zone is repaired into its two triangles, counted, and reported by id",
    {"zones.geojson": bowtie, "pts.csv": points_csv([(i, t, E0 + x, N0 + y) for i, t, x, y in pts]),
     "catalog.json": catalog([ZONES, pts_layer])},
    "pts",
    {"C": {"pts_count": 2, "area_km2": area(triangles) / 1e6}, "(none)": {"pts_count": 1}},
    2, stderr=["zones: repaired 1 invalid zone geometries with MakeValid: C"]))

# 7. An empty points layer gives zero counts, not an error.
write("empty_layer", run_case(
    "a points layer without rows counts zero everywhere",
    {"zones.geojson": two_zones, "pts.csv": "id,type,x,y\n", "catalog.json": catalog([ZONES, pts_layer])},
    "pts",
    {"A": {"pts_count": 0}, "B": {"pts_count": 0}, "(none)": {"pts_count": 0}},
    3))

# 8. Overlapping zones: warned about; a point in both counts in each.
overlapping = geojson([polygon([square(0, 0, 100, 100)], zid="A", name="A"),
                       polygon([square(50, 0, 150, 100)], zid="B", name="B")])
pts = [(1, "a", 25, 50), (2, "a", 75, 50), (3, "a", 125, 50)]
write("overlapping_zones_warn", run_case(
    "zones that overlap: a warning, and a point inside both counts in each (documented)",
    {"zones.geojson": overlapping, "pts.csv": points_csv([(i, t, E0 + x, N0 + y) for i, t, x, y in pts]),
     "catalog.json": catalog([ZONES, pts_layer])},
    "pts",
    {"A": {"pts_count": 2}, "B": {"pts_count": 2}, "(none)": {"pts_count": 0}},
    3, stderr=["zones of zones overlap"]))

# 9. The time window keeps the days from --since to --until, both included.
timed = dict(pts_layer, time_field="day")
rows = [(1, "a", E0 + 50, N0 + 50, "2023-02-28"), (2, "a", E0 + 50, N0 + 50, "2023-03-01"),
        (3, "a", E0 + 50, N0 + 50, "2023-03-31 23:59:59"), (4, "a", E0 + 50, N0 + 50, "2023-04-01"),
        (5, "a", E0 + 50, N0 + 50, "")]
write("time_window", run_case(
    "--since/--until keep both days inclusive; rows without a time are left out",
    {"zones.geojson": two_zones, "pts.csv": points_csv(rows, "id,type,x,y,day"),
     "catalog.json": catalog([ZONES, timed])},
    "pts", {"A": {"pts_count": 2}, "B": {"pts_count": 0}, "(none)": {"pts_count": 0}}, 3,
    extra_args=["--since", "2023-03-01", "--until", "2023-03-31"]))


# 10. The same table as GeoJSON (RFC 7946) and GeoPackage: names and values survive.
for extension in ("geojson", "gpkg"):
    case = run_case(
        f"the table written as {extension}: exact column names (Chinese categories too) and values",
        {"zones.geojson": two_zones,
         "pts.csv": points_csv([(1, "油烟", E0 + 50, N0 + 50), (2, "噪音", E0 + 150, N0 + 50)]),
         "catalog.json": catalog([ZONES, pts_layer])},
        "pts",
        {"A": {"pts_count": 1, "pts_count:油烟": 1, "pts_count:噪音": 0, "zone_name": "甲"},
         "B": {"pts_count": 1, "pts_count:噪音": 1}, "(none)": {"pts_count": 0}},
        3)
    case["args"][case["args"].index("${TMP}/out.csv")] = f"${{TMP}}/out.{extension}"
    case["outputs"] = [f"out.{extension}"]
    case["expect_table"]["file"] = f"out.{extension}"
    write(f"output_{extension}", case)


def error_case(name, description, files, args, stderr):
    write(name, {"description": description, "files": files, "args": args, "exit": 2,
                 "stderr": stderr, "stderr_lines": 1})


base_files = {"zones.geojson": two_zones, "pts.csv": points_csv([(1, "a", E0 + 50, N0 + 50)]),
              "catalog.json": catalog([ZONES, pts_layer])}
error_case("error_unknown_layer", "an unknown layer id names the ids there are", base_files,
           ["stats", "${TMP}/catalog.json", "--by", "zones", "--layers", "ptz"],
           ["no layer with id \"ptz\"; the catalog has: zones, pts"])
error_case("error_by_points_layer", "--by must name a zones layer", base_files,
           ["stats", "${TMP}/catalog.json", "--by", "pts"], ["is a points layer; aggregate by a zones layer"])
error_case("error_zones_not_polygons", "a zones layer holding points",
           dict(base_files, **{"spots.geojson": geojson([feature("Point", list(at(5, 5)), zid="A", name="A")]),
                               "catalog.json": catalog([dict(ZONES, source="spots.geojson"), pts_layer])}),
           ["stats", "${TMP}/catalog.json", "--by", "zones"], ["role zones needs polygons, but the layer holds Point"])
error_case("error_missing_field", "a category field the layer lacks",
           dict(base_files, **{"catalog.json": catalog([ZONES, dict(pts_layer, category_field="kind")])}),
           ["stats", "${TMP}/catalog.json", "--by", "zones"],
           ["category_field names field \"kind\", which the layer does not have"])
error_case("error_unreadable_file", "a zones file that is not a GeoPackage",
           dict(base_files, **{"zones.gpkg": "not a database",
                               "catalog.json": catalog([dict(ZONES, source="zones.gpkg"), pts_layer])}),
           ["stats", "${TMP}/catalog.json", "--by", "zones"], ["zones.gpkg: cannot open"])
error_case("error_output_over_input", "writing the table over an input is refused, the input kept",
           base_files, ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/zones.geojson"],
           ["refusing to write over an input"])
error_case("error_output_format", "an output format stats cannot write",
           base_files, ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.kml"],
           ["unsupported output format"])
error_case("error_bad_date", "--since needs a date", base_files,
           ["stats", "${TMP}/catalog.json", "--by", "zones", "--since", "2023-13-01"], ["is not a date"])
error_case("error_missing_by", "--by is required", base_files,
           ["stats", "${TMP}/catalog.json"], ["stats needs --by ZONES"])
print("wrote cases to", HERE)
