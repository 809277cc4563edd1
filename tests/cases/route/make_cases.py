#!/usr/bin/python3
"""Writes the declarative `urbangis route` cases. Run: /usr/bin/python3 tests/cases/route/make_cases.py

The networks are tiny hand-made grids near Daye (lon 114.90, lat 30.10); the expected lengths are
geodesics along the expected path, computed here with pyproj's Geod, independently of urbangis.
Every case passes --no-cache: a case neither reads nor fills the user's graph cache.
"""
import itertools
import json
import os

from pyproj import Geod

HERE = os.path.dirname(os.path.abspath(__file__))
DAYE = "${SOURCE}/layers/daye.json"
GEOD = Geod(ellps="GRS80")  # the ellipsoid of CGCS2000, the catalogs' working CRS


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def length(points):
    return sum(GEOD.inv(a[0], a[1], b[0], b[1])[2] for a, b in zip(points, points[1:]))


def roads(features):
    """GeoJSON of (id, name, [(lon, lat), …], properties) lines."""
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"rid": rid, "name": name, **extra},
         "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]}}
        for rid, name, points, extra in features]}, ensure_ascii=False)


def catalog(network_keys=None, more_layers=(), crs="EPSG:4547", source="roads.geojson"):
    network = {"id": "roads", "title": "Roads", "role": "network", "source": source,
               "id_field": "rid", "name_field": "name", **(network_keys or {})}
    return json.dumps({"name": "test", "crs": crs, "layers": [network, *more_layers]}, ensure_ascii=False)


def metres(value):
    """How urbangis prints a length: %.1f m."""
    return "%.1f m" % value


# Grid A: two east-west roads and three north-south streets (a ladder of two blocks).
#   D(114.900,30.104) ─黄河路─ E(114.902,30.104) ──黄河路── F(114.906,30.104)
#   │西街                     │中街                        │东街
#   A(114.900,30.100) ─长江路─ B(114.902,30.100) ──长江路── C(114.906,30.100)
A, B, C = (114.900, 30.100), (114.902, 30.100), (114.906, 30.100)
D, E, F = (114.900, 30.104), (114.902, 30.104), (114.906, 30.104)
GRID = roads([("r1", "长江路", [A, C], {}), ("r2", "黄河路", [D, F], {}), ("r3", "西街", [A, D], {}),
              ("r4", "中街", [B, E], {}), ("r5", "东街", [C, F], {})])
GRID_FILES = {"catalog.json": catalog(), "roads.geojson": GRID}

START, END, VIA = (114.904, 30.100), (114.906, 30.103), (114.901, 30.104)
DIRECT = length([START, C, END])  # east on 长江路, left onto 东街
VIA_ROUTE = length([START, B, E, VIA, F, END])  # 长江路, 中街, 黄河路 west to the via point, back east, 东街


def place(p):
    return "%.3f,%.3f" % p


def route_args(*more, frm=START, to=END):
    return ["route", "${TMP}/catalog.json", "--no-cache", "--from", place(frm), "--to", place(to), *more]


write("simple_route_on_grid", {
    "description": "a route on a hand-made grid: directions (沿, 左转, 到达), its length on stdout and in the GeoJSON",
    "files": GRID_FILES,
    "args": route_args("--out", "${TMP}/route.geojson"),
    "exit": 0, "outputs": ["route.geojson"],
    "stdout": ["路线长度 " + metres(DIRECT), "沿长江路 193 m → 左转 沿东街 333 m → 到达"],
    "stderr": ["roads: 6 nodes, 7 edges, 1 component"],
    "expect_table": {"file": "route.geojson", "key": "name", "row_count": 1, "tolerance": 1e-3,
                     "rows": {"路线": {"length_m": round(DIRECT, 2), "steps": 2,
                                      "from": "114.904000,30.100000", "to": "114.906000,30.103000", "via": None}}}})

write("via_changes_the_route", {
    "description": "--via on 黄河路 makes the route longer and the directions name the via point",
    "files": GRID_FILES,
    "args": route_args("--via", place(VIA), "--out", "${TMP}/route.csv"),
    "exit": 0, "outputs": ["route.csv"],
    "stdout": ["路线长度 " + metres(VIA_ROUTE), "右转 沿中街", "经过途经点1，沿黄河路", "到达"],
    "expect_table": {"file": "route.csv", "key": "name", "row_count": 1, "tolerance": 1e-3,
                     "rows": {"路线": {"length_m": round(VIA_ROUTE, 2), "steps": 5, "via": "114.901000,30.104000"}}}})

