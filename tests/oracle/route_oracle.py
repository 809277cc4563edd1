#!/usr/bin/python3
"""Shortest routes of `urbangis route` against networkx on independently noded bench road grids.

usage: route_oracle.py URBANGIS BENCHDATA WORKDIR

Three networks, all made by urbangis-benchdata (EPSG:32650, round Daye):
  grid   the 150 m grid of road pieces (--roads), 133,644 pieces;
  long   whole streets 300 m apart whose crossings fall inside segments (--long-roads), which
         both sides must node themselves;
  thin   a 6 km window of the 150 m grid with 30 % of its pieces removed at random (written here
         with fiona), so that shortest paths make detours and some pieces are cut off.
The oracle reads the lines with fiona, nodes them with shapely's unary_union, weighs each edge by
its geodesic length on the WGS84 ellipsoid (pyproj Geod on the vertices taken to lon/lat) and asks
networkx for the shortest path length between seeded random pairs: junctions on every network,
and on `thin` also places inside edges. urbangis gets each pair as LON,LAT (--no-cache) and must
give the same length (length_m of its CSV) within 0.1 %; where networkx finds no path, urbangis
must refuse with exit 2 and "different parts". The node and edge counts of the two graphs must
agree too. Exit 0 when everything holds.
"""
import concurrent.futures
import csv
import json
import os
import random
import re
import subprocess
import sys
import time

import fiona
import networkx as nx
import numpy
from pyproj import Geod, Transformer
from shapely.geometry import LineString, mapping
from shapely.ops import unary_union

TOLERANCE = 1e-3
GEOD = Geod(ellps="WGS84")  # EPSG:32650 is WGS 84 / UTM 50N
TO_LONLAT = Transformer.from_crs("EPSG:32650", "EPSG:4326", always_xy=True)


def node_key(point):
    return (round(point[0], 3), round(point[1], 3))


def geodesic_length(coords):
    lon, lat = TO_LONLAT.transform([c[0] for c in coords], [c[1] for c in coords])
    return GEOD.line_length(lon, lat)


def lon_lat(point):
    lon, lat = TO_LONLAT.transform(point[0], point[1])
    return "%.9f,%.9f" % (lon, lat)


def read_lines(path, layer="roads"):
    with fiona.open(path, layer=layer) as source:
        return [LineString(feature["geometry"]["coordinates"]) for feature in source]


def build_graph(lines):
    """Nodes every crossing and shared end with shapely; edges weighed by geodesic length."""
    merged = unary_union(lines)
    parts = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
    all_coords = [list(part.coords) for part in parts]
    # Every segment's geodesic length in one pyproj call (one call per edge takes far longer).
    flat = numpy.array([point for coords in all_coords for point in coords])
    lon, lat = TO_LONLAT.transform(flat[:, 0], flat[:, 1])
    segment = numpy.ones(len(flat), dtype=bool)
    ends = numpy.cumsum([len(coords) for coords in all_coords]) - 1
    segment[ends] = False  # the last point of each part starts no segment
    starts = numpy.nonzero(segment)[0]
    _, _, metres = GEOD.inv(lon[starts], lat[starts], lon[starts + 1], lat[starts + 1])
    per_part = numpy.zeros(len(all_coords))
    numpy.add.at(per_part, numpy.searchsorted(ends, starts), metres)
    graph = nx.Graph()
    for coords, weight in zip(all_coords, per_part):
        a, b = node_key(coords[0]), node_key(coords[-1])
        if a == b:
            continue
        if not graph.has_edge(a, b) or graph[a][b]["weight"] > weight:
            graph.add_edge(a, b, weight=float(weight), coords=coords)
    return graph


