#!/usr/bin/env bash
# Benchmark for issue 18: outbox throughput for webhooks, signed events delivered per second to a
# receiver on loopback.
#   bench/webhooks.sh [TICKETS] [ENDPOINTS]     (default 50 tickets x 20 endpoints = 1,000 events)
# The server runs as a user starts it (./warden start, H2 in a scratch folder), with private addresses
# allowed (the receiver, bench/webhook-sink.py, is on loopback). Each endpoint subscribes to
# ticket.assigned; reporting a ticket queues one signed event per endpoint in the ticket's transaction.
# The time measured is from the first report to the last event answered by the receiver.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=server-lib.sh
. "$ROOT/bench/server-lib.sh"
TICKETS="${1:-50}"
ENDPOINTS="${2:-20}"
OUT="$ROOT/bench/out" && mkdir -p "$OUT"
DATA=$(mktemp -d)
LOG="$OUT/webhooks.log" && : > "$LOG"
SINK_PORT="${SINK_PORT:-18090}"
COUNT="$DATA/count" && echo 0 > "$COUNT"
delivered() { local c; c=$(cat "$COUNT" 2>/dev/null || true); echo "${c:-0}"; }
python3 "$ROOT/bench/webhook-sink.py" "$SINK_PORT" "$COUNT" &
SINK=$!
trap 'kill "$SERVER" "$SINK" 2>/dev/null || true; rm -rf "$DATA"' EXIT

export WARDEN_OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true
start_server "$DATA/server" "$LOG"
bootstrap_client '["catalog:read", "catalog:write", "tickets:read", "tickets:report", "audit:read", "webhooks:manage"]'
api -H 'Content-Type: application/json' -o /dev/null -d '{"id": "bench", "name": "Bench", "tier": "SILVER", "securityContacts": []}' "$BASE/api/v1/partners"
api -H 'Content-Type: application/json' -o /dev/null -d '{"key": "com.bench.app", "name": "Bench", "partner": "bench",
  "listings": [{"hosting": "CLOUD", "state": "LISTED", "paid": true, "installs": 1}]}' "$BASE/api/v1/apps"
for i in $(seq 1 "$ENDPOINTS"); do
  api -H 'Content-Type: application/json' -o /dev/null -d "{\"url\": \"http://127.0.0.1:$SINK_PORT/hook/$i\",
    \"events\": [\"ticket.assigned\"]}" "$BASE/api/v1/webhooks"
done

TOTAL=$(( TICKETS * ENDPOINTS ))
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
echo "$TICKETS tickets x $ENDPOINTS webhook endpoints = $TOTAL signed events; $(nproc) cores; $(date -u +%Y-%m-%d)."
echo
echo "| what | time | events per second |"
echo "|---|---|---|"
echo "| reporting the tickets (one API call each; their events queued in the same transactions) | $(ms "$start" "$reported") ms | |"
echo "| first report to the last event answered by the receiver | $(ms "$start" "$done_at") ms | $(awk -v n="$TOTAL" -v t="$(ms "$start" "$done_at")" 'BEGIN {printf "%.0f", n / (t / 1000)}') |"
echo "| after the last report, until the last event (delivery catching up; $(( before_last )) already delivered then) | $(ms "$reported" "$done_at") ms | |"
echo
echo "Outbox rows SENT: $sent of $TOTAL; requests the receiver counted: $(delivered)."