write("english_directions", {
    "description": "--lang en gives English directions and labels",
    "files": GRID_FILES,
    "args": route_args("--lang", "en", "--out", "${TMP}/route.csv"),
    "exit": 0, "outputs": ["route.csv"],
    "stdout": ["route length " + metres(DIRECT), "Along 长江路 193 m → turn left onto 东街 333 m → arrive"],
    "expect_table": {"file": "route.csv", "key": "name", "row_count": 1, "tolerance": 1e-3,
                     "rows": {"route": {"length_m": round(DIRECT, 2)}}}})

write("gpx_output", {
    "description": "a .gpx route: a <rte> named 路线 with our columns as extensions, read back with OGR",
    "files": GRID_FILES,
    "args": route_args("--out", "${TMP}/route.gpx"),
    "exit": 0, "outputs": ["route.gpx"], "stderr": ["wrote ${TMP}/route.gpx"],
    "expect_table": {"file": "route.gpx", "layer": "routes", "key": "name", "row_count": 1, "tolerance": 1e-3,
                     "rows": {"路线": {"ogr_length_m": round(DIRECT, 2), "ogr_steps": 2,
                                      "ogr_from": "114.904000,30.100000",
                                      "ogr_directions": "沿长江路 193 m → 左转 沿东街 333 m → 到达"}}}})

write("error_too_far_from_roads", {
    "description": "a --from 222 m south of 长江路 with --max-snap 100 is refused, naming the limit",
    "files": GRID_FILES,
    "args": route_args("--max-snap", "100", frm=(114.904, 30.098)),
    "exit": 2,
    "stderr": ["--from 114.904000,30.098000 is 222 m from the nearest road of roads (长江路); the limit is 100 m (--max-snap)"]})

write("error_bad_from_not_numbers", {
    "description": "a --from that is not two numbers",
    "files": GRID_FILES,
    "args": ["route", "${TMP}/catalog.json", "--no-cache", "--from", "abc,30.1", "--to", place(END)],
    "exit": 2, "stderr": ["--from \"abc,30.1\": not two numbers"], "stderr_lines": 1})

write("error_bad_from_not_a_place", {
    "description": "a --from without a comma",
    "files": GRID_FILES,
    "args": ["route", "${TMP}/catalog.json", "--no-cache", "--from", "abc", "--to", place(END)],
    "exit": 2, "stderr": ["--from \"abc\": not a place; expected LON,LAT"], "stderr_lines": 1})

write("error_bad_from_swapped", {
    "description": "LAT,LON instead of LON,LAT is recognised as swapped",
    "files": GRID_FILES,
    "args": ["route", "${TMP}/catalog.json", "--no-cache", "--from", "30.1,114.9", "--to", place(END)],
    "exit": 2, "stderr": ["are longitude and latitude swapped?"], "stderr_lines": 1})

# Two roads 1.1 km apart that nothing joins.
write("error_disconnected_networks", {
    "description": "from and to on two parts of the network that no road connects",
    "files": {"catalog.json": catalog(), "roads.geojson": roads([
        ("r1", "甲路", [(114.900, 30.100), (114.902, 30.100)], {}),
        ("r2", "乙路", [(114.900, 30.110), (114.902, 30.110)], {})])},
    "args": ["route", "${TMP}/catalog.json", "--no-cache", "--from", "114.901,30.100", "--to", "114.901,30.110",
             "--max-snap", "2000"],
    "exit": 2, "stderr": ["they lie on different parts of roads that no road connects (components 1 and 2 of 2)",
                          "gaps wider than snap_m (1 m)"], "stderr_lines": 1})

# Block B: a square whose south side 南路 is one-way eastward.
#   P(114.900,30.102) ──北路── Q(114.904,30.102)
#   │西街                       │东街
#   R(114.900,30.100) ─南路→─ S(114.904,30.100)
P, Q, R, S = (114.900, 30.102), (114.904, 30.102), (114.900, 30.100), (114.904, 30.100)
ONEWAY_BLOCK = {"catalog.json": catalog({"oneway_field": "oneway"}), "roads.geojson": roads([
    ("r1", "南路", [R, S], {"oneway": 1}), ("r2", "北路", [P, Q], {"oneway": 0}),
    ("r3", "西街", [R, P], {"oneway": 0}), ("r4", "东街", [S, Q], {"oneway": 0})])}
WEST_START, WEST_END = (114.903, 30.100), (114.901, 30.100)
AROUND = length([WEST_START, S, Q, P, R, WEST_END])

