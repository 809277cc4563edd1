#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the PostGIS tests (docs/postgis.md).
#
#   pg-test-cluster.sh start STATE_DIR   create and start a cluster on a free loopback port
#   pg-test-cluster.sh stop  STATE_DIR   stop it and delete its data
#   pg-test-cluster.sh env   STATE_DIR   print `export …` lines for the shell: eval "$(… env DIR)"
#
# The cluster runs as a non-root user: the current one, or `postgres` (from Debian's
# postgresql-common) when started as root. It listens on 127.0.0.1 only, on the first free port
# from 55432, with scram-sha-256 passwords; its data lives in a fresh folder under /tmp and is
# deleted by `stop`. STATE_DIR receives:
#   env     URBANGIS_PG_TEST (a PG: connection string without password) and PGPASSFILE
#   pgpass  the generated password for user urbangis (mode 0600), as libpq's ~/.pgpass format
# The database urbangis_test has the postgis extension.
#
# Exit codes: 0 started (or stopped), 77 when PostgreSQL or PostGIS is not installed (CTest shows
# the PostGIS tests as skipped) -- unless CI=true, where that is a failure (1); 1 on any error.
set -uo pipefail

usage() { echo "usage: $0 start|stop|env STATE_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
state=$2
say() { echo "pg-test-cluster: $*" >&2; }

unavailable() {
  if [ "$(echo "${CI:-}" | tr '[:upper:]' '[:lower:]')" = true ]; then
    say "error: $1; CI=true, so this is a failure (install scripts/debian-packages.txt)"
    exit 1
  fi
  say "SKIPPED: $1; the PostGIS tests skip (install postgresql-15 and postgresql-15-postgis-3)"
  exit 77
}

# The newest installed server's binaries.
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_cluster() {
  [ -f "$state/datadir" ] || return 0
  local data bindir
  data=$(cat "$state/datadir")
  bindir=$(cat "$state/bindir" 2>/dev/null || find_bindir)
  if [ -d "$data" ] && [ -f "$data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
      say "warning: pg_ctl stop failed for $data"
  fi
  case "$data" in
    /tmp/urbangis-pg.*) rm -rf "$data" ;;
  esac
  rm -f "$state/datadir" "$state/bindir" "$state/env" "$state/pgpass"
}

start_cluster() {
  local bindir
  bindir=$(find_bindir) || unavailable "no PostgreSQL server (initdb, pg_ctl) in /usr/lib/postgresql/*/bin"
  local sharedir
  sharedir=$("$bindir/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql)
  [ -f "$sharedir/extension/postgis.control" ] ||
    unavailable "PostGIS is not installed for $("$bindir/postgres" --version 2>/dev/null) ($sharedir/extension/postgis.control missing)"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root and there is no 'postgres' user to run the server as"
  fi

  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$bindir/initdb"; then
    # A root directory other users cannot search (mode 700: a chroot unpacked from a tarball of a
    # mktemp -d folder, as ../shared/tools/fresh-debian.sh makes) stops every non-root program.
    # A normal system has / at 755; granting search there changes nothing else.
    if ! runuser -u postgres -- test -x /; then
      say "the root directory is not searchable by other users (mode $(stat -c %a /)): adding o+rx so 'postgres' can run the server"
      chmod o+rx /
    fi
    runuser -u postgres -- test -x "$bindir/initdb" ||
      unavailable "the 'postgres' user cannot run $bindir/initdb (check the permissions on its path)"
  fi

  mkdir -p "$state" || exit 1
  stop_cluster  # a cluster left by an earlier run
  local data
  data=$(mktemp -d /tmp/urbangis-pg.XXXXXX) || exit 1
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
  chmod 700 "$data"
  echo "$data" >"$state/datadir"
  echo "$bindir" >"$state/bindir"

  local password pwfile
  password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  pwfile="$data.pw"
  ( umask 077; printf '%s\n' "$password" >"$pwfile" )
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pwfile"
  if ! as_owner "$bindir/initdb" -D "$data" -U urbangis --pwfile="$pwfile" -A scram-sha-256 \
       -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1; then
    rm -f "$pwfile"
    say "error: initdb failed; see $state/initdb.log"
    tail -5 "$state/initdb.log" >&2
    exit 1
  fi
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<EOF
# urbangis throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  local port=55432 tries=0
  while :; do
    while port_in_use "$port"; do port=$((port + 1)); done
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port" -w -t 60 start \
         >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 10 ]; then
      say "error: the server does not start; its log:"
      tail -20 "$data/server.log" >&2
      exit 1
    fi
    port=$((port + 1))  # taken between the check and the start: try the next one
  done

  ( umask 077; printf '127.0.0.1:%s:*:urbangis:%s\n' "$port" "$password" >"$state/pgpass" )
  export PGPASSFILE="$state/pgpass"
  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U urbangis)
  if ! "${psql[@]}" -d postgres -c "CREATE DATABASE urbangis_test" >&2 ||
     ! "${psql[@]}" -d urbangis_test -c "CREATE EXTENSION postgis" >&2; then
    say "error: cannot create database urbangis_test with PostGIS"
    exit 1
  fi
  cat >"$state/env" <<EOF
URBANGIS_PG_TEST=PG:host=127.0.0.1 port=$port dbname=urbangis_test user=urbangis
PGPASSFILE=$state/pgpass
EOF
  say "PostgreSQL $("${psql[@]}" -d urbangis_test -Atc "SELECT split_part(version(), ' ', 2) || ' + PostGIS ' || postgis_lib_version()") \
on 127.0.0.1:$port, database urbangis_test, user urbangis (data in $data, state in $state)"
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster; say "stopped (state in $state)" ;;
  env)
    [ -f "$state/env" ] || { say "no running test cluster in $state: run '$0 start $state'"; exit 1; }
    while IFS='=' read -r key value; do
      printf "export %s='%s'\n" "$key" "$value"
    done <"$state/env"
    ;;
  *) usage ;;
esac
