#!/usr/bin/env bash
# Benchmark for issue 21: the pages people open most, on a large marketplace already judged, for the
# build before a change and this build, on the same PostgreSQL data, in one run.
#
#   bench/server-pages.sh TICKETS BEFORE_REV
#
# Imports a generated marketplace (TICKETS tickets over TICKETS/100 apps) with this build into a scratch
# PostgreSQL database and starts this build on it until its first full compliance evaluation is done
# (which opens the cases and proposals the marketplace deserves). Then, for the build at BEFORE_REV
# (built by its own ./warden in a scratch worktree) and for this build, in turn on that same database:
# starts it, waits for a full compliance evaluation (with nothing left to open: the steady one), and
# loads each page with wrk for SECONDS_EACH seconds: one client (latency p50 / p99) and 64 connections
# on two threads (throughput, p99). It prints the import, the first evaluation, each build's steady
# evaluation and the figures, side by side. wrk, the server and PostgreSQL share this machine's cores.
# Environment: SECONDS_EACH (default 20), HEAP (default 2g), KEEP_DATABASE (1: leave the database for
# a closer look, and print its name), QUIET (1: after the first evaluation, start both builds at once
# with their jobs off and measure them in turn, page by page, ROUNDS times, default 3), AUDIT (1: the
# audit trail's pages instead: the console's, the API's first page, one action's entries, page 10,000
# by number and 500,000 entries deep by cursor; a build without cursors ignores `after` and answers
# the first page), APPROVALS (1: the console's approval queue instead: its first page, one partner's
# proposals, its rarest rule's, and page 100 newest first; a build without paging answers the first
# 500 proposals each time), APART (1, with QUIET: one build at a time, the build before first, for a change that
# migrates the schema). Needs curl, jq,
# wrk, psql; PostgreSQL on 127.0.0.1 as user postgres.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:?usage: bench/server-pages.sh TICKETS BEFORE_REV}"
BEFORE="${2:?usage: bench/server-pages.sh TICKETS BEFORE_REV}"
SECONDS_EACH="${SECONDS_EACH:-20}"
HEAP="${HEAP:-2g}"
prepare_builds "$TICKETS" "$BEFORE"

