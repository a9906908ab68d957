#!/usr/bin/env bash
# Import benchmark: N generated craftsmen into SQLite and into PostgreSQL,
# rows per second and peak memory (max RSS) for two file sizes, so that
# "memory flat in file size" is visible side by side.
# Usage: bench/import.sh [N] [BUILD_DIR]   (default N=1000000, BUILD_DIR=build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD_DIR=${2:-build}
CRAFTLINK="$BUILD_DIR/apps/craftlink/craftlink"
WORK=$(mktemp -d /tmp/craftlink-import-bench.XXXXXX)
chmod 755 "$WORK"  # the PostgreSQL server runs as user postgres and lives inside
PG_DIR="$WORK/pg"
cleanup() { scripts/pg-test-server stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

SMALL=$((N / 4))
"$CRAFTLINK" gen --craftsmen "$N" --enterprises 0 --needs 0 --results 0 --seed 7 --out "$WORK/big" >/dev/null
mkdir -p "$WORK/small"
head -n "$SMALL" "$WORK/big/craftsmen.jsonl" > "$WORK/small/craftsmen.jsonl"

mkdir -p "$PG_DIR"
scripts/pg-test-server start "$PG_DIR" >/dev/null
PG_ADMIN=$(cat "$PG_DIR/url")

measure() {  # backend rows file url
  local backend=$1 rows=$2 file=$3 url=$4
  "$CRAFTLINK" init --db "$url" >/dev/null
  local out
  out=$( { /usr/bin/time -f "%e %M" "$CRAFTLINK" import --db "$url" "$file" >/dev/null; } 2>&1 | tail -1)
  local secs=${out% *} kb=${out#* }
  awk -v b="$backend" -v n="$rows" -v s="$secs" -v kb="$kb" \
    'BEGIN { printf "| %s | %d | %.1f | %d | %d |\n", b, n, s, n / s, kb / 1024 }'
}

echo "| backend | rows | seconds | rows/s | peak RSS (MiB) |"
echo "|---|---|---|---|---|"
for size in small big; do
  rows=$([ "$size" = small ] && echo "$SMALL" || echo "$N")
  measure sqlite "$rows" "$WORK/$size/craftsmen.jsonl" "sqlite:$WORK/$size.db"
  db="bench_$size"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  measure postgresql "$rows" "$WORK/$size/craftsmen.jsonl" "${PG_ADMIN%/*}/$db"
done