def split_at(graph, edge, fraction):
    """Adds a node inside a straight two-point edge; returns it."""
    a, b = edge
    coords = graph[a][b]["coords"]
    start, end = coords[0], coords[-1]
    point = (start[0] + (end[0] - start[0]) * fraction, start[1] + (end[1] - start[1]) * fraction)
    graph.remove_edge(a, b)
    for ends in ((start, point), (point, end)):
        graph.add_edge(node_key(ends[0]), node_key(ends[1]), weight=geodesic_length(list(ends)), coords=list(ends))
    return point


class Checker:
    def __init__(self, urbangis, work):
        self.urbangis, self.work = urbangis, work
        self.failures, self.compared, self.refused, self.max_difference = [], 0, 0, 0.0
        self.runs = 0  # routes started, for their output file names

    def route(self, catalog, index, a, b):
        out = os.path.join(self.work, "route%d.csv" % index)
        args = [self.urbangis, "route", catalog, "--no-cache", "--from", lon_lat(a), "--to", lon_lat(b), "--out", out]
        result = subprocess.run(args, capture_output=True, text=True)
        length = None
        if result.returncode == 0:
            with open(out, encoding="utf-8") as f:
                length = float(next(csv.DictReader(f))["length_m"])
        return args, result, length

    def check_counts(self, name, catalog, graph):
        result = subprocess.run([self.urbangis, "route", "graph", catalog, "--no-cache"], capture_output=True, text=True)
        found = re.search(r"([\d,]+) nodes, ([\d,]+) edges", result.stdout)
        if result.returncode != 0 or not found:
            self.failures.append("%s: urbangis route graph failed: %s" % (name, result.stderr.strip()))
            return
        nodes, edges = (int(found.group(i).replace(",", "")) for i in (1, 2))
        print("%s: urbangis %d nodes, %d edges; shapely+networkx %d nodes, %d edges"
              % (name, nodes, edges, graph.number_of_nodes(), graph.number_of_edges()))
        if (nodes, edges) != (graph.number_of_nodes(), graph.number_of_edges()):
            self.failures.append("%s: the graphs differ in size" % name)

    def compare(self, name, catalog, jobs):
        """jobs: (label, graph, a, b) with a, b points in EPSG:32650."""
        started = time.time()
        expected = []
        for label, graph, a, b in jobs:
            try:
                expected.append(nx.bidirectional_dijkstra(graph, node_key(a), node_key(b), weight="weight")[0])
            except nx.NetworkXNoPath:
                expected.append(None)
        networkx_s = time.time() - started
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda job: self.route(catalog, *job), [(self.runs + i, job[2], job[3]) for i, job in enumerate(jobs)]))
        self.runs += len(jobs)
        print("%s: %d pairs, networkx %.1f s, urbangis %.1f s" % (name, len(jobs), networkx_s,
                                                               time.time() - started - networkx_s))
        for (label, _, a, b), want, (args, result, got) in zip(jobs, expected, results):
            where = "%s %s: urbangis %s" % (name, label, " ".join(args[1:]))
            if want is None:
                if result.returncode == 2 and "different parts" in result.stderr:
                    self.refused += 1
                else:
                    self.failures.append("%s: networkx finds no path, urbangis exit %d: %s"
                                         % (where, result.returncode, result.stderr.strip()[-300:]))
                continue
            if got is None:
                self.failures.append("%s: exit %d: %s" % (where, result.returncode, result.stderr.strip()[-300:]))
                continue
            difference = abs(got - want) / want
            self.max_difference = max(self.max_difference, difference)
            self.compared += 1
            if difference > TOLERANCE:
                self.failures.append("%s: %.2f m, networkx %.2f m" % (where, got, want))


def far_pairs(rng, nodes, count, minimum=300.0):
    pairs = []
    while len(pairs) < count:
        a, b = rng.sample(nodes, 2)
        if abs(a[0] - b[0]) + abs(a[1] - b[1]) >= minimum:
            pairs.append((a, b))
    return pairs


