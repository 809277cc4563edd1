#!/usr/bin/env bash
# Rewrites docs/cli.md's reference from `urbangis help --markdown` (the commands' own specs).
# Usage: scripts/update-cli-docs.sh [URBANGIS]   (default build/src/cli/urbangis)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build/src/cli/urbangis}
reference=$(mktemp)
trap 'rm -f "$reference" docs/cli.md.new' EXIT
"$cli" help --markdown > "$reference"
awk -v reference="$reference" '
  /^<!-- BEGIN urbangis help --markdown -->$/ { print; while ((getline line < reference) > 0) print line; skip = 1; next }
  /^<!-- END urbangis help --markdown -->$/ { skip = 0 }
  !skip { print }
' docs/cli.md > docs/cli.md.new
mv docs/cli.md.new docs/cli.md
echo "docs/cli.md: reference rewritten from $cli"
