#!/usr/bin/env bash
# Benchmark for issue 25: the tickets export streams in constant memory. For each size, a fresh database
# (PostgreSQL by default) gets the generated snapshot by `./warden import`, the server starts with its
# background jobs off (nothing else runs) and a small heap, and the whole tickets list is exported as CSV
# and as JSON. Prints per export: rows, bytes, wall time, throughput, and the heap in use at its peak
# (jstat samples every 100 ms: young + old generation occupancy), beside the heap in use just before.
#
#   bench/export.sh [TICKETS...]       default: 100000 1000000
#
# Environment: DB (postgresql or h2; default postgresql), HEAP (default 512m). Needs curl, jq, jstat, psql.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
DB="${DB:-postgresql}"
HEAP="${HEAP:-512m}"
OUT="$HERE/out"
mkdir -p "$OUT"
for tool in curl jq jstat psql; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
if [ ! -f "$HERE/target/warden-bench.jar" ]; then
  (cd "$ROOT" && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
fi
"$ROOT/warden" --version >/dev/null 2>&1 || true   # builds outside the measurement

# Heap in use (KiB): survivor + eden + old occupancy.
heap_used() { jstat -gc "$1" | awk 'NR == 2 {printf "%d", $3 + $4 + $6 + $8}'; }

printf '\nmachine: %s cores, load average at start %s; %s, -Xmx%s, jobs off; commit %s\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$DB" "$HEAP" "$(git -C "$ROOT" rev-parse --short HEAD)"
printf '| tickets | format | rows | size | time | rate | heap in use before | peak heap in use |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for tickets in "${SIZES[@]}"; do
  apps=$(( tickets / 100 > 10 ? tickets / 100 : 10 ))
  snapshot="$OUT/snapshot-$apps-$tickets.json"
  [ -f "$snapshot" ] || java -cp "$HERE/target/warden-bench.jar" dev.warden.bench.GenerateSnapshot "$apps" "$tickets" "$snapshot"
  data="$(mktemp -d)"; LOG="$data/server.log"
  unset WARDEN_DATABASE_URL WARDEN_DATABASE_USER WARDEN_DATABASE_PASSWORD
  if [ "$DB" = postgresql ]; then
    pg="bench_$(date +%s%N | tail -c 9)"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $pg" >/dev/null
    export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$pg" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
  fi
  WARDEN_JAVA_OPTS="-Xmx2g" "$ROOT/warden" import "$snapshot" --data "$data" > "$LOG" 2>&1 || { tail -20 "$LOG"; exit 1; }
  WARDEN_JAVA_OPTS="-Xmx$HEAP -Dwarden.jobs.enabled=false" start_server "$data" "$LOG"
  bootstrap_client '["tickets:read"]'
  for format in csv json; do
    refresh_token
    api -o /dev/null "$BASE/api/v1/tickets/export?format=$format&partner=none-such"   # warm the path once
    jcmd "$SERVER" GC.run >/dev/null
    before=$(heap_used "$SERVER")
    peak="$data/peak"; echo "$before" > "$peak"
    ( while true; do h=$(heap_used "$SERVER" 2>/dev/null || echo 0); [ "$h" -le "$(cat "$peak")" ] || echo "$h" > "$peak"; sleep 0.1; done ) &
    sampler=$!
    file="$data/export.$format"
    stats=$(api -o "$file" -w '%{time_total} %{size_download} %{http_code}' "$BASE/api/v1/tickets/export?format=$format")
    kill "$sampler"; wait "$sampler" 2>/dev/null || true
    read -r secs bytes code <<< "$stats"
    [ "$code" = 200 ] || { echo "export answered $code" >&2; head -c 500 "$file" >&2; exit 1; }
    # CSV: lines less the header (no field holds a line break here); JSON: the objects, each opened by its key.
    if [ "$format" = csv ]; then rows=$(( $(wc -l < "$file") - 1 )); else rows=$(grep -o '{"key":' "$file" | wc -l); fi
    printf '| %s | %s | %s | %s MB | %.1f s | %s rows/s | %s MiB | %s MiB |\n' "$tickets" "$format" "$rows" \
      "$(( bytes / 1000000 ))" "$secs" "$(awk -v r="$rows" -v s="$secs" 'BEGIN {printf "%d", r / s}')" \
      "$(( before / 1024 ))" "$(( $(cat "$peak") / 1024 ))"
    rm -f "$file"
  done
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  rm -rf "$data" "$CONSOLE_JAR"
  [ "$DB" != postgresql ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database $pg with (force)" >/dev/null
done
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
