#!/usr/bin/env bash
# Benchmark for issue 21: the tickets' metrics counted as three queries (by status and severity, overdue,
# breached: three scans of the tickets table every refresh) against the one grouped query that replaced
# them, side by side in one run, on ROWS tickets in a scratch PostgreSQL table shaped as the tickets
# table's columns and indexes that these queries touch (row padding as wide as a ticket row).
#
#   bench/metrics-counts.sh [ROWS] [RUNS]
#
# Prints each run's time in milliseconds (psql's start included, the same for both) and the median.
# Needs psql; PostgreSQL on 127.0.0.1 as user postgres.
set -euo pipefail
ROWS="${1:-1000000}"
RUNS="${2:-7}"
db="bench_metrics_$(date +%s%N | tail -c 9)"
q() { psql -q -X -h 127.0.0.1 -U postgres "$@"; }
q -d postgres -c "create database $db" >/dev/null
trap 'q -d postgres -c "drop database if exists $db with (force)" >/dev/null' EXIT
q -d "$db" <<SQL
create table tickets (project varchar(20), number bigint, status varchar(30), severity varchar(10),
    open_due_at timestamptz, breached_at timestamptz, pad varchar(400));
insert into tickets
select 'AMS', g,
  (array['NEEDS_TRIAGE','NEEDS_SECURITY_REVIEW','NEEDS_PATCH','EXTENSION_REQUESTED','WAITING_FOR_RELEASE',
         'PATCHED','DUPLICATE','NOT_APPLICABLE'])[1 + (g::bigint * 7919) % 8],
  (array['CRITICAL','HIGH','MEDIUM','LOW'])[1 + (g::bigint * 104729) % 4],
  case when (g::bigint * 7919) % 8 < 5 then now() - interval '400 days' + (g % 800) * interval '1 day' end,
  case when g % 10 = 0 then now() - interval '10 days' end,
  repeat('x', 200)
from generate_series(1, $ROWS) g;
create index tickets_open_due on tickets (open_due_at, project, number);
create index tickets_status on tickets (status);
vacuum analyze tickets;
SQL
three="select status, severity, count(*) from tickets group by status, severity;
select severity, count(*) from tickets where open_due_at < now() group by severity;
select severity, count(*) from tickets where breached_at is not null group by severity;"
one="select status, severity, count(*), sum(case when open_due_at < now() then 1 else 0 end),
    sum(case when breached_at is not null then 1 else 0 end) from tickets group by status, severity;"
time_ms() { local s e; s=$(date +%s%N); q -d "$db" -c "$1" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms "$three" >/dev/null; time_ms "$one" >/dev/null   # warm the cache for both
a=""; b=""
for _ in $(seq "$RUNS"); do a="$a $(time_ms "$three")"; b="$b $(time_ms "$one")"; done
echo "rows $ROWS, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "three queries (before):  $a  median $(echo "$a" | median) ms"
echo "one query (this build):  $b  median $(echo "$b" | median) ms"
