#!/usr/bin/python3
"""Writes the declarative cases on dates and times (one JSON file each): every form the parser
reads, the day order decided by the data or by time_format, broken and out-of-range values named
in a warning, UTC offsets converted to the catalog's time_zone around a month boundary.

Expected values are worked out here by hand from the rules in docs/catalog.md (Dates and times),
independently of UrbanGIS. Run it again after changing a case:
/usr/bin/python3 tests/cases/dates/make_cases.py
"""
import json
import os
from datetime import datetime, timedelta, timezone
from statistics import median
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
E0, N0 = 593000.0, 3331000.0  # EPSG:4547 metres near Daye
SHANGHAI = ZoneInfo("Asia/Shanghai")

# One small zone far from the cases: every case falls in "(none)", whose rows come last for each
# month, so a table keyed by month reads the cases' figures.
ZONES = json.dumps({
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
    "features": [{"type": "Feature", "properties": {"zid": "A", "name": "甲"},
                  "geometry": {"type": "Polygon", "coordinates": [[[E0, N0], [E0 + 10, N0], [E0 + 10, N0 + 10],
                                                                   [E0, N0 + 10], [E0, N0]]]}}]})
ZONES_LAYER = {"id": "zones", "title": "Zones", "role": "zones", "source": "zones.geojson",
               "id_field": "zid", "name_field": "name"}
INSIDE = (E0 + 5, N0 + 5)     # in zone A
OUTSIDE = (E0 + 500, N0 + 500)


def catalog(layers, **keys):
    return json.dumps(dict(keys, crs="EPSG:4547", layers=[ZONES_LAYER] + layers), ensure_ascii=False)


def cases_csv(rows, where=OUTSIDE):
    """rows: (opened, closed) texts; written with x, y in EPSG:4547."""
    lines = ["id,x,y,opened,closed"]
    for i, (opened, closed) in enumerate(rows, 1):
        lines.append(f"{i},{where[0]},{where[1]},{opened},{closed}")
    return "\n".join(lines) + "\n"


def cases_layer(**keys):
    return dict({"id": "cases", "title": "Cases", "role": "points", "source": "cases.csv", "x": "x", "y": "y",
                 "crs": "EPSG:4547", "time_field": "opened", "close_time_field": "closed"}, **keys)


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def monthly_case(description, files, expected, stderr=None, stderr_absent=None, extra=None):
    """`expected`: {month: (opened, closed, median hours or None)} for the cases (all in "(none)")."""
    rows = {}
    for month, (opened, closed, hours) in expected.items():
        rows[month] = {"zone_id": "(none)", "cases_opened": opened, "cases_closed": closed,
                       "cases_median_hours": hours}
    case = {"description": description, "files": files,
            "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--cases", "--monthly",
                     "--out", "${TMP}/out.csv"] + (extra or []),
            "exit": 0, "outputs": ["out.csv"],
            "expect_table": {"file": "out.csv", "key": "month", "tolerance": 1e-9,
                             "row_count": len(expected), "rows": rows}}
    if stderr:
        case["stderr"] = stderr
    if stderr_absent:
        case["stderr_absent"] = stderr_absent
    return case


def hours(a, b):
    return (b - a).total_seconds() / 3600


def error_case(name, description, files, args, stderr):
    write(name, {"description": description, "files": files, "args": args, "exit": 2, "stderr": stderr,
                 "stderr_lines": 1})


# 1. The 311 export that started it: US dates with AM/PM; 01/24/2015 proves month first, so
#    01/05/2015 is 5 January, not 1 May (and never year 1). A broken day and year 1 are named.
us = [("01/24/2015 02:36:52 PM", "01/25/2015 09:00:00 AM"),
      ("01/05/2015 11:00:00 AM", "01/05/2015 01:00:00 PM"),
      ("01/31/2015 11:59:59 PM", "02/01/2015 12:00:00 AM"),
      ("02/01/2015 12:00:00 AM", ""),
      ("02/10/2015 12:30:00 PM", "02/11/2015 12:30:00 AM"),
      ("13/13/2015 10:00:00 AM", ""),
      ("01/01/0001 12:00:00 AM", "")]
