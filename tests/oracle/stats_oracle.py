#!/usr/bin/python3
"""An independent oracle for `urbangis stats`: recomputes its table with GeoPandas, shapely and
pyproj (Debian's python3-geopandas, python3-shapely, python3-pyproj) and writes it as CSV.

    stats_oracle.py CATALOG --by ZONES [--layers a,b] --out ORACLE.csv

The rules (see src/analysis/stats/stats.cpp and tests/cases/stats/make_cases.py):
- Everything is reprojected to the working CRS (the catalog's "crs"; when absent the WGS84 UTM
  zone of the zones layer's centre) in lon/lat (always_xy) order. Invalid geometries are repaired
  with make_valid, keeping the polygonal parts (zones, areas) or the line parts (lines, network).
- Areas and lengths are ellipsoidal: the geometry in the working CRS is transformed to the working
  CRS's geographic CRS and measured with pyproj.Geod on its ellipsoid.
- Points: a point inside a zone's interior counts in that zone (in each, if zones overlap); a
  point only on boundaries counts once, in the touched zone with the smallest zone_id (compared as
  integers when all ids are integers); a point in no zone counts in "(none)".
- Areas / lines: features intersecting the zone are counted; the union of their parts inside the
  zone is measured; "(none)" holds the features meeting no zone. Sum fields go to the zone holding
  the feature's point_on_surface, by the point rule. Road share: the zone's road length within
  buffer_m of the layer's lines over the zone's road length.
Not reproduced: `--since/--until` (the oracle counts every feature), GCJ-02/BD-09 layer CRSs and
PG:/vsi sources (refused with an error).
Every layer is read with fiona (GDAL) or, for CSV coordinate layers, with Python's csv parsing via
pandas; UrbanGIS's own code (its zone locator, overlay, measurement) is not used.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import time
import warnings

import fiona
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely.vectorized
from pyproj import CRS, Geod, Transformer
from shapely.geometry import GeometryCollection, Point, Polygon, box, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree
from shapely.validation import make_valid

ROLES_SUMMARISED = ("points", "areas", "lines", "assets")
# shapely 1.8 (Debian 12) announces the 2.0 STRtree API; the 1.8 calls used here are fine.
warnings.filterwarnings("ignore", message="STRtree will be changed")


class OracleError(Exception):
    pass


# --- catalog -------------------------------------------------------------------------------

def crs_named(name):
    """A catalog CRS name (docs/catalog.md, "CRS names") as a pyproj CRS."""
    key = re.sub(r"[-_ ]", "", name).lower()
    if key == "wgs84":
        return CRS.from_epsg(4326)
    if key == "cgcs2000":
        return CRS.from_epsg(4490)
    if key in ("gcj02", "bd09"):
        raise OracleError(f"CRS {name}: the oracle does not reproduce the GCJ-02/BD-09 offsets")
    match = re.fullmatch(r"epsg:(\d+)", key)
    if not match:
        raise OracleError(f"unknown CRS name {name!r}")
    return CRS.from_epsg(int(match.group(1)))


def resolved_source(catalog_dir, source):
    if source.startswith("PG:") or source.startswith("/vsi"):
        raise OracleError(f"source {source!r}: the oracle reads files only")
    return source if os.path.isabs(source) else os.path.normpath(os.path.join(catalog_dir, source))


def load_catalog(path):
    with open(path, encoding="utf-8") as f:
        catalog = json.load(f)
    layers = {}
    for layer in catalog["layers"]:
        layer = {k: v for k, v in layer.items() if not (isinstance(v, str) and v == "")}
        layer["path"] = resolved_source(os.path.dirname(os.path.abspath(path)), layer["source"])
        layers[layer["id"]] = layer
    top_crs = catalog.get("crs") or None
    return catalog, layers, top_crs


# --- reading ---------------------------------------------------------------------------------

def text_of(value):
    """A field value as UrbanGIS writes it as text: integers without decimals, reals with up to
    15 significant digits, nulls empty."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return ""
        if value == math.floor(value) and abs(value) < 1e15:
            return "%.0f" % value
        return "%.15g" % value
    if value is pd.NaT:
        return ""
    return str(value)


DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def coordinate(text):
    """A CSV coordinate as GDAL's CSV driver reads it: a decimal number, blanks around it allowed;
    anything else gives no point. Parsed with float(), which rounds correctly like strtod; NOT
    pandas.to_numeric, whose fast parser can be one unit in the last place off -- enough to move
    a point that lies on a zone edge into a neighbouring zone."""
    text = text.strip()
    return float(text) if DECIMAL.fullmatch(text) else None


def number_from_text(text):
    """A number from a text field as UrbanGIS reads one (strtod: the longest leading decimal
    number, NaN if there is none)."""
    match = DECIMAL.match(text.lstrip())
    return float(match.group(0)) if match else math.nan


def fiona_geometry(geometry):
    """A shapely geometry from fiona's (None for a null geometry)."""
    if geometry is None:
        return None
    if geometry.type == "GeometryCollection":
        return GeometryCollection([fiona_geometry(part) for part in geometry.geometries])
    return shape({"type": geometry.type, "coordinates": geometry.coordinates})


class VectorData:
    """A layer as read: its attributes (a DataFrame, with the source's feature ids as text in
    column "__fid"), its shapely geometries (None where null) and its CRS."""

    def __init__(self, table, geometries, crs):
        self.table, self.geometries, self.crs = table, geometries, crs

    def __len__(self):
        return len(self.geometries)


def read_vector(layer):
    """The layer in its own CRS (the catalog's "crs" overrides the source's)."""
    if "x" in layer:  # a CSV of coordinates: read the columns as text, as GDAL's CSV driver does
        table = pd.read_csv(layer["path"], dtype=str, keep_default_na=False,
                            encoding=layer.get("encoding", "utf-8-sig"))
        xs = [coordinate(text) for text in table[layer["x"]]]
        ys = [coordinate(text) for text in table[layer["y"]]]
        geometry = [None if x is None or y is None else Point(x, y) for x, y in zip(xs, ys)]
        table = table.drop(columns=[layer["x"], layer["y"]])
        table["__fid"] = [str(i + 1) for i in range(len(table))]
        if "crs" not in layer:
            raise OracleError(f"layer {layer['id']}: a CSV layer needs a crs")
        return VectorData(table, geometry, crs_named(layer["crs"]))
    # Read with fiona, as geopandas.read_file does, minus its slow per-feature GeoJSON round trip
    # (3x faster on the bench city) and keeping the FIDs.
    kwargs = {}
    if "layer" in layer:
        kwargs["layer"] = layer["layer"]
    if "encoding" in layer:
        kwargs["encoding"] = layer["encoding"]
    with fiona.open(layer["path"], **kwargs) as source:
        crs = crs_named(layer["crs"]) if "crs" in layer else (
            CRS.from_wkt(source.crs_wkt) if source.crs_wkt else None)
        if crs is None:
            raise OracleError(f"layer {layer['id']}: the source has no CRS")
        fields = list(source.schema["properties"])
        fids, records, geometries = [], [], []
        for feature in source:
            fids.append(str(feature.id))
            records.append(dict(feature.properties))
            geometries.append(fiona_geometry(feature.geometry))
    table = pd.DataFrame.from_records(records, columns=fields) if records else pd.DataFrame(columns=fields)
    table["__fid"] = fids
    return VectorData(table, geometries, crs)


def to_working(data, working):
    """The layer's geometries in the working CRS (GeoPandas' to_crs: pyproj, always_xy)."""
    if data.crs.equals(working):
        return data.geometries
    return list(gpd.GeoSeries(data.geometries, crs=data.crs).to_crs(working))


# --- geometry ---------------------------------------------------------------------------------

DIMENSION = {"Point": 0, "LineString": 1, "LinearRing": 1, "Polygon": 2}


def simple_parts(geometry):
    if geometry.geom_type in ("GeometryCollection", "MultiPolygon", "MultiLineString", "MultiPoint"):
        for part in geometry.geoms:
            yield from simple_parts(part)
    else:
        yield geometry


