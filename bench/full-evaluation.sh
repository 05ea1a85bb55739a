#!/usr/bin/env bash
# Benchmark for issue 21: the scheduled full compliance evaluation on a PostgreSQL database that holds
# an imported marketplace, the build at BEFORE_REV, then this build, on the same database.
#   bench/full-evaluation.sh DATABASE BEFORE_REV [RUNS]      (RUNS: default 3)
# DATABASE is a PostgreSQL database on 127.0.0.1 (user postgres) into which `./warden import` loaded
# the benchmark snapshot, and on which a server already ran its first full evaluation (so that these
# open nothing: both builds do the same work). Each build starts on it with the evaluation every 20 s
# and jobs otherwise as shipped, except that the breach job records at most one chunk a run (its
# catch-up after an import would otherwise load the two builds differently); the script waits for
# RUNS evaluations after the first one of each start (the JIT warms up during that first) and prints
# each one's time from the server's log line. This build's migrations run when it starts, so the
# before build must go first. Needs psql and curl.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DB="${1:?database}"
BEFORE="${2:?before revision}"
RUNS="${3:-3}"
PORT="${PORT:-18089}"
for tool in psql curl; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done

rev=$(git -C "$ROOT" rev-parse --short "$BEFORE")
tree="$(mktemp -d)/warden-$rev"
git -C "$ROOT" worktree add --detach "$tree" "$rev" >/dev/null
trap 'git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
"$tree/warden" --version >/dev/null 2>&1 || true   # builds outside the measurement
"$ROOT/warden" --version >/dev/null 2>&1 || true

export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
export WARDEN_JOBS_COMPLIANCE_EVALUATION_INTERVAL=20s WARDEN_JOBS_BREACH_DETECTION_BUDGET=1ms
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| build | full evaluations (ms), after the first of the start | partners, violations, opened |"
echo "|---|---|---|"
for build in "before ($rev)|$tree" "this ($(git -C "$ROOT" rev-parse --short HEAD))|$ROOT"; do
  name="${build%%|*}"; dir="${build#*|}"
  data="$(mktemp -d)"; log="$data/server.log"
  WARDEN_JAVA_OPTS="-Xmx1g" "$dir/warden" start --port "$PORT" --data "$data" > "$log" 2>&1 &
  server=$!
  until [ "$(grep -c 'compliance evaluation in' "$log" || true)" -gt "$RUNS" ]; do
    sleep 2
    kill -0 "$server" 2>/dev/null || { tail -30 "$log" >&2; exit 1; }
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  times=$(grep -o 'compliance evaluation in [0-9]* ms' "$log" | tail -n "$RUNS" | grep -o '[0-9]*' | paste -sd' ')
  what=$(grep 'compliance evaluation in' "$log" | tail -1 | grep -o '[0-9]* partners, [0-9]* violations; [0-9]* cases opened')
  echo "| $name | $times | $what |"
  rm -rf "$data"
  sleep 6
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
