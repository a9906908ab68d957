#!/usr/bin/env bash
# SQLite page size, 4 KiB against 8 KiB: import of N generated craftsmen into
# a file pre-created with each page size (taking turns, RUNS times), then reads
# on the two files: export of every craftsman, a full-table LIKE scan and
# 20,000 look-ups by id through the sqlite3 shell.
# Usage: bench/sqlite_page_size.sh [N] [BUILD_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD_DIR=${2:-build}
RUNS=${3:-3}
CRAFTLINK="$BUILD_DIR/apps/craftlink/craftlink"
WORK=$(mktemp -d /tmp/craftlink-page-size.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$CRAFTLINK" gen --craftsmen "$N" --enterprises 0 --needs 0 --results 0 --seed 7 --out "$WORK" >/dev/null
python3 - "$N" > "$WORK/lookups.sql" <<'PY'
import random, sys
random.seed(3)
n = int(sys.argv[1])
for _ in range(20000):
    print("SELECT length(body) FROM craftsmen WHERE id='GC%07d';" % random.randint(1, n))
PY

seconds() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1; }

echo "| run | page size | import s | importer CPU s | file MB | export s | LIKE scan s | 20k look-ups s |"
echo "|---|---|---|---|---|---|---|---|"
for run in $(seq "$RUNS"); do
  order="4096 8192"
  [ $((run % 2)) = 0 ] && order="8192 4096"  # neither size always goes first
  for size in $order; do
    db="$WORK/p$size.db"
    rm -f "$db"*
    sqlite3 "$db" "PRAGMA page_size = $size; PRAGMA journal_mode = WAL;" >/dev/null
    "$CRAFTLINK" init --db "sqlite:$db" >/dev/null
    sync
    read -r wall user sys < <(seconds "$CRAFTLINK" import --db "sqlite:$db" "$WORK/craftsmen.jsonl")
    mb=$(( $(stat -c %s "$db") / 1000000 ))
    read -r export _ < <(seconds "$CRAFTLINK" export --db "sqlite:$db" --kind craftsmen --out "$WORK/out.jsonl")
    read -r scan _ < <(seconds sqlite3 "$db" "SELECT count(*) FROM craftsmen WHERE region LIKE '51%'")
    read -r lookups _ < <(seconds sqlite3 "$db" ".read $WORK/lookups.sql")
    echo "| $run | $size | $wall | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') | $mb | $export | $scan | $lookups |"
    rm -f "$WORK/out.jsonl"
  done
done
