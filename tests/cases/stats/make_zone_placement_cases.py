#!/usr/bin/python3
"""Writes the cases of what `stats` and `hotspot gistar --by` say of points in no zone, points in
overlapping zones and a layer in the wrong CRS (analysis/zones/zone_tally.h): the same words from both.
Run: /usr/bin/python3 tests/cases/stats/make_zone_placement_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HOTSPOT = os.path.join(os.path.dirname(HERE), "hotspot")
DAYE = "${SOURCE}/layers/daye.json"


def write(folder, name, case):
    with open(os.path.join(folder, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def square(zid, x0, y0, size=100.0):
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {"type": "Feature", "properties": {"zid": zid, "name": zid},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def fixture(zones, points, points_crs="EPSG:4547"):
    collection = {"type": "FeatureCollection", "features": zones,
                  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}}
    return {
        "zones.geojson": json.dumps(collection),
        "pts.csv": "id,x,y\n" + "".join(f"{i},{x},{y}\n" for i, (x, y) in enumerate(points, 1)),
        "catalog.json": json.dumps({"crs": "EPSG:4547", "layers": [
            {"id": "zones", "title": "Zones", "role": "zones", "source": "zones.geojson", "id_field": "zid",
             "name_field": "name"},
            {"id": "pts", "title": "Points", "role": "points", "source": "pts.csv", "x": "x", "y": "y",
             "crs": points_crs, "id_field": "id"}]})}


X, Y = 593000.0, 3331000.0
# Four zones in a row (A B D E, sharing borders) and C inside A: C overlaps A.
ROW = [square("A", X, Y), square("B", X + 100, Y), square("D", X + 200, Y), square("E", X + 300, Y),
       square("C", X + 20, Y + 20, 60)]
POINTS = ([(X + 10, Y + 10), (X + 90, Y + 90)]                 # A only
          + [(X + 50, Y + 50)]                                # A and C: inside both
          + [(X + 100, Y + 50)]                               # on the A|B border: A, the lower rank
          + [(X + 150, Y + 50 + i) for i in range(4)]         # B
          + [(X + 250, Y + 50)]                               # D
          + [(X + 350, Y + 20), (X + 350, Y + 80)]            # E
          + [(X + 450, Y + 50), (X - 60, Y + 50), (X + 200, Y + 160)])  # near, in no zone
IN_NO_ZONE = "pts: 3 of 14 points (21.4 %) are in no zone of zones (the zones do not cover the whole map); "
IN_SEVERAL = "pts: 1 of 14 points lie in two or more overlapping zones of zones and are counted in each of them"
OVERLAP = "WARNING: zones of zones overlap: a point inside two zones is counted in each of them"

write(HERE, "points_in_no_zone_and_in_overlapping_zones_told", {
    "description": "points beside zones that cover part of the map: one plain line, no CRS hint; a point in two "
                   "overlapping zones counted in each, and said",
    "files": fixture(ROW, POINTS),
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "stderr": [IN_NO_ZONE + "they are in the (none) row", IN_SEVERAL, OVERLAP],
    "stderr_absent": ["CRS in the catalog", "WARNING: pts"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 6, "rows": {
        "A": {"pts_count": 4}, "C": {"pts_count": 1}, "B": {"pts_count": 4}, "D": {"pts_count": 1},
        "E": {"pts_count": 2}, "(none)": {"pts_count": 3}}}})

write(HOTSPOT, "gistar_by_zones_tells_points_in_no_zone_and_overlaps", {
    "description": "Gi* by zones says what stats says of points in no zone and in overlapping zones",
    "files": fixture(ROW, POINTS),
    "args": ["hotspot", "gistar", "${TMP}/catalog.json", "--layer", "pts", "--by", "zones", "--out", "${TMP}/gi.csv"],
    "exit": 0, "outputs": ["gi.csv"],
    "stderr": [IN_NO_ZONE + "Gi* leaves them out", IN_SEVERAL, OVERLAP],
    "stderr_absent": ["CRS in the catalog"],
    "expect_table": {"file": "gi.csv", "key": "zone_id", "row_count": 5, "rows": {
        "A": {"count": 4}, "C": {"count": 1}, "B": {"count": 4}, "D": {"count": 1}, "E": {"count": 2}}}})

# The same points given in lon/lat but declared in metres: they sit ~3,300 km from the zones.
LONLAT = [(114.97 + 0.001 * i, 30.10) for i in range(6)] + [(X + 150, Y + 50)]
WRONG_CRS = "WARNING: pts: 6 of 7 points (85.7 %) lie far outside the extent of zones, all together: check pts's CRS"
write(HERE, "points_far_from_every_zone_hint_at_the_crs", {
    "description": "a layer read in the wrong CRS (lon/lat declared as metres) gets the CRS warning",
    "files": fixture(ROW, LONLAT),
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"], "stderr": [WRONG_CRS], "stderr_absent": ["are in no zone"]})
write(HOTSPOT, "gistar_by_zones_hints_at_the_crs", {
    "description": "Gi* by zones gives the same CRS warning as stats",
    "files": fixture(ROW, LONLAT),
    "args": ["hotspot", "gistar", "${TMP}/catalog.json", "--layer", "pts", "--by", "zones", "--out", "${TMP}/gi.csv"],
    "exit": 0, "outputs": ["gi.csv"], "stderr": [WRONG_CRS]})

write(HERE, "daye_communities_cover_town_centres_only", {
    "description": "Daye by its 71 communities: points outside them are told plainly, no WARNING",
    "args": ["stats", DAYE, "--by", "communities", "--layers", "street_order,yellow_line", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "stderr": ["(the zones do not cover the whole map); they are in the (none) row"],
    "stderr_absent": ["WARNING", "CRS in the catalog"]})
print("wrote the zone placement cases")
