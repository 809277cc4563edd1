#!/usr/bin/python3
"""Writes the depth-limit cases (docs/robustness.md, "Depth limits"): the two --where filters that
overflowed the stack (SIGSEGV) before the limit, as the CLI gets them. The filters are too long to
write by hand, hence this script. Run: /usr/bin/python3 tests/cases/limits/make_cases.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DAYE = "${SOURCE}/layers/daye.json"


def write(name, case):
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write("\n")


def export_where(where):
    return ["export", DAYE, "--layer", "complaints", "--where", where, "--out", "${TMP}/out.csv"]


# A single argument may hold at most 128 KiB on Linux (MAX_ARG_STRLEN): both fit.
write("where_60000_parentheses", {
    "description": "60,000 \"(\" (a stack overflow before the limit) stop at the 257th with exit code 2",
    "args": export_where("(" * 60000),
    "exit": 2,
    "stderr": ["(60000 characters): column 257: nested more than 256 levels deep (each \"(\" and NOT is a level)"],
    "stderr_lines": 1})

write("where_30000_not", {
    "description": "30,000 NOT (a stack overflow before the limit) stop at the 257th, column 1025, with exit code 2",
    "args": export_where("NOT " * 30000 + "type = '油烟'"),
    "exit": 2,
    "stderr": ["column 1025: nested more than 256 levels deep (each \"(\" and NOT is a level)"],
    "stderr_lines": 1})

write("where_256_levels", {
    "description": "256 levels are allowed: 128 NOT around 128 parentheses select what the bare test selects",
    "args": export_where("NOT " * 128 + "(" * 128 + "case_no = 'YY2023-0001'" + ")" * 128),
    "exit": 0, "outputs": ["out.csv"], "stderr": ["exported 1 of "],
    "expect_table": {"file": "out.csv", "key": "case_no", "row_count": 1, "rows": {"YY2023-0001": {}}}})