def keep_dimension(geometry, dimension):
    if geometry is None or geometry.is_empty:
        return None
    parts = [p for p in simple_parts(geometry)
             if DIMENSION.get(p.geom_type) == dimension and not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else unary_union(parts)


def repaired(geometry, dimension):
    """The geometry if valid, else make_valid's parts of the given dimension (None if none)."""
    if geometry is None or geometry.is_empty:
        return None, False
    if geometry.is_valid:
        return geometry, False
    return keep_dimension(make_valid(geometry), dimension), True


class Measure:
    """Ellipsoidal area and length on the working CRS's own geographic CRS and ellipsoid."""

    def __init__(self, working):
        geographic = working.geodetic_crs
        ellipsoid = geographic.ellipsoid
        rf = ellipsoid.inverse_flattening
        self.geod = Geod(a=ellipsoid.semi_major_metre, f=(1.0 / rf) if rf else 0.0)
        self.description = f"{geographic.name} (a={ellipsoid.semi_major_metre}, rf={rf})"
        self.to_lonlat = None if working.is_geographic else Transformer.from_crs(
            working, geographic, always_xy=True)

    def _lonlat(self, xy):
        """Working-CRS coordinates (an n x 2 array) as lon/lat arrays."""
        if self.to_lonlat is None:
            return xy[:, 0], xy[:, 1]
        lon, lat = self.to_lonlat.transform(xy[:, 0], xy[:, 1])
        return np.asarray(lon), np.asarray(lat)

    def _sequences_lonlat(self, sequences):
        """Several coordinate sequences transformed in one call, split again."""
        arrays = [np.asarray(sequence, dtype=float)[:, :2] for sequence in sequences]
        lon, lat = self._lonlat(np.concatenate(arrays))
        splits = np.cumsum([len(a) for a in arrays])[:-1]
        return list(zip(np.split(lon, splits), np.split(lat, splits)))

    def area(self, geometry):
        """Sum over the polygonal parts of |geodesic area|: each polygon in lon/lat, oriented
        (exterior counter-clockwise, holes clockwise, as pyproj adds signed ring areas) and
        measured with Geod.geometry_area_perimeter."""
        if geometry is None or geometry.is_empty:
            return 0.0
        polygons = [p for p in simple_parts(geometry) if p.geom_type == "Polygon" and not p.is_empty]
        if not polygons:
            return 0.0
        rings = []
        for polygon in polygons:
            rings.append(polygon.exterior.coords)
            rings.extend(hole.coords for hole in polygon.interiors)
        lonlat = iter(self._sequences_lonlat(rings))
        total = 0.0
        for polygon in polygons:
            exterior = np.column_stack(next(lonlat))
            holes = [np.column_stack(next(lonlat)) for _ in polygon.interiors]
            total += abs(self.geod.geometry_area_perimeter(orient(Polygon(exterior, holes), 1.0))[0])
        return total

    def length(self, geometry):
        """Sum over the line parts of their geodesic length: Geod.inv per segment, summed, as
        Geod.geometry_length does; all parts transformed in one call."""
        if geometry is None or geometry.is_empty:
            return 0.0
        lines = [p.coords for p in simple_parts(geometry)
                 if p.geom_type in ("LineString", "LinearRing") and not p.is_empty]
        if not lines:
            return 0.0
        total = 0.0
        for lon, lat in self._sequences_lonlat(lines):
            if len(lon) > 1:
                total += float(np.sum(self.geod.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2]))
        return total


# --- zones and the point rule ------------------------------------------------------------------

def working_crs(top_crs, zones_layer):
    if top_crs:
        return crs_named(top_crs)
    data = read_vector(zones_layer)
    crs = data.crs
    x0, y0, x1, y1 = gpd.GeoSeries(data.geometries, crs=crs).total_bounds
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    if not crs.equals(CRS.from_epsg(4326)):
        x, y = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True).transform(x, y)
    zone = min(max(int(math.floor((x + 180.0) / 6.0)) + 1, 1), 60)
    return CRS.from_epsg((32600 if y >= 0 else 32700) + zone)


