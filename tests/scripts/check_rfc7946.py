#!/usr/bin/python3
"""Checks a GeoJSON file against RFC 7946's rules: a FeatureCollection with a bbox and no
"crs" member, lon/lat within range, at most 7 decimals, exterior rings counter-clockwise and
holes clockwise, Chinese text as characters (not \\u escapes); then reads it back with OGR.
usage: check_rfc7946.py FILE.geojson MIN_FEATURES"""
import json
import re
import subprocess
import sys

path, minimum = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
document = json.loads(text)
failures = []
if document.get("type") != "FeatureCollection":
    failures.append("not a FeatureCollection")
if "crs" in document:
    failures.append("has a crs member")
if "bbox" not in document:
    failures.append("no bbox")
if "\\u" in text:
    failures.append("\\u escapes instead of characters")
if len(document["features"]) < minimum:
    failures.append(f"{len(document['features'])} features, expected at least {minimum}")
decimals = max((len(m) for m in re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in document["features"]]))), default=0)
if decimals > 7:
    failures.append(f"coordinates with {decimals} decimals")


def signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def rings(geometry):
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]


for feature in document["features"]:
    geometry = feature["geometry"]
    if geometry is None:
        continue
    for x, y in re.findall(r"\[(-?[\d.]+), (-?[\d.]+)\]", json.dumps(geometry["coordinates"])):
        if not (-180 <= float(x) <= 180 and -90 <= float(y) <= 90):
            failures.append(f"coordinate out of range: {x}, {y}")
            break
    for polygon in rings(geometry):
        if signed_area(polygon[0]) <= 0:
            failures.append("an exterior ring is not counter-clockwise")
        for hole in polygon[1:]:
            if signed_area(hole) >= 0:
                failures.append("a hole is not clockwise")
info = subprocess.run(["ogrinfo", "-ro", "-so", "-al", path], capture_output=True, text=True)
if info.returncode != 0 or "Feature Count" not in info.stdout:
    failures.append("OGR cannot read it back: " + info.stderr.strip())
for failure in sorted(set(failures)):
    print("FAIL:", failure)
print(("FAILED" if failures else "OK") + f": {path} ({len(document['features'])} features)")
sys.exit(1 if failures else 0)