write("oneway_goes_around", {
    "description": "westward on one-way 南路 is not allowed: the route goes round the block",
    "files": ONEWAY_BLOCK,
    "args": route_args("--out", "${TMP}/route.csv", frm=WEST_START, to=WEST_END),
    "exit": 0, "outputs": ["route.csv"],
    "stdout": ["路线长度 " + metres(AROUND), "沿南路 96 m → 左转 沿东街 222 m → 左转 沿北路 386 m → 左转 沿西街 222 m → 左转 沿南路 96 m → 到达"],
    "stderr": ["4 nodes, 4 edges, 1 component, 0 dangling ends, 1 one-way edges"],
    "expect_table": {"file": "route.csv", "key": "name", "row_count": 1, "tolerance": 1e-3,
                     "rows": {"路线": {"length_m": round(AROUND, 2), "steps": 5}}}})

write("error_oneway_only_way", {
    "description": "the only way back runs against one-way 单行街 (oneway \"yes\"): no route",
    "files": {"catalog.json": catalog({"oneway_field": "oneway"}), "roads.geojson": roads([
        ("r1", "单行街", [(114.900, 30.100), (114.902, 30.100)], {"oneway": "yes"}),
        ("r2", "支路", [(114.902, 30.100), (114.904, 30.100)], {"oneway": "no"})])},
    "args": ["route", "${TMP}/catalog.json", "--no-cache", "--from", "114.903,30.100", "--to", "114.901,30.100"],
    "exit": 2, "stderr": ["that respects the one-way roads of roads (oneway)"]})

write("error_empty_network", {
    "description": "a network layer without features has no edges",
    "files": {"catalog.json": catalog({"id_field": "", "name_field": ""}),
              "roads.geojson": '{"type": "FeatureCollection", "features": []}'},
    "args": route_args(),
    "exit": 2, "stderr": ["the road network has no edges (the layer holds no lines)"], "stderr_lines": 1})

write("error_only_degenerate_lines", {
    "description": "a network of lines with fewer than two distinct points has no edges",
    "files": {"catalog.json": catalog(), "roads.geojson": roads([
        ("r1", "点路", [A, A], {}), ("r2", "短路", [B], {})])},
    "args": route_args(),
    "exit": 2, "stderr": ["the road network has no edges (all 2 features are degenerate"], "stderr_lines": 1})

# A plus: 横路 crossed by one-way 纵路 in the middle.
write("graph_counts", {
    "description": "route graph reports nodes, edges, components, dangling ends and one-way edges",
    "files": {"catalog.json": catalog({"oneway_field": "oneway"}, crs="EPSG:32650"), "roads.geojson": roads([
        ("r1", "横路", [(114.900, 30.100), (114.904, 30.100)], {"oneway": 0}),
        ("r2", "纵路", [(114.902, 30.098), (114.902, 30.102)], {"oneway": 1})])},
    "args": ["route", "graph", "${TMP}/catalog.json", "--no-cache", "--out", "${TMP}/edges.csv"],
    "exit": 0, "outputs": ["edges.csv"],
    "stdout": ["roads: 5 nodes, 4 edges, 1 component, 4 dangling ends, 2 one-way edges; 1 crossings noded"],
    "expect_table": {"file": "edges.csv", "key": "edge", "row_count": 4, "tolerance": 1e-3,
                     "rows": {"0": {"road": "横路", "oneway": 0, "component": 1,
                                    "length_m": round(length([(114.900, 30.100), (114.902, 30.100)]), 2)},
                              "3": {"road": "纵路", "oneway": 1, "component": 1,
                                    "length_m": round(length([(114.902, 30.100), (114.902, 30.102)]), 2)}}}})

# Tours on grid A: three cable corridors along 长江路 A–B, 东街 C–F and 黄河路 E–F.
CORRIDORS = [("XL-1", "长江路", [A, B], "pending"), ("XL-2", "东街", [C, F], "pending"),
             ("XL-3", "黄河路", [E, F], "done")]
OFF = ("XL-4", "北外环", [(114.900, 30.106), (114.902, 30.106)], "pending")  # 222 m north of 黄河路


def corridors_geojson(items):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"corridor_no": cid, "road": name, "status": status},
         "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]}}
        for cid, name, points, status in items]}, ensure_ascii=False)


CABLE = {"id": "cable", "title": "Cable", "role": "lines", "source": "cable.geojson", "id_field": "corridor_no",
         "name_field": "road", "status_field": "status", "covers": "roads", "buffer_m": 15}


def tour_files(items):
    return {"catalog.json": catalog(more_layers=[CABLE]), "roads.geojson": GRID, "cable.geojson": corridors_geojson(items)}


