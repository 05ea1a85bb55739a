#!/usr/bin/env bash
# Benchmark for issue 21: two Warden nodes on one PostgreSQL behind a round-robin proxy (haproxy).
#
#   bench/two-nodes.sh [TICKETS]
#
# Imports a generated marketplace (default 100,000 tickets) into a scratch PostgreSQL database, starts
# node A and node B on it (background jobs on both, the compliance evaluation every 30 s) and haproxy in
# front, then prints, in one run:
#   1. throughput: wrk with 64 clients on one app and on the tickets list, against node A alone and
#      through the proxy (both nodes), side by side;
#   2. sessions: a person signed in through the proxy, served by both nodes, then node A killed
#      (kill -9): how many of the next console pages still came back signed in;
#   3. jobs: every run of the compliance evaluation on either node, with its start and its node; a job
#      run twice would show as two runs less than 30 s apart.
# Environment: SECONDS_EACH (default 10), HEAP (default 1g each). Needs haproxy, wrk, curl, jq, psql;
# PostgreSQL on 127.0.0.1 as user postgres.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:-100000}"
SECONDS_EACH="${SECONDS_EACH:-10}"
HEAP="${HEAP:-1g}"
OUT="$HERE/out"
APPS=$(( TICKETS / 100 > 10 ? TICKETS / 100 : 10 ))
SNAPSHOT="$OUT/snapshot-$APPS-$TICKETS.json"
PROXY_PORT=18090 A_PORT=18091 B_PORT=18092
mkdir -p "$OUT"
for tool in curl jq wrk psql haproxy; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
if [ ! -f "$HERE/target/warden-bench.jar" ]; then
  (cd "$ROOT" && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
fi
[ -f "$SNAPSHOT" ] || java -cp "$HERE/target/warden-bench.jar" dev.warden.bench.GenerateSnapshot "$APPS" "$TICKETS" "$SNAPSHOT"

work="$(mktemp -d)"
pg="bench_$(date +%s%N | tail -c 9)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $pg with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $pg" >/dev/null
export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$pg" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
export SPRING_APPLICATION_JSON='{"warden.jobs.compliance-evaluation-interval": "30s"}'
export WARDEN_JAVA_OPTS="-Xmx$HEAP"
"$ROOT/warden" --version >/dev/null 2>&1 || true   # builds outside the measurement

LOG="$work/a.log"
"$ROOT/warden" import "$SNAPSHOT" --data "$work/a" > "$LOG" 2>&1
PORT=$A_PORT; BASE="http://127.0.0.1:$PORT"; start_server "$work/a" "$LOG"; pids+=("$SERVER"); A_PID=$SERVER
PORT=$B_PORT; BASE="http://127.0.0.1:$PORT"; start_server "$work/b" "$work/b.log"; pids+=("$SERVER")

cat > "$work/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option redispatch
  retries 3
frontend warden
  bind 127.0.0.1:$PROXY_PORT
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /actuator/health
  server a 127.0.0.1:$A_PORT check inter 1s fall 2 rise 2
  server b 127.0.0.1:$B_PORT check inter 1s fall 2 rise 2
EOF
haproxy -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=("$!")
PROXY="http://127.0.0.1:$PROXY_PORT"
until curl -sf "$PROXY/actuator/health" >/dev/null; do sleep 0.5; done

# The first compliance evaluation (each start's, on one node) ends before anything is measured.
until grep -qh 'compliance evaluation in' "$work/a.log" "$work/b.log"; do sleep 1; done

# Signed in and given a client through the proxy: each step may land on either node.
BASE="$PROXY"; bootstrap_client '["catalog:read", "tickets:read"]'
APP_KEY=$(api "$PROXY/api/v1/apps?size=1" | jq -r '.items[0].key')

rps() {
  wrk -t 2 -c 64 -d "${SECONDS_EACH}s" --timeout 30s --latency -H "Authorization: Bearer $BEARER" "$1" \
    | awk '/^Requests\/sec/ {r=$2} $1 == "99%" {p=$2} /Non-2xx/ {b=$5} END {printf "%.0f req/s, p99 %s, non-2xx %d", r, p, b}'
}
printf '\nmachine: %s cores, load average at start %s; %s tickets on PostgreSQL\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$TICKETS"
echo "| what | node A alone | both nodes through haproxy |"
echo "| --- | --- | --- |"
for target in "one app|/api/v1/apps/$APP_KEY" "tickets list|/api/v1/tickets" "/actuator/health|/actuator/health"; do
  IFS='|' read -r what path <<< "$target"
  refresh_token
  echo "| $what | $(rps "http://127.0.0.1:$A_PORT$path") | $(rps "$PROXY$path") |"
done

signed_in() {  # how many of N console home pages through the proxy came back signed in (and the others' statuses)
  local n="$1" ok=0 other="" status
  for _ in $(seq "$n"); do
    status=$(curl -s -o "$work/page.html" -w '%{http_code}' -b "$CONSOLE_JAR" "$PROXY/")
    if [ "$status" = 200 ] && grep -q 'Sign out' "$work/page.html"; then ok=$(( ok + 1 )); else other="$other $status"; fi
  done
  echo "$ok${other:+ (others:$other)}"
}
printf '\nsessions: signed in through the proxy; %s of 20 home pages signed in with both nodes up\n' "$(signed_in 20)"
kill -9 "$A_PID"
printf 'node A killed (kill -9): %s of 20 home pages signed in right after, ' "$(signed_in 20)"
sleep 3
printf '%s of 20 three seconds later\n' "$(signed_in 20)"

# Let the jobs run a while on the survivor, then list every compliance evaluation either node ran.
sleep 40
printf '\njobs: every compliance evaluation run (interval 30 s), by node\n\n'
{ grep -h 'compliance evaluation in' "$work/a.log" | sed 's/^/A /'; grep -h 'compliance evaluation in' "$work/b.log" | sed 's/^/B /'; } \
  | awk '{print $2, $1, $0}' | sort | awk '{printf "- %s node %s: %s\n", $1, $2, substr($0, index($0, "compliance evaluation in"))}' \
  | sed 's/: [0-9]* partners.*//' 
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
