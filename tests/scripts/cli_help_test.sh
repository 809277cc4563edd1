#!/bin/bash
# The CLI explains itself (#21): every command's --help exits 0 and lists usage, options,
# examples and exit codes; every option the help lists is accepted by the parser and every
# option the code reads is one the help lists; the examples that need only the embedded data
# run; --version, --quiet, deprecated spellings, unknown options, the bash and zsh completions,
# the man pages and docs/cli.md's reference are checked against the same specs.
# Usage: cli_help_test.sh URBANGIS SOURCE_DIR
set -u
cli=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export URBANGIS_CACHE_DIR=$tmp/cache  # the examples run `cache clear`
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The command paths, as the reference lists them ("### urbangis hotspot kde").
"$cli" help --markdown > "$tmp/reference.md" || fail "help --markdown exit $?"
mapfile -t paths < <(sed -n 's/^### urbangis //p' "$tmp/reference.md")
[ "${#paths[@]}" -ge 18 ] || fail "only ${#paths[@]} commands in the reference"

# --- the overview, --version, no arguments
"$cli" --help > "$tmp/overview" || fail "urbangis --help exit $?"
for path in "${paths[@]}"; do
  grep -q "^  $path " "$tmp/overview" || fail "urbangis --help does not list \"$path\""
done
grep -q "^  130 " "$tmp/overview" || fail "urbangis --help does not document exit code 130"
"$cli" > /dev/null 2>&1
[ $? -eq 2 ] || fail "urbangis without a command should exit 2"
"$cli" --version > "$tmp/version" || fail "--version exit $?"
for library in urbangis GDAL GEOS PROJ Qt; do
  grep -Eq "^$library [0-9]+\.[0-9]+" "$tmp/version" || fail "--version does not name $library's version"
done

# --- each command's help, and each option it lists accepted by the parser
for path in "${paths[@]}"; do
  read -ra words <<< "$path"
  help="$tmp/help.${path// /_}"
  "$cli" "${words[@]}" --help > "$help" || fail "urbangis $path --help exit $?"
  "$cli" "${words[@]}" -h | cmp -s - "$help" || fail "urbangis $path -h differs from --help"
  "$cli" help "${words[@]}" | cmp -s - "$help" || fail "urbangis help $path differs from --help"
  grep -q "^usage: urbangis $path" "$help" || fail "$path: no usage line"
  examples=$(sed -n '/^Examples:/,/^Exit codes/p' "$help" | grep -c '^  [^ ]')
  [ "$examples" -ge 2 ] || fail "$path: $examples examples, want two or three"
  grep -q "^Exit codes: 0 success, 1 internal error, 2 bad input or usage, 130 cancelled" "$help" ||
    fail "$path: exit codes missing"
  # Option lines: "  --name VALUE   help" or "  -h, --help   help".
  mapfile -t options < <(grep -oE '^  (-h, )?--[a-z][a-z0-9-]*( [^ ]+)?' "$help" | sed -E 's/^  (-h, )?//')
  [ "${#options[@]}" -ge 3 ] || fail "$path: only ${#options[@]} options listed"
  for option in "${options[@]}"; do
    name=${option%% *}
    value=""
    [ "$option" != "$name" ] && value=x
    # A closed list names its values ("One of: auto, local, postgis."): use the first.
    choices=$(awk -v n="$name" '$1 == n || $2 == n {on = 1} on && /One of: / {sub(/.*One of: /, ""); sub(/[,.].*/, ""); print; exit} on && /^  -/ && $1 != n && $2 != n {exit}' "$help")
    [ -n "$choices" ] && [ -n "$value" ] && value=$choices
    if [ -n "$value" ]; then
      "$cli" "${words[@]}" "$name=$value" --help > /dev/null 2> "$tmp/err" || fail "$path: $name=$value refused: $(cat "$tmp/err")"
    else
      "$cli" "${words[@]}" "$name" --help > /dev/null 2> "$tmp/err" || fail "$path: $name refused: $(cat "$tmp/err")"
    fi
  done
  # Deprecated spellings are accepted too.
  for alias in $(grep -oE 'Formerly --[a-z-]+' "$help" | sed 's/Formerly //'); do
    "$cli" "${words[@]}" "$alias=x" --help > /dev/null 2> "$tmp/err" || fail "$path: $alias refused: $(cat "$tmp/err")"
  done
  # An unknown option is refused, naming it and where the options are listed.
  "$cli" "${words[@]}" --no-such-option > /dev/null 2> "$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || fail "$path --no-such-option: exit $rc, want 2"
  grep -q -- "unknown option --no-such-option (urbangis $path --help" "$tmp/err" || fail "$path: unknown option message: $(cat "$tmp/err")"