class Zones:
    def __init__(self, layer, working, measure):
        data = read_vector(layer)
        series = to_working(data, working)
        ids = data.table[layer["id_field"]] if "id_field" in layer else data.table["__fid"]
        names = data.table[layer["name_field"]] if "name_field" in layer else [""] * len(data)
        self.ids, self.names, self.geometries, self.areas, self.repaired = [], [], [], [], []
        for zone_id, name, geometry in zip(ids, names, series):
            zone_id = text_of(zone_id)
            if geometry is None or geometry.is_empty:
                raise OracleError(f"zone {zone_id}: no geometry")
            geometry, was_repaired = repaired(geometry, 2)
            if geometry is None:
                raise OracleError(f"zone {zone_id}: no area, even after repair")
            if was_repaired:
                self.repaired.append(zone_id)
            self.ids.append(zone_id)
            self.names.append(text_of(name))
            self.geometries.append(geometry)
            self.areas.append(measure.area(geometry))
        if not self.ids:
            raise OracleError("the zones layer is empty")
        integer = all(re.fullmatch(r"-?[0-9]+", i) and -2**63 <= int(i) < 2**63 for i in self.ids)
        key = (lambda z: int(self.ids[z])) if integer else (lambda z: self.ids[z].encode("utf-8"))
        self.order = sorted(range(len(self.ids)), key=key)  # stable: file order among equal ids
        self.rank = [0] * len(self.ids)
        for position, z in enumerate(self.order):
            self.rank[z] = position
        self.bounds = np.array([g.bounds for g in self.geometries])
        self.tree = STRtree(self.geometries)
        self._prepared = [None] * len(self.geometries)

    def __len__(self):
        return len(self.geometries)

    def prepared(self, z):
        if self._prepared[z] is None:
            self._prepared[z] = prep(self.geometries[z])
        return self._prepared[z]

    def locate(self, xs, ys):
        """The point rule, for arrays of working-CRS coordinates. Returns (point index, slot)
        pairs as two arrays; slot len(self) is "(none)"."""
        xs = np.asarray(xs, dtype=float)
        ys = np.asarray(ys, dtype=float)
        n = len(self)
        holders = np.zeros(len(xs), dtype=np.int64)
        point_parts, slot_parts = [], []
        for z, geometry in enumerate(self.geometries):
            x0, y0, x1, y1 = self.bounds[z]
            candidates = np.nonzero((xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))[0]
            if len(candidates) == 0:
                continue
            inside = candidates[shapely.vectorized.contains(geometry, xs[candidates], ys[candidates])]
            holders[inside] += 1
            point_parts.append(inside)
            slot_parts.append(np.full(len(inside), z, dtype=np.int64))
        # On boundaries only: the touched zone of smallest id.
        best = np.full(len(xs), -1, dtype=np.int64)
        loose = holders == 0
        for z in self.order:
            x0, y0, x1, y1 = self.bounds[z]
            candidates = np.nonzero(loose & (best < 0) & (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))[0]
            if len(candidates) == 0:
                continue
            on_edge = candidates[shapely.vectorized.touches(self.geometries[z], xs[candidates], ys[candidates])]
            best[on_edge] = z
        touched = np.nonzero(loose & (best >= 0))[0]
        point_parts.append(touched)
        slot_parts.append(best[touched])
        nowhere = np.nonzero(loose & (best < 0))[0]
        point_parts.append(nowhere)
        slot_parts.append(np.full(len(nowhere), n, dtype=np.int64))
        return np.concatenate(point_parts), np.concatenate(slot_parts)


# --- layers -------------------------------------------------------------------------------------

def numbers(frame, field):
    if field not in frame.columns:
        raise OracleError(f"no field {field!r}")
    values = []
    for value in frame[field]:
        if isinstance(value, str):
            values.append(number_from_text(value))
        elif value is None or value is pd.NaT:
            values.append(math.nan)
        elif isinstance(value, (bool, np.bool_, int, np.integer, float, np.floating)):
            values.append(float(value))
        else:  # dates and other types: no number
            values.append(math.nan)
    return np.array(values, dtype=float)