data="$(mktemp -d)"
pg="bench_$(date +%s%N | tail -c 9)"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $pg" >/dev/null
export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$pg" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
SERVER=""
cleanup() {
  [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "${KEEP_DATABASE:-}" = 1 ]; then
    echo "database kept: $pg"
  else
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $pg with (force)" >/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

sql() { psql -q -At -h 127.0.0.1 -U postgres -d "$pg" -c "$1"; }

# Starts ROOT's build with a full evaluation due at once; waits for it; TOOK is its log line's duration.
start_and_evaluate() {
  local log="$1"
  sql "delete from scheduled_tasks where task_name = 'compliance-evaluation'" >/dev/null 2>&1 || true
  : > "$log.run"
  WARDEN_JAVA_OPTS="-Xmx$HEAP" start_server "$data" "$log.run"
  until grep -q "compliance evaluation in" "$log.run"; do sleep 1; done
  cat "$log.run" >> "$log"
  TOOK=$(grep -o 'compliance evaluation in [0-9]* ms' "$log.run" | head -1 | grep -o '[0-9]*')
}

printf '\nmachine: %s cores, load average at start %s; snapshot %s apps, %s tickets (%s MB); before: %s\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$APPS" "$TICKETS" "$(du -m "$SNAPSHOT" | cut -f1)" "$rev"
row "build" "what" "one client p50 / p99" "64 clients: req/s, p99 (non-2xx)"
row "---" "---" "---" "---"
LOG="$data/server.log"
# With APART, the build before imports and judges: this build's migrations then run on its data, as
# they would on an operator's, when this build first starts.
SETUP="this"; ROOT="$THIS"
if [ "${APART:-}" = 1 ]; then SETUP="before ($rev)"; ROOT="$tree"; fi
WARDEN_JAVA_OPTS="-Xmx1g" /usr/bin/time -f '%e %M' -o "$data/import.time" \
  "$ROOT/warden" import "$SNAPSHOT" --data "$data" > "$LOG" 2>&1 || { tail -20 "$LOG"; exit 1; }
read -r secs kb < "$data/import.time"
row "$SETUP" "\`./warden import\` (1 GiB heap)" "${secs} s" "peak RSS $(( kb / 1024 )) MiB"
start_and_evaluate "$LOG"
row "$SETUP" "first full compliance evaluation: $(sql "select count(*) from enforcement_cases") cases opened" "$TOOK ms" ""
bootstrap_client '["catalog:read", "tickets:read", "audit:read"]'
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
APP_KEY=$(sql "select app_key from apps order by app_key limit 1")
cookie=$(awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7} /^#HttpOnly_/ {printf "%s=%s; ", $6, $7}' "$CONSOLE_JAR")

PAGES=("console home page|/|cookie" \
       "tickets list, first page|/api/v1/tickets|bearer" \
       "overdue tickets|/api/v1/tickets?overdue=true|bearer" \
       "one app|/api/v1/apps/$APP_KEY|bearer" \
       "/actuator/health|/actuator/health|none")
if [ "${AUDIT:-}" = 1 ]; then
  DEEP=$(sql "select max(seq) - 500000 from audit_log")
  PARTNER=$(sql "select partner_id from audit_log where partner_id is not null order by seq limit 1 offset 500000")
  PAGES=("audit trail (console)|/audit|cookie" \
         "audit trail, first page|/api/v1/audit|bearer" \
         "audit trail, one action (PARTNER_CREATED)|/api/v1/audit?action=PARTNER_CREATED|bearer" \
         "audit trail, one subject type (partner)|/api/v1/audit?subjectType=partner|bearer" \
         "audit trail (console), one subject type (partner)|/audit?subjectType=partner|cookie" \
         "audit trail, one partner ($PARTNER)|/api/v1/audit?partner=$PARTNER|bearer" \
         "audit trail, one actor (bootstrap)|/api/v1/audit?actor=bootstrap|bearer" \
         "audit trail, page 199, the deepest a number reaches|/api/v1/audit?page=199|bearer" \
         "audit trail, 500,000 entries deep by cursor|/api/v1/audit?after=$DEEP|bearer" \
         "/actuator/health|/actuator/health|none")
fi

if [ "${APPROVALS:-}" = 1 ]; then
  QUEUE_PARTNER=$(sql "select partner_id from enforcement_actions where status = 'PROPOSED' order by id desc limit 1")
  QUEUE_RULE=$(sql "select c.rule from enforcement_actions a join enforcement_cases c on c.id = a.case_id
    where a.status = 'PROPOSED' group by c.rule order by count(*) limit 1")
  PAGES=("approval queue (console)|/approvals|cookie" \
         "approval queue, one partner ($QUEUE_PARTNER)|/approvals?partner=$QUEUE_PARTNER|cookie" \
         "approval queue, its rarest rule ($QUEUE_RULE)|/approvals?rule=$QUEUE_RULE|cookie" \
         "approval queue, page 100, newest first|/approvals?sort=newest&page=99|cookie" \
         "/actuator/health|/actuator/health|none")
fi

if [ "${QUIET:-}" = 1 ] && [ "${APART:-}" = 1 ]; then
  # One build at a time, the build before first: a schema migration of this build's (an index) cannot
  # then help the build before it.
  for build in "before ($rev)=$tree" "this=$THIS"; do
    name="${build%%=*}"; ROOT="${build#*=}"
    WARDEN_JAVA_OPTS="-Xmx$HEAP -Dwarden.jobs.enabled=false" start_server "$data" "$LOG.${name%% *}"
    for page in "${PAGES[@]}"; do
      IFS='|' read -r what path auth <<< "$page"
      for round in $(seq 1 "${ROUNDS:-3}"); do
        measure_row "$name, round $round" "$what|$BASE$path|$auth" "$cookie"
      done
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  done
  grep -h "Successfully applied\|Migrating schema" "$LOG.this" || true
elif [ "${QUIET:-}" = 1 ]; then
  # Both builds at once, each on its own port with its jobs off (no evaluation, no breach catch-up: only
  # the load runs), measured in turn page by page, ROUNDS times, so that a change in this machine's
  # speed during the run falls on both.
  SERVERS=()
  for build in "$rev=$tree=$PORT" "this=$THIS=$(( PORT + 1 ))"; do
    IFS='=' read -r name ROOT port <<< "$build"
    PORT="$port" BASE="http://127.0.0.1:$port" WARDEN_JAVA_OPTS="-Xmx$HEAP -Dwarden.jobs.enabled=false" \
      start_server "$data" "$LOG.$name"
    SERVERS+=("$SERVER")
  done
  SERVER=""
  trap 'kill "${SERVERS[@]}" 2>/dev/null || true; cleanup' EXIT
  for page in "${PAGES[@]}"; do
    IFS='|' read -r what path auth <<< "$page"
    for round in $(seq 1 "${ROUNDS:-3}"); do
      for build in "before ($rev)=$PORT" "this=$(( PORT + 1 ))"; do
        name="${build%%=*}"; BASE="http://127.0.0.1:${build#*=}"
        measure_row "$name, round $round" "$what|$BASE$path|$auth" "$cookie"
      done
    done
  done
else
  for build in "before ($rev)=$tree" "this=$THIS"; do
    name="${build%%=*}"; ROOT="${build#*=}"
    start_and_evaluate "$LOG"
    row "$name" "steady full compliance evaluation (first after start)" "$TOOK ms" ""
    for page in "${PAGES[@]}"; do
      IFS='|' read -r what path auth <<< "$page"
      measure_row "$name" "$what|$BASE$path|$auth" "$cookie"
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  done
fi
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
