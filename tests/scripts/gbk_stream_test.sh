#!/bin/bash
# A GBK CSV is recoded to UTF-8 as a stream (io/sources/text_encoding.h): `urbangis info` on a ~300 MB GBK
# CSV keeps its peak resident memory under 200 MB (recoding the whole file in memory took more
# than five times the file). Under AddressSanitizer the file is 60 MB and the bound is not checked:
# ASan's shadow memory and its quarantine of freed blocks (256 MB by default) are resident memory
# the program never asked for (a CI run measured 544 MB for the 66 MB file), so there the test
# checks the reading only. The UTF-8 copy in $TMPDIR is gone afterwards.
set -u
build=$1
cli=$build/src/cli/urbangis
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; [ -f "$tmp/err" ] && cat "$tmp/err"; exit 1; }
megabytes=300
sanitized=no
grep -q "fsanitize=address" "$build/CMakeCache.txt" 2>/dev/null && { megabytes=60; sanitized=yes; }
limit_kb=$((200 * 1024))
# Rows of ~1 KB (a Chinese address repeated): GDAL reads few of them at a time.
rows=$((megabytes * 1024))
awk -v rows="$rows" 'BEGIN {
  text = ""; for (i = 0; i < 40; i++) text = text "湖北省黄石市大冶市东岳路街道";
  print "id,name,note";
  for (i = 0; i < rows; i++) printf "%d,%s,%s\n", i, "大冶" i, text;
}' | iconv -f UTF-8 -t GBK > "$tmp/big.csv" || fail "writing the GBK file"
size=$(stat -c %s "$tmp/big.csv")
mkdir "$tmp/tmpdir"
peak_kb=$(TMPDIR=$tmp/tmpdir python3 - "$cli" info "$tmp/big.csv" <<'PY' 2> "$tmp/err"
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
sys.stderr.write(done.stderr.decode("utf-8", "replace"))
sys.stderr.write(done.stdout.decode("utf-8", "replace"))
if done.returncode != 0:
    sys.exit(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
) || fail "info exited with an error"
grep -q "Feature Count: $rows\|$rows features\|\b$rows\b" "$tmp/err" || fail "info did not count $rows rows"
grep -q "GBK" "$tmp/err" || fail "info did not say the file is GBK"
[ -z "$(ls -A "$tmp/tmpdir")" ] || fail "the UTF-8 copy was left in TMPDIR: $(ls -A "$tmp/tmpdir")"
if [ "$sanitized" = yes ]; then
  echo "GBK CSV of $((size / 1048576)) MB read under AddressSanitizer: peak RSS $((peak_kb / 1024)) MB, not checked (ASan's own memory)"
  echo "OK"
  exit 0
fi
echo "GBK CSV of $((size / 1048576)) MB: peak RSS $((peak_kb / 1024)) MB (limit $((limit_kb / 1024)) MB)"
[ "$peak_kb" -lt "$limit_kb" ] || fail "peak RSS $((peak_kb / 1024)) MB is over $((limit_kb / 1024)) MB"
echo "OK"