def points_columns(layer, zones, working):
    data = read_vector(layer)
    frame = data.table
    L = layer["id"]
    slots = len(zones) + 1
    xs, ys, rows = [], [], []
    for row, geometry in enumerate(data.geometries):
        if geometry is None or geometry.is_empty:
            continue
        point = geometry if geometry.geom_type == "Point" else geometry.centroid
        if point.is_empty:
            continue
        xs.append(point.x)
        ys.append(point.y)
        rows.append(row)
    xs, ys, rows = np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(rows, dtype=np.int64)
    if len(xs) and not data.crs.equals(working):
        xs, ys = Transformer.from_crs(data.crs, working, always_xy=True).transform(xs, ys)
        xs, ys = np.asarray(xs), np.asarray(ys)
        finite = np.isfinite(xs) & np.isfinite(ys)
        xs, ys, rows = xs[finite], ys[finite], rows[finite]
    points, slot = zones.locate(xs, ys)
    counts = np.bincount(slot, minlength=slots)
    columns = [(f"{L}_count", "int", list(counts)),
               (f"{L}_per_km2", "real",
                [counts[z] * 1e6 / zones.areas[z] if zones.areas[z] > 0 else None for z in range(len(zones))] + [None])]
    # Counts by category; an assets inventory also by condition (its status_field).
    breakdowns = [("category_field", "count")]
    if layer["role"] == "assets":
        breakdowns.append(("status_field", "condition"))
    for key, word in breakdowns:
        if key not in layer:
            continue
        values = frame[layer[key]].to_numpy(dtype=object)
        names = np.array([text_of(values[r]) for r in rows], dtype=object)
        for name in sorted(set(names), key=lambda s: s.encode("utf-8")):
            mine = names[points] == name
            columns.append((f"{L}_{word}:{name or '(none)'}", "int",
                            list(np.bincount(slot[mine], minlength=slots))))
    for field in layer.get("sum_fields", []):
        values = numbers(frame, field)[rows][points]
        values = np.where(np.isnan(values), 0.0, values)
        columns.append((f"{L}_sum_{field}", "real", list(np.bincount(slot, weights=values, minlength=slots))))
    return columns, f"{L}: {len(frame)} features, {len(xs)} located, {int(counts[-1])} in no zone"


def features_of(layer, working, dimension):
    """Working-CRS geometries (repaired) of an areas, lines or network layer, with the frame rows."""
    data = read_vector(layer)
    frame = data.table
    series = to_working(data, working)
    geometries, rows, repairs = [], [], 0
    for row, geometry in enumerate(series):
        geometry, was_repaired = repaired(geometry, dimension)
        if geometry is None:
            continue
        repairs += was_repaired
        geometries.append(geometry)
        rows.append(row)
    return frame, geometries, np.array(rows, dtype=np.int64), repairs


def pieces_inside(zone, prepared, geometries, candidates, dimension):
    """The parts of the candidate features inside the zone, and which candidates met it."""
    pieces, met = [], []
    for c in candidates:
        feature = geometries[c]
        if not prepared.intersects(feature):
            continue
        met.append(c)
        if prepared.contains_properly(feature):
            pieces.append(feature)
            continue
        piece = keep_dimension(zone.intersection(feature), dimension)
        if piece is not None:
            pieces.append(piece)
    return pieces, met


def union_of(pieces):
    if not pieces:
        return None
    return pieces[0] if len(pieces) == 1 else unary_union(pieces)


def overlay_columns(layer, layers, zones, working, measure):
    L = layer["id"]
    dimension = 2 if layer["role"] == "areas" else 1
    frame, geometries, rows, repairs = features_of(layer, working, dimension)
    n = len(zones)
    counts = [0] * (n + 1)
    amount = [0.0] * (n + 1)
    met_any = np.zeros(len(geometries), dtype=bool)
    tree = STRtree(geometries) if geometries else None
    if "covers" in layer:
        buffer_m = float(layer.get("buffer_m", 15))
        _, road_geometries, _, _ = features_of(layers[layer["covers"]], working, 1)
        road_tree = STRtree(road_geometries) if road_geometries else None
        road_pct = [None] * (n + 1)
    for z in range(n):
        zone, prepared = zones.geometries[z], zones.prepared(z)
        candidates = sorted(tree.query_items(zone)) if tree else []
        pieces, met = pieces_inside(zone, prepared, geometries, candidates, dimension)
        counts[z] = len(met)
        met_any[met] = True
        inside = union_of(pieces)
        amount[z] = measure.area(inside) if dimension == 2 else measure.length(inside)
        if "covers" in layer:
            road_candidates = sorted(road_tree.query_items(zone)) if road_tree else []
            road_pieces, _ = pieces_inside(zone, prepared, road_geometries, road_candidates, 1)
            roads_inside = union_of(road_pieces)
            road_length = measure.length(roads_inside)
            if road_length <= 0:
                continue
            # The buffer of the union of all the layer's lines, restricted to those that can
            # reach the zone: no line farther than buffer_m from the zone's envelope matters.
            x0, y0, x1, y1 = zone.bounds
            reach = box(x0 - 2 * buffer_m, y0 - 2 * buffer_m, x1 + 2 * buffer_m, y1 + 2 * buffer_m)
            near = [geometries[c] for c in (tree.query_items(reach) if tree else [])]
            covered = 0.0
            if near:
                corridor = unary_union(near).buffer(buffer_m, resolution=8)
                covered = measure.length(keep_dimension(roads_inside.intersection(corridor), 1))
            road_pct[z] = 100.0 * covered / road_length
    outside = [geometries[f] for f in range(len(geometries)) if not met_any[f]]
    counts[n] = len(outside)
    merged = union_of(outside)
    amount[n] = measure.area(merged) if dimension == 2 else measure.length(merged)

    columns = []
    if dimension == 2:
        columns.append((f"{L}_count", "int", counts))
        columns.append((f"{L}_area_m2", "real", amount))
        columns.append((f"{L}_area_pct", "real",
                        [100.0 * amount[z] / zones.areas[z] if zones.areas[z] > 0 else None
                         for z in range(n)] + [None]))
    else:
        columns.append((f"{L}_length_m", "real", amount))
        if "covers" in layer:
            columns.append((f"{L}_road_pct", "real", road_pct))
    if layer.get("sum_fields"):
        xs, ys = [], []
        for geometry in geometries:
            point = geometry.representative_point()  # GEOS PointOnSurface
            xs.append(point.x)
            ys.append(point.y)
        features, slot = zones.locate(xs, ys)
        for field in layer["sum_fields"]:
            values = numbers(frame, field)[rows][features]
            values = np.where(np.isnan(values), 0.0, values)
            columns.append((f"{L}_sum_{field}", "real",
                            list(np.bincount(slot, weights=values, minlength=n + 1))))
    note = f"{L}: {len(geometries)} features ({repairs} repaired), {counts[n]} meeting no zone"
    return columns, note


