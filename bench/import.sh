#!/usr/bin/env bash
# Import benchmark: N generated craftsmen into SQLite and into PostgreSQL,
# rows per second and peak memory (max RSS) for two file sizes, so that
# "memory flat in file size" is visible side by side.
# Usage: bench/import.sh [N] [BUILD_DIR] [BASELINE_BUILD_DIR]
#   (default N=1000000, BUILD_DIR=build). With BASELINE_BUILD_DIR, every
#   import also runs with that build's craftlink, alternating with BUILD_DIR's
#   on the same files, and the table gains a "build" column: on a shared
#   machine only figures taken side by side compare.
# The throw-away PostgreSQL takes the first free port from
# PG_TEST_FIRST_PORT (default 54359, clear of the test suites' 54329/54339).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD_DIR=${2:-build}
BASELINE_DIR=${3:-}
CRAFTLINK="$BUILD_DIR/apps/craftlink/craftlink"
export PG_TEST_FIRST_PORT=${PG_TEST_FIRST_PORT:-54359}
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICE for DROP … IF EXISTS
WORK=$(mktemp -d /tmp/craftlink-import-bench.XXXXXX)
chmod 755 "$WORK"  # the PostgreSQL server runs as user postgres and lives inside
PG_DIR="$WORK/pg"
cleanup() { scripts/pg-test-server stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

SMALL=$((N / 4))
"$CRAFTLINK" gen --craftsmen "$N" --enterprises 0 --needs 0 --results 0 --seed 7 --out "$WORK/big" >/dev/null
mkdir -p "$WORK/small"
head -n "$SMALL" "$WORK/big/craftsmen.jsonl" > "$WORK/small/craftsmen.jsonl"

BUILDS=("$BUILD_DIR")
[ -n "$BASELINE_DIR" ] && BUILDS=("$BASELINE_DIR" "$BUILD_DIR")
# The two builds take turns going first, so neither always follows the other.
builds_for() { if [ "$1" = big ]; then printf '%s\n' "${BUILDS[@]}" | tac; else printf '%s\n' "${BUILDS[@]}"; fi; }

measure() {  # build backend rows file url
  local build=$1 backend=$2 rows=$3 file=$4 url=$5 bin="$1/apps/craftlink/craftlink"
  "$bin" init --db "$url" >/dev/null
  sync  # the previous import's writes are flushed before this one's clock starts
  local out
  out=$( { /usr/bin/time -f "%e %M %U %S" "$bin" import --db "$url" "$file" >/dev/null; } 2>&1 | tail -1)
  local label=""
  [ -n "$BASELINE_DIR" ] && label="$build | "
  # CPU = the importer's user + system seconds (not the PostgreSQL server's).
  echo "$out" | awk -v l="$label" -v b="$backend" -v n="$rows" \
    '{ printf "| %s%s | %d | %.1f | %d | %.1f | %d |\n", l, b, n, $1, n / $1, $3 + $4, $2 / 1024 }'
}

if [ -n "$BASELINE_DIR" ]; then
  echo "| build | backend | rows | seconds | rows/s | importer CPU s | peak RSS (MiB) |"
  echo "|---|---|---|---|---|---|---|"
else
  echo "| backend | rows | seconds | rows/s | importer CPU s | peak RSS (MiB) |"
  echo "|---|---|---|---|---|---|"
fi
run=0
rows_of() { [ "$1" = small ] && echo "$SMALL" || echo "$N"; }
# All SQLite imports first: a PostgreSQL server still writing out the last
# import would slow whichever SQLite import came next.
for size in small big; do
  for build in $(builds_for $size); do
    run=$((run + 1))
    measure "$build" sqlite "$(rows_of $size)" "$WORK/$size/craftsmen.jsonl" "sqlite:$WORK/$size-$run.db"
    rm -f "$WORK/$size-$run.db"*
  done
done
mkdir -p "$PG_DIR"
scripts/pg-test-server start "$PG_DIR" >/dev/null
PG_ADMIN=$(cat "$PG_DIR/url")
for size in small big; do
  for build in $(builds_for $size); do
    run=$((run + 1))
    db="bench_${size}_$run"
    psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    measure "$build" postgresql "$(rows_of $size)" "$WORK/$size/craftsmen.jsonl" "${PG_ADMIN%/*}/$db"
    psql "$PG_ADMIN" -qc "DROP DATABASE $db" >/dev/null
  done
done