def main():
    urbangis, benchdata, work = sys.argv[1:4]
    started = time.time()
    rng = random.Random(20231129)
    checker = Checker(urbangis, work)

    # grid: the 150 m pieces as generated.
    grid_dir = os.path.join(work, "grid")
    subprocess.run([benchdata, "--out", grid_dir, "--points", "10", "--zones", "4", "--roads"], check=True,
                   capture_output=True)
    grid_lines = read_lines(os.path.join(grid_dir, "bench.gpkg"))
    grid = build_graph(grid_lines)
    grid_catalog = os.path.join(grid_dir, "bench.json")
    print("grid: generated, read and noded in %.0f s" % (time.time() - started))
    checker.check_counts("grid", grid_catalog, grid)
    checker.compare("grid", grid_catalog,
                    [("junctions", grid, a, b) for a, b in far_pairs(rng, sorted(grid.nodes), 6)])

    # long: whole streets, crossings inside segments.
    long_dir = os.path.join(work, "long")
    subprocess.run([benchdata, "--out", long_dir, "--points", "10", "--zones", "4", "--long-roads",
                    "--road-spacing", "300"], check=True, capture_output=True)
    long_graph = build_graph(read_lines(os.path.join(long_dir, "bench.gpkg")))
    long_catalog = os.path.join(long_dir, "bench.json")
    checker.check_counts("long", long_catalog, long_graph)
    checker.compare("long", long_catalog,
                    [("junctions", long_graph, a, b) for a, b in far_pairs(rng, sorted(long_graph.nodes), 8)])

    # thin: a window of the grid with 30 % of the pieces gone.
    x0 = min(line.bounds[0] for line in grid_lines)
    y0 = min(line.bounds[1] for line in grid_lines)
    kept = [line for line in grid_lines
            if line.bounds[2] <= x0 + 6000 and line.bounds[3] <= y0 + 6000 and rng.random() >= 0.3]
    thin_dir = os.path.join(work, "thin")
    os.makedirs(thin_dir)
    schema = {"geometry": "LineString", "properties": {"name": "str"}}
    with fiona.open(os.path.join(thin_dir, "thin.gpkg"), "w", driver="GPKG", layer="roads", crs="EPSG:32650",
                    schema=schema) as sink:
        sink.writerecords({"geometry": mapping(line), "properties": {"name": "路"}} for line in kept)
    thin_catalog = os.path.join(thin_dir, "thin.json")
    with open(thin_catalog, "w", encoding="utf-8") as f:
        json.dump({"crs": "EPSG:32650", "layers": [{"id": "roads", "title": "Roads", "role": "network",
                                                    "source": "thin.gpkg", "name_field": "name"}]}, f)
    thin = build_graph(kept)
    checker.check_counts("thin", thin_catalog, thin)
    components = sorted(nx.connected_components(thin), key=len, reverse=True)
    largest = sorted(components[0])
    jobs = [("junctions", thin, a, b) for a, b in far_pairs(rng, largest, 14)]
    # Places inside edges: each pair on two different edges of the largest component, split there.
    edges = sorted(tuple(sorted(edge)) for edge in thin.subgraph(largest).edges)
    while len([job for job in jobs if job[0] == "inside edges"]) < 8:
        first, second = rng.sample(edges, 2)
        if set(first) & set(second):
            continue
        split = thin.copy()
        a = split_at(split, first, rng.uniform(0.15, 0.85))
        b = split_at(split, second, rng.uniform(0.15, 0.85))
        jobs.append(("inside edges", split, a, b))
    # Pairs that no road joins, when the thinning cut some pieces off.
    for small in components[1:3]:
        jobs.append(("cut off", thin, sorted(small)[0], rng.choice(largest)))
    checker.compare("thin", thin_catalog, jobs)

    for failure in checker.failures:
        print("FAIL:", failure)
    print("route oracle: %d routes equal to networkx within %g (max relative difference %.2e), "
          "%d unconnected pairs refused, %d failures, %.0f s"
          % (checker.compared, TOLERANCE, checker.max_difference, checker.refused, len(checker.failures),
             time.time() - started))
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
