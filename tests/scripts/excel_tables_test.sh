#!/bin/bash
# Tables staff open in Excel or WPS (#21): `stats`, `stats --cases`, `export` and `grid` write
# .xlsx with Chinese headings, read back by GDAL's own XLSX reader (not the library that wrote
# them) and compared number by number with the machine-named CSV of the same run; dates are dates;
# a CSV with people's headings begins with a byte-order mark. The grid (21,715 rows) is written
# streamed (libxlsxwriter's constant-memory mode, inline strings), the others whole.
# Usage: excel_tables_test.sh URBANGIS
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The workbook's one sheet as CSV, through GDAL.
xlsx_as_csv() { ogr2ogr -f CSV /vsistdout/ "$1" --config OGR_XLSX_HEADERS FORCE 2> /dev/null; }

# Every cell of the XLSX equals the CSV's (numbers to 1e-9, text exactly); the XLSX's headings
# are people's, and at least `$3` of them differ from the machine names.
same_table() {
  /usr/bin/python3 - "$1" "$2" "$3" << 'PY'
import csv, io, subprocess, sys
xlsx = subprocess.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", sys.argv[1], "--config", "OGR_XLSX_HEADERS", "FORCE"],
                      capture_output=True, check=True).stdout.decode("utf-8")
people = list(csv.reader(io.StringIO(xlsx)))
machines = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig")))
assert len(people) == len(machines), f"{len(people)} rows in the workbook, {len(machines)} in the CSV"
renamed = sum(1 for a, b in zip(people[0], machines[0]) if a != b)
assert renamed >= int(sys.argv[3]), f"only {renamed} headings differ from the machine names: {people[0][:6]}"
for r, (a_row, b_row) in enumerate(zip(people[1:], machines[1:]), start=2):
    assert len(a_row) == len(b_row), f"row {r}: {len(a_row)} cells against {len(b_row)}"
    for c, (a, b) in enumerate(zip(a_row, b_row)):
        # GDAL prints a date cell as 2023/05/28 (and a date-time with seconds to the millisecond).
        if a == b or a.replace("/", "-").removesuffix(".000") == b:
            continue
        try:
            assert abs(float(a) - float(b)) <= 1e-9 * max(1, abs(float(b))), (r, machines[0][c], a, b)
        except ValueError:
            raise AssertionError(f"row {r}, {machines[0][c]}: {a!r} in the workbook, {b!r} in the CSV")
print(f"{len(people) - 1} rows × {len(people[0])} columns equal; {renamed} headings for people")
PY
}

"$cli" stats --by districts --out stats.csv 2> /dev/null || fail "stats csv"
"$cli" stats --by districts --out stats.xlsx 2> err || fail "stats xlsx: $(cat err)"
same_table stats.xlsx stats.csv 40 || fail "stats: the workbook differs from the CSV"
xlsx_as_csv stats.xlsx | head -1 | grep -q "^分区代码,分区名称,面积（km²）,.*油烟噪音投诉密度（件/km²）" ||
  fail "stats.xlsx headings: $(xlsx_as_csv stats.xlsx | head -1 | cut -c1-200)"
schema=$(ogrinfo -ro -so --config OGR_XLSX_HEADERS FORCE stats.xlsx 乡镇街道统计 2> /dev/null)  # the sheet is named for people
grep -q "^分区代码: String" <<< "$schema" || fail "zone codes are not text (Excel would show 4.2E+08): $schema"
grep -q "^面积（km²）: Real" <<< "$schema" || fail "areas are not numbers: $schema"
grep -q "^油烟噪音投诉（件）: Integer" <<< "$schema" || fail "counts are not whole numbers: $schema"

"$cli" stats --by districts --cases --monthly --out cases.csv 2> /dev/null || fail "cases csv"
"$cli" stats --by districts --cases --monthly --out cases.xlsx 2> /dev/null || fail "cases xlsx"
same_table cases.xlsx cases.csv 10 || fail "stats --cases: the workbook differs from the CSV"
"$cli" stats --by districts --cases --headers en --out cases_en.csv 2> /dev/null || fail "cases en csv"
head -c 3 cases_en.csv | od -An -tx1 | grep -q "ef bb bf" || fail "a CSV with people's headings has no byte-order mark"
grep -q "Fume and noise complaints: closure rate (%)" cases_en.csv || fail "English headings: $(head -1 cases_en.csv)"
head -c 3 cases.csv | od -An -tx1 | grep -q "ef bb bf" && fail "a machine-named CSV got a byte-order mark"

"$cli" export --layer gas_hazards --by communities --out gas.csv 2> /dev/null || fail "export csv"
"$cli" export --layer gas_hazards --by communities --out gas.xlsx 2> /dev/null || fail "export xlsx"
same_table gas.xlsx gas.csv 5 || fail "export: the workbook differs from the CSV"
fields=$(ogrinfo -ro -so --config OGR_XLSX_HEADERS FORCE gas.xlsx 燃气隐患 2> /dev/null)
grep -q "^时间: DateTime\|^时间: Date" <<< "$fields" || fail "export: the time field is not a date: $fields"
grep -q "^经度: Real" <<< "$fields" || fail "export: no lon column: $fields"
grep -q "^分区名称: String" <<< "$fields" || fail "export: no zone column: $fields"

"$cli" grid --by communities --out grids.csv 2> /dev/null || fail "grid csv"
"$cli" grid --by communities --headers id --out grids.xlsx 2> /dev/null || fail "grid xlsx"
same_table grids.xlsx grids.csv 0 || fail "grid: the workbook differs from the CSV"

"$cli" stats --by districts --headers pinyin --out bad.xlsx > /dev/null 2> err
[ $? -eq 2 ] && grep -q -- '--headers "pinyin": use one of zh, en, id' err || fail "--headers pinyin: $(cat err)"
[ ! -e bad.xlsx ] || fail "a refused run wrote bad.xlsx"

[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "OK: tables open in Excel and WPS"
