#!/usr/bin/env bash
# Benchmark for issue 21: `./warden import` of a generated marketplace (TICKETS tickets over TICKETS/100
# apps), for the build before a change and this build, one after the other in one run, each into an
# empty database: for a change that adds to what an import writes (an index, a column).
#
#   bench/import.sh TICKETS BEFORE_REV
#
# Prints, per build and database: the import's wall time and peak RSS, and the size the database holds
# after it (PostgreSQL: the database, and the audit trail's table with its indexes; H2: the file).
# Environment: DBS (default "postgresql"; "h2 postgresql" for both), HEAP (default 1g). Needs curl, jq,
# wrk (checked by the shared setup), psql; PostgreSQL on 127.0.0.1 as user postgres.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=server-lib.sh
source "$HERE/server-lib.sh"
TICKETS="${1:?usage: bench/import.sh TICKETS BEFORE_REV}"
BEFORE="${2:?usage: bench/import.sh TICKETS BEFORE_REV}"
DBS="${DBS:-postgresql}"
HEAP="${HEAP:-1g}"
prepare_builds "$TICKETS" "$BEFORE"

data="$(mktemp -d)"
pg=""
cleanup() {
  [ -z "$pg" ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $pg with (force)" >/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
mib() { echo "$(( $1 / 1048576 ))"; }

printf '\nmachine: %s cores, load average at start %s; snapshot %s apps, %s tickets (%s MB); before: %s\n\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$APPS" "$TICKETS" "$(du -m "$SNAPSHOT" | cut -f1)" "$rev"
row "build" "database" "\`./warden import\` (-Xmx$HEAP): wall time, peak RSS" "size after"
row "---" "---" "---" "---"
for db in $DBS; do
  for build in "before ($rev)=$tree" "this=$THIS"; do
    name="${build%%=*}"; root="${build#*=}"
    rm -rf "$data"; mkdir -p "$data"
    if [ "$db" = postgresql ]; then
      pg="bench_$(date +%s%N | tail -c 9)"
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $pg" >/dev/null
      export WARDEN_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$pg" WARDEN_DATABASE_USER=postgres \
        WARDEN_DATABASE_PASSWORD=
    else
      unset WARDEN_DATABASE_URL WARDEN_DATABASE_USER WARDEN_DATABASE_PASSWORD
    fi
    WARDEN_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -f '%e %M' -o "$data.time" \
      "$root/warden" import "$SNAPSHOT" --data "$data" > "$data.log" 2>&1 || { tail -20 "$data.log"; exit 1; }
    read -r secs kb < "$data.time"
    if [ "$db" = postgresql ]; then
      size=$(psql -At -h 127.0.0.1 -U postgres -d "$pg" -c "select pg_database_size(current_database()),
        pg_total_relation_size('audit_log'), pg_indexes_size('audit_log')" | tr '|' ' ')
      read -r whole audit indexes <<< "$size"
      after="database $(mib "$whole") MiB; audit_log $(mib "$audit") MiB, of which indexes $(mib "$indexes") MiB"
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database $pg with (force)" >/dev/null
      pg=""
    else
      after="file $(mib "$(du -cb "$data"/*.mv.db | tail -1 | cut -f1)") MiB"
    fi
    row "$name" "$db" "${secs} s, $(( kb / 1024 )) MiB" "$after"
  done
done
rm -f "$data.time" "$data.log"
printf '\nload average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
