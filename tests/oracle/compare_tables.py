#!/usr/bin/python3
"""Compares an `urbangis stats` table with the oracle's (tests/oracle/stats_oracle.py).

    compare_tables.py OURS.csv ORACLE.csv [--rel 1e-4] [--abs 1e-6]

Rows are joined on zone_id; both tables must have the same rows and the same columns (by name;
order does not matter). zone_id and zone_name are compared as text; count columns (`…_count`,
`…_count:<category>`, `…_condition:<value>`) exactly, as integers; every other column as a real number, equal when
|ours - oracle| <= max(rel * max(|ours|, |oracle|), abs). An empty cell equals only an empty cell.
Prints each mismatch (zone, column, ours, oracle) and, per kind of real column, the largest
relative difference seen; exits 1 on any mismatch, 2 on unreadable input.
"""
import argparse
import csv
import math
import re
import sys

TEXT_COLUMNS = ("zone_id", "zone_name")


def column_type(name):
    if name in TEXT_COLUMNS:
        return "text"
    if name.endswith("_count") or "_count:" in name or "_condition:" in name:
        return "int"
    return "real"


def column_kind(name):
    """The kind of a real column, for the summary of differences."""
    for pattern, kind in ((r"^area_km2$", "area_km2"), (r"_per_km2$", "*_per_km2"),
                          (r"_area_m2$", "*_area_m2"), (r"_area_pct$", "*_area_pct"),
                          (r"_length_m$", "*_length_m"), (r"_road_pct$", "*_road_pct"),
                          (r"_sum_", "*_sum_*")):
        if re.search(pattern, name):
            return kind
    return "other"


def read_table(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            raise ValueError(f"{path}: empty file")
        if "zone_id" not in header:
            raise ValueError(f"{path}: no zone_id column")
        if len(set(header)) != len(header):
            raise ValueError(f"{path}: duplicate column names")
        rows, seen = {}, {}
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(header):
                raise ValueError(f"{path}:{line}: {len(cells)} cells, {len(header)} columns")
            row = dict(zip(header, cells))
            # Duplicate zone ids are told apart by their order of appearance.
            zone = row["zone_id"]
            seen[zone] = seen.get(zone, 0) + 1
            key = zone if seen[zone] == 1 else f"{zone} (#{seen[zone]})"
            rows[key] = row
    return header, rows


def as_integer(text):
    text = text.strip()
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    value = float(text)  # "12.0" is still an integer count
    if not value.is_integer():
        raise ValueError(text)
    return int(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ours")
    parser.add_argument("oracle")
    parser.add_argument("--rel", type=float, default=1e-4, help="relative tolerance (default 1e-4 = 0.01 %%)")
    parser.add_argument("--abs", type=float, default=1e-6, dest="absolute",
                        help="absolute tolerance for values near zero (default 1e-6)")
    args = parser.parse_args()
    try:
        our_header, ours = read_table(args.ours)
        oracle_header, oracle = read_table(args.oracle)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        print(f"compare_tables: error: {error}", file=sys.stderr)
        return 2

    mismatches = []

    def mismatch(zone, column, mine, theirs, why=""):
        mismatches.append((zone, column, mine, theirs, why))

    for column in oracle_header:
        if column not in our_header:
            mismatch("*", column, "(no such column)", "(column)")
    for column in our_header:
        if column not in oracle_header:
            mismatch("*", column, "(column)", "(no such column)")
    for zone in oracle:
        if zone not in ours:
            mismatch(zone, "zone_id", "(no such row)", "(row)")
    for zone in ours:
        if zone not in oracle:
            mismatch(zone, "zone_id", "(row)", "(no such row)")

    columns = [c for c in oracle_header if c in our_header]
    largest = {}  # kind -> (relative difference, zone, column, ours, oracle)
    largest_small = {}  # kind -> (absolute difference, ...) among values within abs of zero
    compared = {"text": 0, "int": 0, "real": 0}
    for zone, expected in oracle.items():
        if zone not in ours:
            continue
        got = ours[zone]
        for column in columns:
            mine, theirs = got[column], expected[column]
            kind = column_type(column)
            compared[kind] += 1
            if kind == "text":
                if mine != theirs:
                    mismatch(zone, column, mine, theirs)
                continue
            if mine.strip() == "" or theirs.strip() == "":
                if mine.strip() != theirs.strip():
                    mismatch(zone, column, mine, theirs, "empty on one side only")
                continue
            if kind == "int":
                try:
                    if as_integer(mine) != as_integer(theirs):
                        mismatch(zone, column, mine, theirs, f"differ by {as_integer(mine) - as_integer(theirs)}")
                except ValueError:
                    mismatch(zone, column, mine, theirs, "not an integer")
                continue
            try:
                a, b = float(mine), float(theirs)
            except ValueError:
                mismatch(zone, column, mine, theirs, "not a number")
                continue
            if math.isnan(a) or math.isnan(b):
                if not (math.isnan(a) and math.isnan(b)):
                    mismatch(zone, column, mine, theirs, "NaN on one side only")
                continue
            difference = abs(a - b)
            scale = max(abs(a), abs(b))
            relative = difference / scale if scale > 0 else 0.0
            summary = (column_kind(column), (zone, column, mine, theirs))
            if scale > args.absolute:
                if relative > largest.get(summary[0], (-1,))[0]:
                    largest[summary[0]] = (relative,) + summary[1]
            elif difference > largest_small.get(summary[0], (-1,))[0]:
                largest_small[summary[0]] = (difference,) + summary[1]
            if difference > args.absolute and difference > args.rel * scale:
                mismatch(zone, column, mine, theirs, f"relative difference {relative:.3g}")

    print(f"compared {len(oracle)} rows x {len(columns)} columns: {compared['int']} integer cells "
          f"exactly, {compared['real']} real cells within {args.rel:g} relative / {args.absolute:g} "
          f"absolute, {compared['text']} text cells")
    for kind in sorted(set(largest) | set(largest_small)):
        parts = []
        if kind in largest:
            relative, zone, column, mine, theirs = largest[kind]
            parts.append(f"largest relative difference {relative:.3g} ({zone}, {column}: ours {mine}, oracle {theirs})")
        if kind in largest_small:
            difference, zone, column, mine, theirs = largest_small[kind]
            parts.append(f"near zero: largest absolute difference {difference:.3g} ({zone}, {column})")
        print(f"  {kind}: " + "; ".join(parts))
    if mismatches:
        print(f"{len(mismatches)} mismatches (zone, column, ours, oracle):")
        for zone, column, mine, theirs, why in mismatches:
            print(f"  MISMATCH {zone}, {column}: ours {mine!r}, oracle {theirs!r}" + (f" ({why})" if why else ""))
        return 1
    print("tables match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