# The rural postman optimum, by brute force over the grid's seven edges (each deadheaded 0–2 times).
EDGES = {"AB": (A, B), "BC": (B, C), "DE": (D, E), "EF": (E, F), "AD": (A, D), "BE": (B, E), "CF": (C, F)}


def postman(required):
    lengths = {name: length(list(ends)) for name, ends in EDGES.items()}
    best = None
    for extra in itertools.product(range(3), repeat=len(EDGES)):
        used = [n for n in required] + [n for n, k in zip(EDGES, extra) for _ in range(k)]
        degree = {}
        for n in used:
            for end in EDGES[n]:
                degree[end] = degree.get(end, 0) + 1
        if any(d % 2 for d in degree.values()):
            continue
        nodes = set(degree)  # connected?
        seen, todo = set(), [next(iter(nodes))]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            todo += [end for n in used for end in EDGES[n] if node in EDGES[n]]
        if seen != nodes:
            continue
        total = sum(lengths[n] for n in used)
        best = total if best is None else min(best, total)
    need = sum(lengths[n] for n in required)
    return best, need, best - need


ALL_TOTAL, ALL_REQUIRED, ALL_DEADHEAD = postman(["AB", "CF", "EF"])
write("tour_three_corridors", {
    "description": "a tour of three corridors: order, total, required and deadhead lengths (the optimum)",
    "files": tour_files(CORRIDORS),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable", "--out", "${TMP}/tour.csv"],
    "exit": 0, "outputs": ["tour.csv"],
    "stdout": ["巡查路线 3 条线缆整治段，3 段道路", "总长     " + metres(ALL_TOTAL), "整治段   " + metres(ALL_REQUIRED),
               "空驶     " + metres(ALL_DEADHEAD), "顺序     ", "XL-1", "XL-2", "XL-3"]})

PENDING_TOTAL, PENDING_REQUIRED, PENDING_DEADHEAD = postman(["AB", "CF"])
write("tour_where_subset", {
    "description": "--where \"status = 'pending'\" tours two of the three corridors",
    "files": tour_files(CORRIDORS),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable", "--lang", "en",
             "--where", "status = 'pending'"],
    "exit": 0,
    "stdout": ["tour 2 corridors, 2 road edges", "total     " + metres(PENDING_TOTAL),
               "required  " + metres(PENDING_REQUIRED), "deadhead  " + metres(PENDING_DEADHEAD)]})

write("error_tour_where_syntax", {
    "description": "a --where that does not parse points at the column",
    "files": tour_files(CORRIDORS),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable", "--where", "status ="],
    "exit": 2, "stderr": ["--where \"status =\": column"], "stderr_lines": 1})

write("error_tour_where_unknown_field", {
    "description": "a --where naming a field the corridors lack",
    "files": tour_files(CORRIDORS),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable", "--where", "kind = 'x'"],
    "exit": 2, "stderr": ["has no field \"kind\""], "stderr_lines": 1})

write("error_tour_corridor_off_network", {
    "description": "a corridor 222 m from every road stops the tour, naming it",
    "files": tour_files(CORRIDORS + [OFF]),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable"],
    "exit": 2,
    "stderr": ["1 corridors of cable lie along no road of roads within buffer_m (15 m): XL-4 (北外环), nearest road 222 m",
               "--skip-off-network"]})

write("tour_skip_off_network", {
    "description": "--skip-off-network leaves the off-road corridor out and tours the other three",
    "files": tour_files(CORRIDORS + [OFF]),
    "args": ["route", "tour", "${TMP}/catalog.json", "--no-cache", "--corridors", "cable", "--skip-off-network"],
    "exit": 0,
    "stdout": ["巡查路线 3 条线缆整治段，3 段道路", "总长     " + metres(ALL_TOTAL)],
    "stderr": ["XL-4 (北外环), nearest road 222 m; left out (--skip-off-network)"]})

write("daye_route", {
    "description": "a route across Daye on the embedded catalog",
    "args": ["route", DAYE, "--no-cache", "--from", "114.95,30.10", "--to", "114.98,30.11"],
    "exit": 0, "stdout": ["路线长度 ", "到达"], "stderr": ["roads: 292 nodes, 426 edges, 1 component"]})

write("daye_tour_of_cable", {
    "description": "a tour of all 95 cable corridors of Daye",
    "args": ["route", "tour", DAYE, "--no-cache", "--corridors", "cable"],
    "exit": 0, "stdout": ["巡查路线 95 条线缆整治段", "总长", "空驶", "XL2023-0001"]})
