#!/usr/bin/env bash
# Benchmark for issue 21: the breach job catching up after a large import, for the build before a change
# and this build, on two copies of the same data (PostgreSQL, or the embedded H2 file), in one run.
#
#   bench/breach-catchup.sh TICKETS BEFORE_REV
#
# Imports a generated marketplace (TICKETS tickets over TICKETS/100 apps; about a third are open and past
# due, their breaches not yet recorded) with the build at BEFORE_REV into a scratch PostgreSQL database
# (DB=h2: an embedded H2 file), and copies it twice. Then for each build in turn, on its own copy: starts
# it with a full compliance evaluation due at once, waits for it to finish, and from then on for WINDOW
# seconds counts the breaches the breach job records, while wrk loads the console home page and the
# tickets list with one client (latency p50 / p99). Prints both builds' figures side by side. wrk, the
# server and the database share this machine's cores.
# Environment: DB (postgresql, the default, or h2), WINDOW (default 300), HEAP (default 2g), KEEP_DATABASE
# (1: leave the PostgreSQL databases and print their names). Needs curl, jq, wrk, psql; PostgreSQL on
# 127.0.0.1 as user postgres; for H2, H2's jar in the local Maven repository (the build puts it there).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:?usage: bench/breach-catchup.sh TICKETS BEFORE_REV}"
BEFORE="${2:?usage: bench/breach-catchup.sh TICKETS BEFORE_REV}"
WINDOW="${WINDOW:-300}"
DB_KIND="${DB:-postgresql}"
HEAP="${HEAP:-2g}"
prepare_builds "$TICKETS" "$BEFORE"

data="$(mktemp -d)"
run="$(date +%s%N | tail -c 9)"
base="catchup_${run}"
[ "$DB_KIND" = h2 ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $base" >/dev/null
SERVER=""
cleanup() {
  [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true
  wait 2>/dev/null || true
  for db in "$base" "${base}_before" "${base}_this"; do
    if [ "$DB_KIND" = h2 ]; then
      :
    elif [ "${KEEP_DATABASE:-}" = 1 ]; then
      echo "database kept: $db"
    else
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db with (force)" >/dev/null || true
    fi
  done
  rm -rf "$data"
}
trap cleanup EXIT
H2_JAR=$(ls "$HOME"/.m2/repository/com/h2database/h2/*/h2-*.jar 2>/dev/null | sort -V | tail -1 || true)
# use NAME: the database the next commands and servers use; DIR is the server's data folder (on H2, the
# database's own: NAME under $data).
use() {
  DB="$1"
  if [ "$DB_KIND" = h2 ]; then
    unset WARDEN_DATABASE_URL WARDEN_DATABASE_USER WARDEN_DATABASE_PASSWORD
    DIR="$data/$1"; mkdir -p "$DIR"
  else
    export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$1" WARDEN_DATABASE_USER=postgres WARDEN_DATABASE_PASSWORD=
    DIR="$data"
  fi
}
# One value from SQL; on H2 through the running server (AUTO_SERVER), or the file when none runs.
sql() {
  if [ "$DB_KIND" = h2 ]; then
    java -cp "$H2_JAR" org.h2.tools.Shell -user sa -sql "$1" \
      -url "jdbc:h2:file:$DIR/warden;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE" \
      | sed -n 2p | tr -d ' '
  else
    psql -q -At -h 127.0.0.1 -U postgres -d "$DB" -c "$1"
  fi
}
breaches() { sql "select count(*) from tickets where breached_at is not null"; }

printf '\nmachine: %s cores, %s, load average at start %s; snapshot %s apps, %s tickets (%s MB); before: %s\n\n' \
  "$(nproc)" "$DB_KIND" "$(cut -d' ' -f1-3 /proc/loadavg)" "$APPS" "$TICKETS" "$(du -mL "$SNAPSHOT" | cut -f1)" "$rev"
LOG="$data/import.log"
use "$base"
WARDEN_JAVA_OPTS="-Xmx1g" "$tree/warden" import "$SNAPSHOT" --data "$DIR" > "$LOG" 2>&1 || { tail -20 "$LOG"; exit 1; }
printf 'imported by the build before; open past due, breach not recorded: %s\n\n' \
  "$(sql "select count(*) from tickets where breached_at is null and open_due_at < now()")"
for copy in before this; do
  if [ "$DB_KIND" = h2 ]; then
    cp -r "$data/$base" "$data/${base}_$copy"
  else
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database ${base}_$copy template $base" >/dev/null
  fi
done

row "build" "what" "figure" "detail"
row "---" "---" "---" "---"
for build in "before ($rev)=$tree=before" "this=$THIS=this"; do
  name="${build%%=*}"; rest="${build#*=}"; ROOT="${rest%=*}"; copy="${rest##*=}"
  use "${base}_$copy"
  sql "delete from scheduled_tasks where task_name = 'compliance-evaluation'" >/dev/null 2>&1 || true
  : > "$data/$copy.log"
  WARDEN_JAVA_OPTS="-Xmx$HEAP" start_server "$DIR" "$data/$copy.log"
  until grep -q "compliance evaluation in" "$data/$copy.log"; do sleep 1; done
  took=$(grep -o 'compliance evaluation in [0-9]* ms' "$data/$copy.log" | head -1 | grep -o '[0-9]*')
  row "$name" "first full evaluation after start" "$took ms" ""
  start=$(date +%s); first=$(breaches)
  LOG="$data/import.log" bootstrap_client '["catalog:read", "tickets:read"]'
  cookie=$(awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7} /^#HttpOnly_/ {printf "%s=%s; ", $6, $7}' "$CONSOLE_JAR")
  SECONDS_EACH=$(( WINDOW / 3 ))
  read -r p50 p99 _ bad <<< "$(measure 1 "$BASE/" -H "Cookie: $cookie")"
  row "$name" "console home page, one client, during the catch-up" "$p50 / $p99" "non-2xx: $bad"
  refresh_token
  read -r p50 p99 _ bad <<< "$(measure 1 "$BASE/api/v1/tickets" -H "Authorization: Bearer $BEARER")"
  row "$name" "tickets list, one client, during the catch-up" "$p50 / $p99" "non-2xx: $bad"
  while [ $(( $(date +%s) - start )) -lt "$WINDOW" ]; do sleep 1; done
  last=$(breaches)
  row "$name" "breaches recorded in the ${WINDOW} s after the evaluation" "$(( last - first ))" \
    "$(( (last - first) * 60 / WINDOW )) a minute; $(grep -c 'recorded [0-9]* ticket breach' "$data/$copy.log") runs logged since start"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  LOG="$data/import.log"
done
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
