#!/usr/bin/python3
"""Writes the declarative `urbangis hotspot` cases. Run: /usr/bin/python3 tests/cases/hotspot/make_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def catalog(rows, header="id,x,y,w"):
    return {"pts.csv": header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows),
            "catalog.json": json.dumps({"crs": "EPSG:4547", "layers": [
                {"id": "pts", "title": "P", "role": "points", "source": "pts.csv", "x": "x", "y": "y",
                 "crs": "EPSG:4547"}]})}


DAYE = "${SOURCE}/layers/daye.json"
for kernel in ("quartic", "triangular", "uniform", "triweight", "epanechnikov", "gaussian"):
    write(f"kde_{kernel}_integrates_to_count", {
        "description": f"the {kernel} surface of Daye's 184 complaints integrates to 184",
        "args": ["hotspot", "kde", DAYE, "--layer", "complaints", "--kernel", kernel, "--radius", "800",
                 "--out", "${TMP}/kde.tif"],
        "exit": 0, "outputs": ["kde.tif"],
        "stderr": [f"{kernel} kernel, radius 800 m (given)", "the surface integrates to 184 (184 points)"]})

write("kde_default_radius_reported", {
    "description": "without --radius the rule's radius is used and said",
    "args": ["hotspot", "kde", DAYE, "--layer", "gas_hazards", "--out", "${TMP}/kde.tif"],
    "exit": 0, "outputs": ["kde.tif"],
    "stderr": ["(Silverman's rule as ArcGIS applies it", "integrates to 1139 (1139 points)"]})

write("kde_weighted_by_fine", {
    "description": "weights: the surface integrates to the total fine",
    "args": ["hotspot", "kde", DAYE, "--layer", "street_order", "--weight", "fine", "--radius", "600",
             "--out", "${TMP}/kde.tif"],
    "exit": 0, "outputs": ["kde.tif"], "stderr": ["integrates to 148435 (148435 total fine)"]})

def timed_catalog(rows, time_field=True):
    layer = {"id": "pts", "title": "P", "role": "points", "source": "pts.csv", "x": "x", "y": "y", "crs": "EPSG:4547"}
    if time_field:
        layer["time_field"] = "day"
    return {"pts.csv": "id,x,y,day\n" + "".join(",".join(map(str, r)) + "\n" for r in rows),
            "catalog.json": json.dumps({"crs": "EPSG:4547", "layers": [layer]})}


SUMMER = [(1, 593500, 3331600, "2023-06-30"), (2, 593600, 3331700, "2023-07-01"), (3, 593700, 3331600, "2023-07-31"),
          (4, 593800, 3331500, "2023-08-01"), (5, 593550, 3331650, "")]

write("kde_time_window_counts_those_days", {
    "description": "--since/--until: only the points of those days (both inclusive); one without a date is outside",
    "files": timed_catalog(SUMMER),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--radius", "300", "--since", "2023-07-01",
             "--until", "2023-07-31", "--out", "${TMP}/k.tif"],
    "exit": 0, "outputs": ["k.tif"],
    "stderr": ["pts: 2 points in the time window (3 outside it or without a readable day)",
               "integrates to 2 (2 points)"]})

write("error_kde_time_window_empty", {
    "description": "a window no point falls in: said, not an empty surface",
    "files": timed_catalog(SUMMER),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--radius", "300", "--since", "2024-01-01",
             "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["no points in the time window (5 outside it or without a readable day)"],
    "stderr_lines": 1})

write("error_hexbin_time_window_without_time_field", {
    "description": "a window on a layer the catalog gives no time_field is refused, naming the layer",
    "files": timed_catalog(SUMMER, time_field=False),
    "args": ["hotspot", "hexbin", "${TMP}/catalog.json", "--layer", "pts", "--hex", "100", "--since", "2023-07-01",
             "--out", "${TMP}/h.csv"],
    "exit": 2, "stderr": ["layer \"pts\"", "has no time_field in the catalog"], "stderr_lines": 1})

write("gistar_month_of_daye_street_order", {
    "description": "Gi* of one month: July's 124 street-order cases of Daye's 840",
    "args": ["hotspot", "gistar", DAYE, "--layer", "street_order", "--by", "communities", "--since", "2023-07-01",
             "--until", "2023-07-31", "--out", "${TMP}/gi.csv"],
    "exit": 0, "outputs": ["gi.csv"],
    "stderr": ["street_order: 124 points in the time window (716 outside it or without a readable date)"]})

write("kde_one_point_with_radius", {
    "description": "one point and a radius: a surface that integrates to 1",
    "files": catalog([(1, 593500, 3331600, 1)]),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--radius", "100", "--out", "${TMP}/k.tif"],
    "exit": 0, "outputs": ["k.tif"], "stderr": ["integrates to 1 (1 points)"]})

write("error_kde_zero_points", {
    "description": "no points: nothing to estimate",
    "files": catalog([]),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["no points"], "stderr_lines": 1})

write("error_kde_one_point_no_radius", {
    "description": "one point: no radius can be estimated",
    "files": catalog([(1, 593500, 3331600, 1)]),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["all lie at one place", "give --radius"], "stderr_lines": 1})

write("error_kde_identical_points", {
    "description": "all points at one place: no radius can be estimated",
    "files": catalog([(i, 593500, 3331600, 1) for i in range(50)]),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["all lie at one place"], "stderr_lines": 1})

write("error_kde_radius_not_positive", {
    "description": "a radius of zero or less is refused",
    "args": ["hotspot", "kde", DAYE, "--layer", "complaints", "--radius", "0", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["--radius needs a number of metres greater than 0"], "stderr_lines": 1})

write("error_kde_too_many_cells", {
    "description": "a cell size that would make over 1e9 cells is refused with the size needed",
    "args": ["hotspot", "kde", DAYE, "--layer", "gas_hazards", "--radius", "500", "--cell", "1",
             "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["cells, over the limit of 1e9; use --cell "], "stderr_lines": 1})

write("error_kde_nan_weight", {
    "description": "a NaN weight names the feature",
    "files": catalog([(1, 593500, 3331600, 1), (2, 593600, 3331700, "nan")]),
    "args": ["hotspot", "kde", "${TMP}/catalog.json", "--layer", "pts", "--weight", "w", "--radius", "100",
             "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["feature 2 has a weight \"w\" that is not a finite number"], "stderr_lines": 1})

write("error_kde_unknown_kernel", {
    "description": "an unknown kernel lists the kernels",
    "args": ["hotspot", "kde", DAYE, "--layer", "complaints", "--kernel", "cosine", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["--kernel \"cosine\": use one of quartic, triangular"], "stderr_lines": 1})

write("error_kde_zones_layer", {
    "description": "hot spots need a points layer",
    "args": ["hotspot", "kde", DAYE, "--layer", "districts", "--out", "${TMP}/k.tif"],
    "exit": 2, "stderr": ["is a zones layer; hot spots are computed from a points layer"], "stderr_lines": 1})

write("hexbin_clipped_to_communities", {
    "description": "hexagon bins clipped to the communities: only points inside them count",
    "args": ["hotspot", "hexbin", DAYE, "--layer", "gas_hazards", "--hex", "400", "--clip", "communities",
             "--out", "${TMP}/hex.gpkg"],
    "exit": 0, "outputs": ["hex.gpkg"], "stderr": ["points outside communities left out", "non-empty hexagons of side 400 m"]})

write("gistar_hex_fdr", {
    "description": "Gi* on hexagons with FDR: a table with the documented columns",
    "args": ["hotspot", "gistar", DAYE, "--layer", "gas_hazards", "--hex", "500", "--fdr", "--out", "${TMP}/gi.csv"],
    "exit": 0, "outputs": ["gi.csv"],
    "stderr": ["Gi* over 3727 hexagons", "FDR-corrected", "hot spots 99/95/90 %"]})

write("error_gistar_needs_cells_or_zones", {
    "description": "Gi* needs --hex or --by",
    "args": ["hotspot", "gistar", DAYE, "--layer", "gas_hazards"],
    "exit": 2, "stderr": ["needs either --hex M (hexagon cells) or --by ZONES_LAYER"], "stderr_lines": 1})

write("error_gistar_knn_too_large", {
    "description": "k must leave someone out",
    "args": ["hotspot", "gistar", DAYE, "--layer", "gas_hazards", "--by", "districts", "--knn", "40"],
    "exit": 2, "stderr": ["--knn must be between 1 and 17"], "stderr_lines": 1})
write("kde_output_as_catalog_raster_layer", {
    "description": "a KDE GeoTIFF is a catalog raster layer with the shipped style",
    "setup": [["hotspot", "kde", DAYE, "--layer", "complaints", "--radius", "800", "--out", "${TMP}/kde.tif"]],
    "files": {"catalog.json": json.dumps({"crs": "EPSG:4547", "layers": [
        {"id": "kde", "title": {"zh": "投诉密度", "en": "Complaint density"}, "role": "raster",
         "source": "kde.tif", "style": "${SOURCE}/styles/kde.json"}]}, ensure_ascii=False)},
    "args": ["info", "${TMP}/catalog.json"],
    "exit": 0, "stdout": ["kde  投诉密度 / Complaint density", "role      raster", "raster    ", "cells, 1 band(s)",
                          "crs       EPSG:4547"], "stderr_lines": 0})
print("wrote cases to", HERE)