done

# --- every option a command's code reads is in the help of a command its file defines
for file in "$root"/src/cli/command_*.cpp; do
  mapfile -t defined < <(grep -A1 'CommandSpec spec{' "$file" | sed -n 's/^ *"\([a-z ]*\)",$/\1/p')
  [ "${#defined[@]}" -gt 0 ] || continue
  read_names=$(grep -oE 'arguments\.(value|values|has)\("[a-z0-9-]+"\)' "$file" | sed -E 's/.*\("(.*)"\)/\1/' | sort -u)
  for name in $read_names; do
    found=0
    for path in "${defined[@]}"; do
      grep -qE "^  (-h, )?--$name( |$)" "$tmp/help.${path// /_}" && found=1
    done
    [ $found -eq 1 ] || fail "$(basename "$file") reads --$name, which no help of ${defined[*]} lists"
  done
done

# --- the examples that need only the embedded data run, in a scratch folder
mkdir -p "$tmp/run"
ln -s "$root/layers" "$tmp/run/layers"
ln -s "$root/data" "$tmp/run/data"
ln -s "$root/styles" "$tmp/run/styles"
ran=0
for path in "${paths[@]}"; do
  while IFS= read -r example; do
    [[ "$example" == urbangis\ * ]] || continue
    [[ "$example" == *PG:* ]] && continue
    # Runnable when every input it names exists: a word with a '.' or '/' that is not an
    # output (after --out or --catalog-out) or an option value that is not a file.
    runnable=1
    read -ra tokens <<< "${example#urbangis }"
    previous=""
    for token in "${tokens[@]}"; do
      token=${token//\"/}
      if [[ "$token" == */* || "$token" == *.* ]] && [[ "$token" != -* ]] &&
        [[ "$previous" != --out && "$previous" != --catalog-out && "$previous" != --where ]] &&
        ! [[ "$token" =~ ^[0-9.,-]+$ ]] && [ ! -e "$tmp/run/$token" ]; then
        runnable=0
      fi
      previous=$token
    done
    [ $runnable -eq 1 ] || continue
    (cd "$tmp/run" && eval "\"$cli\" ${example#urbangis }" > "$tmp/example.out" 2> "$tmp/example.err") ||
      fail "example of $path failed: $example: $(tail -3 "$tmp/example.err")"
    ran=$((ran + 1))
  done < <(sed -n '/^Examples:/,/^Exit codes/p' "$tmp/help.${path// /_}" | sed -n 's/^  \(urbangis .*\)$/\1/p')
done
[ $ran -ge 15 ] || fail "only $ran examples ran on the embedded data"
echo "ran $ran examples"

# --- --quiet: nothing on stderr but errors; deprecated spellings noted
(cd "$tmp/run" && "$cli" stats --by districts --quiet --out quiet.csv 2> "$tmp/err") || fail "stats --quiet exit $?"
[ ! -s "$tmp/err" ] || fail "stats --quiet printed: $(cat "$tmp/err")"
[ -s "$tmp/run/quiet.csv" ] || fail "stats --quiet wrote no table"
"$cli" stats --by no_such_zones --quiet > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "urbangis: error: .*no_such_zones" "$tmp/err" || fail "--quiet hid an error (exit $rc): $(cat "$tmp/err")"
(cd "$tmp/run" && "$cli" hotspot hexbin --layer gas_hazards --size 400 --out hex.csv 2> "$tmp/err") ||
  fail "hexbin --size (deprecated) exit $?"
grep -q "urbangis: note: --size is deprecated and will be removed in the next release: use --hex" "$tmp/err" ||
  fail "no deprecation note for hexbin --size: $(cat "$tmp/err")"
(cd "$tmp/run" && "$cli" hotspot hexbin --layer gas_hazards --hex 400 --out hex2.csv 2> /dev/null) &&
  cmp -s "$tmp/run/hex.csv" "$tmp/run/hex2.csv" || fail "--size and --hex give different tables"
"$cli" stats --by districts --engine nowhere > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q -- '--engine "nowhere": use one of auto, local, postgis' "$tmp/err" || fail "closed list: $(cat "$tmp/err")"

# --- groups: `hotspot` alone is a usage error listing its subcommands; `route --help` names its own
"$cli" hotspot > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "^  gistar " "$tmp/err" || fail "urbangis hotspot: $(cat "$tmp/err")"
"$cli" hotspot --help | grep -q "^  kde " || fail "urbangis hotspot --help lists no kde"
grep -q "^  route tour " "$tmp/help.route" || fail "route --help does not list route tour"

# --- bash completion, derived from the same specs
"$cli" completion bash > "$tmp/urbangis.bash" || fail "completion bash exit $?"
complete_words() {  # the candidates bash offers after the words given
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _urbangis; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$tmp/urbangis.bash" "$@"
}
complete_words urbangis st | grep -qx stats || fail "bash: urbangis st<TAB> does not offer stats"
[ "$(complete_words urbangis hotspot '' | sort | tr '\n' ' ')" = "gistar hexbin kde " ] || fail "bash: hotspot subcommands"
[ "$(complete_words urbangis stats --engine '' | tr '\n' ' ')" = "auto local postgis " ] || fail "bash: --engine values"
complete_words urbangis cache '' | grep -qx clear || fail "bash: cache clear"
(cd "$root" && complete_words urbangis stats --by lay) | grep -qx layers || fail "bash: --by does not complete files"
for path in "${paths[@]}"; do
  read -ra words <<< "$path"
  offered=$(complete_words urbangis "${words[@]}" -- | sort)
  for name in $(grep -oE '^  (-h, )?--[a-z][a-z0-9-]*' "$tmp/help.${path// /_}" | sed -E 's/^  (-h, )?//'); do
    grep -qx -- "$name" <<< "$offered" || fail "bash: urbangis $path --<TAB> does not offer $name"
  done
done

# --- zsh completion: valid zsh whose dispatch hands each command's options to _arguments (zsh's
# own _arguments and _describe stand in, printing what they are given)
"$cli" completion zsh > "$tmp/_urbangis" || fail "completion zsh exit $?"
if command -v zsh > /dev/null; then
  zsh -n "$tmp/_urbangis" || fail "zsh -n rejects the zsh completion"
  cat > "$tmp/zsh_complete" <<'ZSH'
_arguments() { print -rl -- "$@" }
_describe() { local -a items; items=("${(@P)4}"); print -rl -- "${items[@]}" }
_files() { :; }
source <(sed '$d' "$1")  # the script without its last line, which completes at once
shift
words=(urbangis "$@")
CURRENT=${#words}
_urbangis
ZSH
  zsh_offers() { zsh -f "$tmp/zsh_complete" "$tmp/_urbangis" "$@"; }
  zsh_offers st | grep -q '^stats:' || fail "zsh: urbangis st<TAB> does not offer stats"
  zsh_offers hotspot '' | grep -q '^gistar:' || fail "zsh: urbangis hotspot <TAB> does not offer gistar"
  for path in "${paths[@]}"; do
    read -ra words <<< "$path"
    offered=$(zsh_offers "${words[@]}" --)
    for name in $(grep -oE '^  --[a-z][a-z0-9-]*' "$tmp/help.${path// /_}" | sed -E 's/^  //'); do
      grep -qE -- "^\\*?$name=?\\[" <<< "$offered" ||
        fail "zsh: urbangis $path --<TAB> does not offer $name"
    done
  done
  zsh_offers stats --engine | grep -q -- '--engine=\[.*:ENGINE:(auto local postgis)$' || fail "zsh: --engine values"
elif [ "${CI:-}" = true ]; then
  fail "zsh is not installed (scripts/setup-debian.sh installs it)"
fi

# --- man pages: one per command, which groff reads without a warning
"$cli" help --man "$tmp/man" || fail "help --man exit $?"
for path in "${paths[@]}"; do
  page="$tmp/man/urbangis-${path// /-}.1"
  [ -s "$page" ] || fail "no man page $page"
done
for page in "$tmp"/man/*.1; do
  warnings=$(LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || fail "groff warns on $(basename "$page"): $warnings"
done
LC_ALL=C.UTF-8 MANWIDTH=100 man -l "$tmp/man/urbangis-stats.1" 2> /dev/null | grep -q -- "--by ZONES" ||
  fail "man urbangis-stats does not show --by ZONES"

# --- docs/cli.md's reference is the one the CLI prints
sed -n '/^<!-- BEGIN urbangis help --markdown -->$/,/^<!-- END urbangis help --markdown -->$/p' "$root/docs/cli.md" |
  sed '1d;$d' > "$tmp/documented.md"
cmp -s "$tmp/documented.md" "$tmp/reference.md" ||
  fail "docs/cli.md's reference is out of date: run scripts/update-cli-docs.sh"

[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "OK: ${#paths[@]} commands explain themselves"
