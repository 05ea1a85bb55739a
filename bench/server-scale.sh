#!/usr/bin/env bash
# Benchmark for issue 21: the server with a large marketplace loaded, as its users meet it, side by side
# for the build before a change and this build, on H2 and on PostgreSQL, in one run.
#
#   bench/server-scale.sh TICKETS [BEFORE_REV]
#
# BEFORE_REV (optional) is a git revision, built by its own ./warden in a scratch worktree. Environment:
# DBS (default "h2 postgresql"), SECONDS_EACH (default 10: the length of each wrk run), HEAP (default 4g).
# For each build and database it prints: `./warden import` wall time and peak RSS (and H2's file size
# after it); the first full compliance evaluation (the server log's own timing where the build logs one,
# otherwise from start to the log line); then, with wrk, one client's latency p50/p99 and 64 clients'
# throughput and p99 for the console home page, the tickets list (first page, and one near the end by
# page number and by cursor),
# the overdue filter (first page, and half-way by cursor), a title search that matches nothing, the
# approval queue and the audit trail (console pages), one app and /actuator/health (the ceiling). The last column adds non-2xx answers and requests wrk gave up on
# after 30 s. Needs curl, jq, wrk; PostgreSQL on 127.0.0.1 as user postgres.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:?usage: bench/server-scale.sh TICKETS [BEFORE_REV]}"
BEFORE="${2:-}"
DBS="${DBS:-h2 postgresql}"
SECONDS_EACH="${SECONDS_EACH:-10}"
HEAP="${HEAP:-4g}"
OUT="$HERE/out"
APPS=$(( TICKETS / 100 > 10 ? TICKETS / 100 : 10 ))
SNAPSHOT="$OUT/snapshot-$APPS-$TICKETS.json"
DEEP=$(( TICKETS / 50 * 9 / 10 ))   # a page near the end of the unfiltered list, read by cursor
mkdir -p "$OUT"
for tool in curl jq wrk psql; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done

if [ ! -f "$HERE/target/warden-bench.jar" ]; then
  (cd "$HERE/.." && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
fi
[ -f "$SNAPSHOT" ] || java -cp "$HERE/target/warden-bench.jar" dev.warden.bench.GenerateSnapshot "$APPS" "$TICKETS" "$SNAPSHOT"

builds=("this=$(cd "$HERE/.." && pwd)")
if [ -n "$BEFORE" ]; then
  rev=$(git -C "$HERE/.." rev-parse --short "$BEFORE")
  tree="$OUT/before-$rev"
  [ -d "$tree" ] || git -C "$HERE/.." worktree add --detach "$tree" "$rev" >/dev/null
  builds=("before ($rev)=$tree" "${builds[@]}")
fi


printf '\nmachine: %s cores, load average at start %s; snapshot %s apps, %s tickets (%s MB)\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$APPS" "$TICKETS" "$(du -m "$SNAPSHOT" | cut -f1)"
row "build, database" "what" "one client p50 / p99" "64 clients: req/s, p99 (non-2xx)"
row "---" "---" "---" "---"
for build in "${builds[@]}"; do
  name="${build%%=*}"; ROOT="${build#*=}"
  for db in $DBS; do
    data="$(mktemp -d)"; LOG="$data/server.log"
    unset WARDEN_DATABASE_URL WARDEN_DATABASE_USER WARDEN_DATABASE_PASSWORD
    if [ "$db" = postgresql ]; then
      pg="bench_$(date +%s%N | tail -c 9)"
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $pg" >/dev/null
      export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$pg" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
    fi
    "$ROOT/warden" --version >/dev/null 2>&1 || true   # builds outside the measurement
    WARDEN_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -f '%e %M' -o "$data/import.time" \
      "$ROOT/warden" import "$SNAPSHOT" --data "$data" > "$data/import.log" 2>&1 || { tail -20 "$data/import.log"; exit 1; }
    read -r secs kb < "$data/import.time"
    row "$name, $db" "\`./warden import\`" "${secs} s" "peak RSS $(( kb / 1024 )) MiB"
    if [ "$db" = h2 ]; then
      row "$name, $db" "the database file after the import" "$(du -m "$data/warden.mv.db" | cut -f1) MiB" ""
    fi
    cat "$data/import.log" > "$LOG"   # the first start (the import's) printed the administrator's password
    started=$(date +%s%N)
    WARDEN_JAVA_OPTS="-Xmx$HEAP" start_server "$data" "$LOG"
    until grep -q "compliance evaluation" "$LOG"; do sleep 1; done
    took=$(grep -o 'compliance evaluation in [0-9]* ms' "$LOG" | head -1 | grep -o '[0-9]*' || true)
    [ -n "$took" ] || took="≤ $(( ($(date +%s%N) - started) / 1000000 ))"
    row "$name, $db" "first full compliance evaluation" "$took ms" ""
    bootstrap_client '["catalog:read", "tickets:read"]'
    APP_KEY=$(api "$BASE/api/v1/apps?size=1" | jq -r '.items[0].key')
    # The cursor after ticket AMS-(DEEP*50): what a client following "next" holds there (a build
    # without cursors ignores the parameter and answers the first page).
    DEEP_CURSOR=$(printf 'key\n\nAMS\n%d' $(( DEEP * 50 )) | base64 -w0 | tr '+/' '-_' | tr -d '=')
    # A cursor half-way through the overdue tickets by due date: the instant half-way between the
    # earliest due date and now (a cursor need not be a ticket's; page numbers do not reach that deep).
    first_due=$(date -d "$(api "$BASE/api/v1/tickets?overdue=true&sort=dueAt&size=1" | jq -r '.items[0].dueAt')" +%s)
    half_way=$(date -u -d "@$(( (first_due + $(date +%s)) / 2 ))" +%Y-%m-%dT%H:%M:%SZ)
    OVERDUE_CURSOR=$(printf 'dueAt\n%s\nA\n0' "$half_way" | base64 -w0 | tr '+/' '-_' | tr -d '=')
    cookie=$(awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7} /^#HttpOnly_/ {printf "%s=%s; ", $6, $7}' "$CONSOLE_JAR")
    for target in "console home page|$BASE/|cookie" \
                  "tickets list, first page|$BASE/api/v1/tickets|bearer" \
                  "tickets list, page 199, the deepest a number reaches|$BASE/api/v1/tickets?page=199&size=50|bearer" \
                  "tickets list, page $DEEP (of $(( TICKETS / 50 ))) by cursor|$BASE/api/v1/tickets?size=50&after=$DEEP_CURSOR|bearer" \
                  "overdue tickets by due date, by cursor half-way|$BASE/api/v1/tickets?overdue=true&sort=dueAt&after=$OVERDUE_CURSOR|bearer" \
                  "overdue tickets|$BASE/api/v1/tickets?overdue=true|bearer" \
                  "title search matching nothing|$BASE/api/v1/tickets?q=sql|bearer" \
                  "approval queue|$BASE/approvals|cookie" \
                  "audit trail|$BASE/audit|cookie" \
                  "one app|$BASE/api/v1/apps/$APP_KEY|bearer" \
                  "/actuator/health|$BASE/actuator/health|none"; do
      measure_row "$name, $db" "$target" "$cookie"
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    rm -rf "$data" "$CONSOLE_JAR"
    [ "$db" != postgresql ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database $pg with (force)" >/dev/null
  done
done
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
