#!/usr/bin/env bash
# The year benchmark (bench/year.sh) on both stores, one after the other in the same session, and
# each step's PostgreSQL time as a ratio of SQLite's (issue 14's target: at most 1.5, and at most
# 1024 MB peak RSS on PostgreSQL).
#
# The PostgreSQL server is a throwaway one this script starts itself when PostgreSQL is installed
# (/usr/lib/postgresql/<version>/bin): initdb into a temporary folder (as the `postgres` system user
# when run as root: PostgreSQL refuses root), pg_ctl on a Unix socket in that folder, fsync on,
# shared_buffers 256MB; two empty databases; stopped and removed on exit. Without PostgreSQL only
# the SQLite year runs, with a message.
#
# Usage: bench/stores.sh SIGAP_BINARY PYTHON. Environment: as bench/year.sh (YEAR_MONTHS, YEAR_ROWS);
# BENCH_POSTGRES=0 runs SQLite only.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'bench: %s\n' "$*" >&2; }
(($# == 2)) || { say "usage: bench/stores.sh SIGAP_BINARY PYTHON"; exit 1; }
sigap=$1
python=$2

work=$(mktemp -d)
chmod 755 "$work" # the server user must reach its folder inside
server=""
as_server_user() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [[ -n $server ]]; then as_server_user "$server/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say "the year on SQLite"
YEAR_TSV=$work/sqlite.tsv bash "$bench/year.sh" "$sigap" "$python"

server=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ ${BENCH_POSTGRES:-1} == 0 ]]; then
  say "BENCH_POSTGRES=0: the PostgreSQL year is skipped"
  server=""
  exit 0
elif [[ -z $server || ! -x $server/initdb ]]; then
  say "PostgreSQL is not installed (make deps installs postgresql-15): the PostgreSQL year is skipped"
  server=""
  exit 0
fi

mkdir -p "$work/pg"
[[ $(id -u) == 0 ]] && chown postgres "$work/pg"
port=$(( (RANDOM % 20000) + 40000 ))
as_server_user "$server/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 >/dev/null
as_server_user "$server/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-k $work/pg -c listen_addresses='' -p $port -c shared_buffers=256MB" start >/dev/null
for database in year year_warn; do as_server_user "$server/createdb" -h "$work/pg" -p "$port" -U postgres "$database"; done
url() { echo "postgresql://postgres@/$1?host=$work/pg&port=$port"; }

say "the year on PostgreSQL ($("$server/postgres" --version))"
YEAR_TSV=$work/postgres.tsv YEAR_STORE=$(url year) YEAR_STORE_WARN=$(url year_warn) \
  bash "$bench/year.sh" "$sigap" "$python"

# Both stores' steps side by side.
printf '\n%-62s %12s %12s %7s %15s  %s\n' "step" "SQLite (s)" "PG (s)" "ratio" "PG peak (MB)" "verdict (ratio <= 1.5, <= 1024 MB)"
paste "$work/sqlite.tsv" "$work/postgres.tsv" | awk -F '\t' '
  $1 != "fastexcel reading that roster" {
    ratio = ($2 > 0 && $5 != "-") ? $5 / $2 : -1
    m = ""; if (ratio < 0 || ratio > 1.5) m = "ratio"; if ($6 == "-" || $6 > 1024) m = (m == "" ? "RSS" : m " and RSS")
    printf "%-62s %12s %12s %7s %15s  %s\n", $1, $2, $5, (ratio < 0 ? "n/a" : sprintf("%.2f", ratio)), $6, (m == "" ? "met" : "MISSED (" m ")")
  }'
printf '\n(each step run once per store, SQLite first; the fastexcel read is in each store'"'"'s table above)\n'