# --- the table -------------------------------------------------------------------------------------

def cell(value, kind):
    if value is None:
        return ""
    if kind == "int":
        return str(int(value))
    if kind == "real":
        value = float(value)
        return "" if math.isnan(value) else repr(value)
    return str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalog")
    parser.add_argument("--by", required=True, help="the zones layer id")
    parser.add_argument("--layers", default="", help="comma-separated layer ids (default: all "
                        "points, areas, lines and assets layers, in catalog order)")
    parser.add_argument("--out", required=True, help="the CSV to write")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        _, layers, top_crs = load_catalog(args.catalog)
        if args.by not in layers:
            raise OracleError(f"no layer {args.by!r}")
        zones_layer = layers[args.by]
        if zones_layer["role"] != "zones":
            raise OracleError(f"{args.by} is a {zones_layer['role']} layer, not zones")
        if args.layers:
            chosen = [layers[i] for i in args.layers.split(",") if i]
            for layer in chosen:
                if layer["role"] not in ROLES_SUMMARISED:
                    raise OracleError(f"{layer['id']} is a {layer['role']} layer")
        else:
            chosen = [layer for layer in layers.values() if layer["role"] in ROLES_SUMMARISED]

        working = working_crs(top_crs, zones_layer)
        measure = Measure(working)
        zones = Zones(zones_layer, working, measure)
        n = len(zones)
        columns = [("zone_id", "text", zones.ids + ["(none)"]),
                   ("zone_name", "text", zones.names + [""]),
                   ("area_km2", "real", [a / 1e6 for a in zones.areas] + [None])]
        notes = [f"working CRS {working.name} (EPSG:{working.to_epsg()}), measured on {measure.description}",
                 f"zones {args.by}: {n} ({len(zones.repaired)} repaired)"]
        for layer in chosen:
            layer_started = time.monotonic()
            if layer["role"] in ("points", "assets"):
                more, note = points_columns(layer, zones, working)
            else:
                more, note = overlay_columns(layer, layers, zones, working, measure)
            columns += more
            notes.append(f"{note} ({time.monotonic() - layer_started:.1f} s)")
    except (OracleError, KeyError, OSError, ValueError) as error:
        print(f"stats_oracle: error: {error}", file=sys.stderr)
        return 2

    with open(args.out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow([name for name, _, _ in columns])
        for row in zones.order + [n]:
            writer.writerow([cell(values[row], kind) for _, kind, values in columns])
    for note in notes:
        print("stats_oracle: " + note, file=sys.stderr)
    print(f"stats_oracle: wrote {n + 1} rows x {len(columns)} columns to {args.out} in "
          f"{time.monotonic() - started:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
