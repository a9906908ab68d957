#!/usr/bin/env bash
# HTTP throughput of `craftlink serve` under wrk, without PostgreSQL: a
# SQLite database with the dev data plus N generated craftsmen, one admin,
# the server on a free port, and wrk against a need's matches, a list
# endpoint and a record endpoint at each connection count. Prints one Markdown table: requests/s,
# p50/p99 latency and errors (non-2xx responses + socket errors).
# Usage: bench/api_wrk.sh [BUILD_DIR]   (default BUILD_DIR=build)
# Knobs: N=100000 DURATION=15s THREADS=2 CONNECTIONS="64 256" TIMEOUT=5s
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
CRAFTLINK="$BUILD_DIR/apps/craftlink/craftlink"
N=${N:-100000}
DURATION=${DURATION:-15s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64 256}
# wrk counts a request slower than this as a timeout error; 5 s is far past
# anything a user would wait for, so timeouts here mean the server stalled.
TIMEOUT=${TIMEOUT:-5s}
DEV=../shared/data/dev

command -v wrk >/dev/null || { echo "wrk is missing: scripts/setup installs it" >&2; exit 1; }
WORK=$(mktemp -d /tmp/craftlink-wrk.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DB="sqlite:$WORK/bench.db"
"$CRAFTLINK" init --db "$DB" >/dev/null
"$CRAFTLINK" import --db "$DB" "$DEV/enterprises.jsonl" "$DEV/craftsmen.jsonl" "$DEV/needs.jsonl" \
  "$DEV/results.jsonl" >/dev/null
"$CRAFTLINK" gen --craftsmen "$N" --enterprises 0 --needs 0 --results 0 --seed 11 --out "$WORK/gen" >/dev/null
"$CRAFTLINK" import --db "$DB" "$WORK/gen/craftsmen.jsonl" >/dev/null
PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$PASSWORD" | "$CRAFTLINK" user add --db "$DB" --username bench-admin --role admin --password-stdin >/dev/null

# Port 0 = any free port; the start-up line names the one it got. The
# request log goes to a file, as it would under a service manager.
"$CRAFTLINK" serve --db "$DB" --host 127.0.0.1 --port 0 >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 300); do
  PORT=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -1 | sed 's/.*://' || true)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "server did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"

# node (from scripts/setup) rather than curl, which setup does not install.
TOKEN=$(BASE="$BASE" PASSWORD="$PASSWORD" node -e '
  fetch(process.env.BASE + "/api/v1/auth/login", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({username: "bench-admin", password: process.env.PASSWORD})})
    .then(async (r) => { if (r.status !== 200) throw new Error(r.status + " " + await r.text());
                         process.stdout.write((await r.json()).token); })
    .catch((e) => { console.error("sign-in failed:", e.message); process.exit(1); });')

# Bearer header on every request; done() prints one parseable line.
cat >"$WORK/bearer.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.1f %.1f %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA

RECORD=$(head -1 "$DEV/craftsmen.jsonl" | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
NEED=$(head -1 "$DEV/needs.jsonl" | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
# The match index is built after the server starts listening: wait until
# the need's matches answer 200 before loading it.
for _ in $(seq 1200); do
  code=$(BASE="$BASE" TOKEN="$TOKEN" NEED="$NEED" node -e '
    fetch(`${process.env.BASE}/api/v1/needs/${process.env.NEED}/matches`, {headers: {Authorization: `Bearer ${process.env.TOKEN}`}})
      .then((r) => console.log(r.status), () => console.log(0))')
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || { echo "matches never answered 200 (last: $code)" >&2; exit 1; }
echo "N=$N craftsmen (+ dev data), wrk -t$THREADS -d$DURATION --timeout $TIMEOUT --latency, $(nproc) cores"
echo
echo "| endpoint | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | requests |"
echo "|---|---|---|---|---|---|---|---|"
for path in "/api/v1/needs/$NEED/matches" "/api/v1/craftsmen?limit=20" "/api/v1/craftsmen/$RECORD"; do
  for c in $CONNECTIONS; do
    out=$(wrk -t"$THREADS" -c"$c" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$WORK/bearer.lua" "$BASE$path")
    read -r _ rps p50 p99 non2xx sockerr total < <(printf '%s\n' "$out" | grep '^RESULT')
    echo "| \`$path\` | $c | $rps | $p50 | $p99 | $non2xx | $sockerr | $total |"
  done
done

# The server must still answer after the load, and stop cleanly on SIGTERM.
BASE="$BASE" node -e 'fetch(process.env.BASE + "/healthz").then((r) => process.exit(r.status === 200 ? 0 : 1),
  () => process.exit(1))' || { echo "server unhealthy after the run" >&2; exit 1; }
kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
SERVER_PID=""
[ "$rc" -eq 0 ] || { echo "server exited with $rc after SIGTERM" >&2; exit 1; }
echo
echo "server stopped cleanly after SIGTERM (exit 0)"
