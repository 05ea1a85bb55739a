#!/usr/bin/env bash
# Benchmark for issue 21: the tickets' title search (q=) on H2 with a large marketplace, for the build
# before a change and this build, on the same H2 database, in one run.
#
#   bench/title-search.sh TICKETS BEFORE_REV
#
# Imports a generated marketplace (TICKETS tickets, titled "Finding N") with this build into a scratch H2
# database. Then ROUNDS times (default 2), the build at BEFORE_REV and this build in turn, each alone on
# that database with its jobs off: starts it, waits until this build has read the titles (its log says
# how many, how long it took and how many characters they take), and loads each search with wrk for
# SECONDS_EACH seconds (default 10): one client (latency p50 / p99) and 64 connections on two threads
# (throughput, p99). A search whose one-client p50 is over a second is not loaded with 64 clients: the
# server would still be answering them minutes after wrk stopped. The searches: one matching nothing,
# one matching a single ticket, 111 tickets, and 11,111 (more than the 10,000 the titles held in memory
# narrow to), a different single ticket on every request (bench/random-title.lua: nothing can be reused
# from the search before), and the unfiltered list for comparison. Environment: HEAP (default 1g).
# Needs curl, jq, wrk.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:?usage: bench/title-search.sh TICKETS BEFORE_REV}"
BEFORE="${2:?usage: bench/title-search.sh TICKETS BEFORE_REV}"
SECONDS_EACH="${SECONDS_EACH:-10}"
HEAP="${HEAP:-1g}"
ROUNDS="${ROUNDS:-2}"
prepare_builds "$TICKETS" "$BEFORE"
unset WARDEN_DATABASE_URL WARDEN_DATABASE_USER WARDEN_DATABASE_PASSWORD

data="$(mktemp -d)"
SERVER=""
cleanup() {
  [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

printf '\nmachine: %s cores, load average at start %s; snapshot %s apps, %s tickets (%s MB)\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$APPS" "$TICKETS" "$(du -m "$SNAPSHOT" | cut -f1)"
LOG="$data/import.log"
WARDEN_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -f '%e %M' -o "$data/import.time" \
  "$THIS/warden" import "$SNAPSHOT" --data "$data" > "$LOG" 2>&1 || { tail -20 "$LOG"; exit 1; }
read -r secs kb < "$data/import.time"
printf 'import with this build: %s s, peak RSS %s MiB, database file %s MiB\n\n' \
  "$secs" "$(( kb / 1024 ))" "$(du -m "$data/warden.mv.db" | cut -f1)"

row "round, build" "what" "one client p50 / p99" "64 clients: req/s, p99 (non-2xx)"
row "---" "---" "---" "---"
for round in $(seq "$ROUNDS"); do
  for build in "before ($rev)=$tree" "this=$THIS"; do
    name="${build%%=*}"; ROOT="${build#*=}"
    log="$data/server-$round-${name%% *}.log"
    cp "$LOG" "$log"   # the import's start printed the administrator's password
    WARDEN_JAVA_OPTS="-Xmx$HEAP -Dwarden.jobs.enabled=false" start_server "$data" "$log"
    if [ -z "${CLIENT_ID:-}" ]; then
      LOG="$log" bootstrap_client '["tickets:read"]'
    fi
    if [ "$name" = this ]; then
      until grep -q "ticket titles" "$log"; do sleep 0.5; done
      row "$round, $name" "titles read in the background" \
        "$(grep -o 'Read [0-9]* ticket titles ([0-9]* characters) for the title search in [0-9]* ms' "$log")" ""
    fi
    for target in "tickets list, first page (no search)|$BASE/api/v1/tickets" \
                  "q=sql (matches nothing)|$BASE/api/v1/tickets?q=sql" \
                  "q=finding 123456 (1 ticket)|$BASE/api/v1/tickets?q=finding%20123456" \
                  "q=finding 9999 (111 tickets)|$BASE/api/v1/tickets?q=finding%209999" \
                  "q=finding 99 (11,111 tickets)|$BASE/api/v1/tickets?q=finding%2099" \
                  "q=finding N, N random (1 ticket each)|$BASE/api/v1/tickets|random"; do
      IFS='|' read -r what url script <<< "$target"
      refresh_token
      args=(-H "Authorization: Bearer $BEARER")
      [ -z "$script" ] || args+=(-s "$HERE/random-title.lua")
      read -r p50 p99 _ bad1 <<< "$(measure 1 "$url" "${args[@]}")"
      # wrk writes a second or more as "1.23s", and 0.00us when no request finished.
      if [[ "$p50" == *ms || ( "$p50" == *us && "$p50" != 0.00us ) ]]; then
        read -r _ cp99 rps bad64 <<< "$(measure 64 "$url" "${args[@]}")"
        row "$round, $name" "$what" "$p50 / $p99" "$rps, $cp99 ($(( bad1 + bad64 )))"
      else
        if [ "$p50" = 0.00us ]; then p50="none finished in $SECONDS_EACH s"; p99="–"; fi
        row "$round, $name" "$what" "$p50 / $p99" "not loaded: one client's p50 over 1 s ($bad1)"
      fi
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    SERVER=""
  done
done
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
