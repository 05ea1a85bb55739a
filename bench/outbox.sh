#!/usr/bin/env bash
# Benchmark for issue 18: outbox throughput, mails delivered per second to an SMTP receiver on loopback.
#   bench/outbox.sh [TICKETS] [CONTACTS]     (default 50 tickets x 20 security contacts = 1,000 mails)
# The server runs as a user starts it (./warden start, H2 in a scratch folder) with spring.mail.host
# pointing at bench/smtp-sink.py, a minimal SMTP receiver that only counts. Reporting the tickets queues
# one mail per contact each (in the tickets' transactions); the time measured is from the first report
# to the last mail accepted by the receiver (delivery runs while the reports come in).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=server-lib.sh
. "$ROOT/bench/server-lib.sh"
TICKETS="${1:-50}"
CONTACTS="${2:-20}"
OUT="$ROOT/bench/out" && mkdir -p "$OUT"
DATA=$(mktemp -d)
LOG="$OUT/outbox.log" && : > "$LOG"
SMTP_PORT="${SMTP_PORT:-18025}"
COUNT="$DATA/count" && echo 0 > "$COUNT"
delivered() { local c; c=$(cat "$COUNT" 2>/dev/null || true); echo "${c:-0}"; }
python3 "$ROOT/bench/smtp-sink.py" "$SMTP_PORT" "$COUNT" &
SINK=$!
trap 'kill "$SERVER" "$SINK" 2>/dev/null || true; rm -rf "$DATA"' EXIT

export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT
start_server "$DATA/server" "$LOG"
bootstrap_client '["catalog:read", "catalog:write", "tickets:read", "tickets:report", "audit:read"]'
contacts=$(for i in $(seq 1 "$CONTACTS"); do printf '{"name": "C%d", "email": "c%d@bench.example", "ecosystemAccount": true}' "$i" "$i"; if [ "$i" -lt "$CONTACTS" ]; then printf ', '; fi; done)
api -H 'Content-Type: application/json' -o /dev/null -d "{\"id\": \"bench\", \"name\": \"Bench\", \"tier\": \"SILVER\", \"securityContacts\": [$contacts]}" "$BASE/api/v1/partners"
api -H 'Content-Type: application/json' -o /dev/null -d '{"key": "com.bench.app", "name": "Bench", "partner": "bench",
  "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 1}]}' "$BASE/api/v1/apps"

TOTAL=$(( TICKETS * CONTACTS ))
start=$(date +%s%N)
for i in $(seq 1 "$TICKETS"); do
  api -H 'Content-Type: application/json' -o /dev/null -d "{\"type\": \"SECURITY\", \"app\": \"com.bench.app\",
    \"hosting\": \"CLOUD\", \"title\": \"Finding $i\", \"score\": 6.5}" "$BASE/api/v1/tickets"
done
reported=$(date +%s%N)
before_last=$(delivered)
until [ "$(delivered)" -ge "$TOTAL" ]; do sleep 0.05; done
done_at=$(date +%s%N)
sent=$(api "$BASE/api/v1/outbox?status=SENT&size=1" | jq .totalItems)
ms() { echo $(( ($2 - $1) / 1000000 )); }
echo "$TICKETS tickets x $CONTACTS security contacts = $TOTAL mails; $(nproc) cores; $(date -u +%Y-%m-%d)."
echo
echo "| what | time | mails per second |"
echo "|---|---|---|"
echo "| reporting the tickets (one API call each; their mails queued in the same transactions) | $(ms "$start" "$reported") ms | |"
echo "| first report to the last mail accepted by the receiver | $(ms "$start" "$done_at") ms | $(awk -v n="$TOTAL" -v t="$(ms "$start" "$done_at")" 'BEGIN {printf "%.0f", n / (t / 1000)}') |"
echo "| after the last report, until the last mail (delivery catching up; $(( before_last )) already delivered then) | $(ms "$reported" "$done_at") ms | |"
echo
echo "Outbox rows SENT: $sent of $TOTAL; mails the receiver counted: $(delivered)."