write("us_month_first_with_am_pm", monthly_case(
    "MM/DD/YYYY hh:mm:ss AM/PM as a 311 export writes it: the month-first order is proved by 01/24, "
    "12 AM is midnight and 12 PM noon; a value that is no date and a year-1 placeholder are counted, "
    "named and left out",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(us), "catalog.json": catalog([cases_layer()])},
    {"2015-01": (3, 3, median([hours(datetime(2015, 1, 24, 14, 36, 52), datetime(2015, 1, 25, 9)),
                                hours(datetime(2015, 1, 5, 11), datetime(2015, 1, 5, 13)),
                                hours(datetime(2015, 1, 31, 23, 59, 59), datetime(2015, 2, 1))])),
     "2015-02": (2, 1, hours(datetime(2015, 2, 10, 12, 30), datetime(2015, 2, 11, 0, 30)))},
    stderr=["2 values of opened left out",
            "1 not a date in a known form (feature 6 \"13/13/2015 10:00:00 AM\")",
            "1 with a year outside 1900–2100 (feature 7 \"01/01/0001 12:00:00 AM\")"],
    stderr_absent=["0001-", "0012-"]))

# 2. Day first, proved by a day over 12 anywhere in the column (here the last row).
eu = [("03/02/2023 08:00", "04/02/2023 08:00"), ("01/03/2023", ""), ("12/02/2023 10:00", ""),
      ("28/02/2023 23:00", "01/03/2023 01:00")]
write("day_first_detected", monthly_case(
    "DD/MM/YYYY: 28/02 proves the column day first, so 03/02 is 3 February and 01/03 is 1 March",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(eu), "catalog.json": catalog([cases_layer()])},
    {"2023-02": (3, 2, median([24.0, 2.0])), "2023-03": (1, 0, None)}))

# 3. Nothing decides: a clear error asking for time_format; then the same data with it declared.
unsure = [("01/02/2023", ""), ("03/04/2023", ""), ("05/06/2023", "")]
error_case("error_ambiguous_day_order", "no value has a number over 12: the order is asked for, not guessed",
           {"zones.geojson": ZONES, "cases.csv": cases_csv(unsure), "catalog.json": catalog([cases_layer()])},
           ["stats", "${TMP}/catalog.json", "--by", "zones", "--cases", "--monthly", "--out", "${TMP}/out.csv"],
           ["layer \"cases\" (cases.csv): opened: 3 dates such as \"01/02/2023\" may be day first or month first",
            "add \"time_format\": \"MM/DD/YYYY\" or \"DD/MM/YYYY\""])
write("time_format_decides_day_order", monthly_case(
    "the same dates with \"time_format\": \"DD/MM/YYYY\": 1 February, 3 April, 5 June",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(unsure),
     "catalog.json": catalog([cases_layer(time_format="DD/MM/YYYY")])},
    {"2023-02": (1, 0, None), "2023-03": (0, 0, None), "2023-04": (1, 0, None), "2023-05": (0, 0, None),
     "2023-06": (1, 0, None)}))
error_case("error_unknown_time_format", "time_format is one of three names, not a strftime pattern",
           {"zones.geojson": ZONES, "cases.csv": cases_csv(unsure),
            "catalog.json": catalog([cases_layer(time_format="dd/mm/yyyy")])},
           ["info", "${TMP}/catalog.json"],
           ["layers[1] (\"cases\").time_format: unknown format \"dd/mm/yyyy\""])

# 4. Every year-first form in one column: ISO with T or a space, slashes, dots, Chinese.
forms = [("2023-07-01T08:00:00", "2023-07-01 10:30:00"),
         ("2023/07/02 08:00", "2023/7/2 9:00"),
         ("2023.07.03", "2023.07.03 12:00"),
         ("2023年7月4日 8时", "2023年7月4日 9时30分"),
         ("2023年07月05日 08时00分00秒", "2023年7月5日"),
         ("2023-08-01", "")]
