#!/bin/sh
# `urbangis report` on the Daye catalog: report.html, report.pdf and report.odt in Chinese and English hold
# the bureau's 2023 figures (check_report.py), the component inventory counted whole without a
# word about its dates; writing again into the folder replaces the files
# and leaves nothing else; the inputs are unchanged. Skipped (77) without poppler-utils unless
# CI=true.
set -eu
urbangis=$1
source_dir=$2
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "pdftotext is missing (Debian poppler-utils)"
  [ "${CI:-}" = true ] && exit 1
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fingerprint() { (cd "$source_dir" && find data layers styles -type f -exec sha256sum {} + | sort); }
before=$(fingerprint)

"$urbangis" report "$source_dir/layers/daye.json" --year 2023 --out "$tmp/zh" 2>"$tmp/zh.log"
grep -q "wrote $tmp/zh/report.html, $tmp/zh/report.pdf (.* pages) and $tmp/zh/report.odt" "$tmp/zh.log"
# The component inventory (assets) is a stock without dates: counted whole without a word about
# its dates on stderr, and its card says so.
if grep "assets:.*time_field" "$tmp/zh.log"; then echo "stderr speaks of the inventory's dates"; exit 1; fi
grep -q "部件清查存量：计入全部要素" "$tmp/zh/report.html" || { echo "the inventory's card does not say it counts every component"; exit 1; }
/usr/bin/python3 "$source_dir/tests/scripts/check_report.py" "$tmp/zh" zh

"$urbangis" report "$source_dir/layers/daye.json" --year 2023 --lang en --out "$tmp/en" 2>"$tmp/en.log"
/usr/bin/python3 "$source_dir/tests/scripts/check_report.py" "$tmp/en" en

# Again into the existing folder: both files replaced, no temporary file left behind.
cp "$tmp/zh/report.html" "$tmp/old.html"
echo "stale" > "$tmp/zh/report.html"
"$urbangis" report "$source_dir/layers/daye.json" --year 2023 --out "$tmp/zh" 2>/dev/null
[ "$(ls -A "$tmp/zh" | tr '\n' ' ')" = "report.html report.odt report.pdf " ] || { echo "unexpected files: $(ls -A "$tmp/zh")"; exit 1; }
grep -q "大冶市城市管理执法 2023 年度数据报告" "$tmp/zh/report.html"
# A new folder appears whole: no temporary folder remains beside it.
[ "$(ls -A "$tmp" | grep -c '^\.')" = 0 ] || { echo "temporary files left: $(ls -A "$tmp")"; exit 1; }

[ "$before" = "$(fingerprint)" ] || { echo "an input changed"; exit 1; }
echo "report: html, pdf and odt checked in zh and en"
