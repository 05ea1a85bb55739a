#!/usr/bin/env bash
# Measures `./warden start` on an empty data folder, exactly as a user runs it: from launching the
# command to the first healthy answer on /actuator/health. Prints one line per run and the median.
#   bench/startup.sh [RUNS]        (default 5; the first ./warden start builds and prepares first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
PORT="${BENCH_PORT:-18080}"

# Build and prepare outside the measurement: a start after a build is what is measured.
"$ROOT/warden" start --port "$PORT" --data "$(mktemp -d)" >/dev/null 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "./warden start failed" >&2; exit 1; }
  sleep 0.2
done
kill "$pid"; wait "$pid" 2>/dev/null || true

times=()
for run in $(seq 1 "$RUNS"); do
  data="$(mktemp -d)"
  start=$(date +%s%N)
  "$ROOT/warden" start --port "$PORT" --data "$data" >"$data.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "server died; see $data.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $run: ${ms} ms from ./warden start to healthy (new H2 database)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$data.log"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "median of $RUNS: ${sorted[$(( RUNS / 2 ))]} ms"