write("year_first_forms", monthly_case(
    "ISO 8601 with T or a space, YYYY/MM/DD, YYYY.MM.DD and 2023年7月4日 8时(30分)(15秒) all read; "
    "a date alone is midnight",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(forms), "catalog.json": catalog([cases_layer()])},
    {"2023-07": (5, 5, median([2.5, 1.0, 12.0, 1.5])), "2023-08": (1, 0, None)},
    stderr=["cases close before they open (first: feature 5)"]))

# 5. UTC offsets around the June/July boundary, converted to the catalog's zone (Asia/Shanghai by
#    default, UTC+8); naive times are that zone's own.
def utc(text):
    """The instant of an ISO text; naive ones in `zone`."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_month(text, zone):
    moment = utc(text)
    moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return moment.strftime("%Y-%m")


def case_hours(opened, closed, zone):
    a, b = utc(opened), utc(closed)
    a = a.replace(tzinfo=zone) if a.tzinfo is None else a
    b = b.replace(tzinfo=zone) if b.tzinfo is None else b
    return (b - a).total_seconds() / 3600


offsets = [("2023-06-30T20:00:00Z", "2023-07-01T06:00:00+08:00"),
           ("2023-06-30T23:30:00+08:00", "2023-07-01T00:30:00+08:00"),
           ("2023-06-30T12:00:00-05:00", "2023-06-30T19:00:00Z"),
           ("2023-06-30 23:59:59", "2023-07-01T00:59:59+08:00"),
           ("2023-07-01T00:00:00+09:00", ""),
           ("2023-07-01T03:59:00Z", ""),
           ("2023-07-01T04:00:00Z", "")]


def expected_months(rows, zone):
    months = {}
    for opened, closed in rows:
        month = local_month(opened, zone)
        opened_n, closed_n, hours_list = months.get(month, (0, 0, []))
        # A case closed before it opened counts as closed, but not in the hours (docs/stats.md).
        span = case_hours(opened, closed, zone) if closed else None
        months[month] = (opened_n + 1, closed_n + (1 if closed else 0),
                         hours_list + ([span] if span is not None and span >= 0 else []))
    return {m: (o, c, median(h) if h else None) for m, (o, c, h) in sorted(months.items())}


write("offsets_month_boundary", monthly_case(
    "Z, +08:00, -05:00 and naive times around 1 July: each counts in its month in Asia/Shanghai "
    "(20:00Z on 30 June is 04:00 on 1 July there; 00:00+09:00 on 1 July is 23:00 on 30 June); hours "
    "to close are measured between instants",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(offsets), "catalog.json": catalog([cases_layer()])},
    expected_months(offsets, SHANGHAI)))
NEW_YORK = ZoneInfo("America/New_York")
write("time_zone_new_york", monthly_case(
    "the same times with \"time_zone\": \"America/New_York\" (EDT, UTC-4): 03:59Z on 1 July is still "
    "30 June there, 04:00Z is 1 July; naive times are New York's own",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(offsets),
     "catalog.json": catalog([cases_layer()], time_zone="America/New_York")},
    expected_months(offsets, NEW_YORK)))
error_case("error_unknown_time_zone", "a time_zone tzdata does not know is refused at load",
           {"zones.geojson": ZONES, "cases.csv": cases_csv(offsets),
            "catalog.json": catalog([cases_layer()], time_zone="Asia/Peking")},
           ["info", "${TMP}/catalog.json"],
           ["time_zone: time zone \"Asia/Peking\" is not an IANA time-zone name"])

# 6. --since/--until on the same times (points streamed in columns): July in Shanghai holds the
#    cases whose local time is in July, whatever offset they were written with.
inside_rows = [(o, c) for o, c in offsets]
july = sum(1 for o, _ in offsets if local_month(o, SHANGHAI) == "2023-07")
write("offsets_time_window", {
    "description": "stats --since 2023-07-01 --until 2023-07-31 keeps the points whose Shanghai time is in July",
    "files": {"zones.geojson": ZONES, "cases.csv": cases_csv(inside_rows, INSIDE),
              "catalog.json": catalog([cases_layer()])},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--layers", "cases", "--since", "2023-07-01",
             "--until", "2023-07-31", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 2,
                     "rows": {"A": {"cases_count": july}, "(none)": {"cases_count": 0}}}})

# 7. Excel serial days: read where the layer declares them, and only there.
excel = [("45107.75", "45108.25"), ("45108", ""), ("45139.5", "")]
write("excel_days_declared", monthly_case(
    "with \"time_format\": \"excel_days\" numbers are Excel days: 45107.75 is 30 June 2023 18:00, "
    "45108 is 1 July, 45139.5 is 1 August noon",
    {"zones.geojson": ZONES, "cases.csv": cases_csv(excel),
     "catalog.json": catalog([cases_layer(time_format="excel_days")])},
    {"2023-06": (1, 1, 12.0), "2023-07": (1, 0, None), "2023-08": (1, 0, None)}))
write("excel_days_undeclared", {
    "description": "without time_format a number is not turned into a date: counted, named and left out",
    "files": {"zones.geojson": ZONES, "cases.csv": cases_csv(excel), "catalog.json": catalog([cases_layer()])},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--cases", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "stderr": ["3 values of opened left out: 3 not a date in a known form (feature 1 \"45107.75\", "
               "feature 2 \"45108\", feature 3 \"45139.5\")"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 2,
                     "rows": {"A": {"cases_opened": 0}, "(none)": {"cases_opened": 0}}}})

# 8. OGR Date and DateTime fields (GeoJSON detects them): OGR keeps each value's offset.
def point_feature(opened, closed, where):
    return {"type": "Feature", "properties": {"opened": opened, "closed": closed or None},
            "geometry": {"type": "Point", "coordinates": list(where)}}


def geojson_cases(rows, where):
    return json.dumps({"type": "FeatureCollection",
                       "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
                       "features": [point_feature(o, c, where) for o, c in rows]})


dated = [(o, c) for o, c in offsets if "T" in o]
json_layer = cases_layer(source="cases.geojson")
del json_layer["x"], json_layer["y"], json_layer["crs"]
write("ogr_datetime_fields", monthly_case(
    "an OGR DateTime field (GeoJSON) with Z, +08:00 and -05:00 values: months in Asia/Shanghai",
    {"zones.geojson": ZONES, "cases.geojson": geojson_cases(dated, OUTSIDE), "catalog.json": catalog([json_layer])},
    expected_months(dated, SHANGHAI)))
july_dated = sum(1 for o, _ in dated if local_month(o, SHANGHAI) == "2023-07")
write("ogr_datetime_fields_time_window", {
    "description": "stats --since/--until on an OGR DateTime field with offsets (points read in columns, where "
                   "GDAL 3.6 drops the offsets): the same July as the cases",
    "files": {"zones.geojson": ZONES, "cases.geojson": geojson_cases(dated, INSIDE), "catalog.json": catalog([json_layer])},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--layers", "cases", "--since", "2023-07-01",
             "--until", "2023-07-31", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 2,
                     "rows": {"A": {"cases_count": july_dated}, "(none)": {"cases_count": 0}}}})
# 9. In a --since/--until window, values that are no date are named by feature, as in the cases.
bad = [("2023-07-05 10:00", ""), ("2023-02-30", ""), ("0001-01-01 00:00:00", ""), ("2023-07-31 23:59:59", ""),
       ("", "")]
write("time_window_names_bad_values", {
    "description": "points streamed in columns: an impossible date and a year-1 placeholder are named by "
                   "feature and left out of the window; an empty time is left out silently",
    "files": {"zones.geojson": ZONES, "cases.csv": cases_csv(bad, INSIDE), "catalog.json": catalog([cases_layer()])},
    "args": ["stats", "${TMP}/catalog.json", "--by", "zones", "--layers", "cases", "--since", "2023-07-01",
             "--until", "2023-07-31", "--out", "${TMP}/out.csv"],
    "exit": 0, "outputs": ["out.csv"],
    "stderr": ["layer \"cases\" (cases.csv): 2 values of opened left out: 1 not a date in a known form "
               "(feature 2 \"2023-02-30\"); 1 with a year outside 1900–2100 (feature 3 \"0001-01-01 00:00:00\")"],
    "expect_table": {"file": "out.csv", "key": "zone_id", "row_count": 2,
                     "rows": {"A": {"cases_count": 2}, "(none)": {"cases_count": 0}}}})
print("wrote cases to", HERE)
