#!/usr/bin/env bash
# Issue 17: `kill -9` of the server in the middle of a scan, and a restart. The scan must complete once:
# one finished scan, each finding and each ticket once, the same findings as `warden scan` on the file.
#   bench/scan-kill.sh                (uses bench/corpus/corpus.zip from bench/server-scan.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=server-lib.sh
. "$ROOT/bench/server-lib.sh"
ZIP="$ROOT/bench/corpus/corpus.zip"
[ -f "$ZIP" ] || { echo "run bench/server-scan.sh first: it builds $ZIP" >&2; exit 2; }
OUT="$ROOT/bench/out" && mkdir -p "$OUT"
DATA=$(mktemp -d)
LOG="$OUT/scan-kill.log" && : > "$LOG"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
# Planted so that the corpus certainly holds findings that open tickets.
ARTIFACT="$DATA/app.zip"
cp "$ZIP" "$ARTIFACT"
printf 'client_secret=%s\n' "$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)" > "$DATA/oauth.properties"
(cd "$DATA" && zip -q "$ARTIFACT" oauth.properties)
"$ROOT/warden" scan "$ARTIFACT" --quiet --format json -o "$OUT/scan-kill-cli.json" || true

export WARDEN_SCANNING_STALE_AFTER=10s WARDEN_SCANNING_THREADS=1 WARDEN_SCANNING_POLL_INTERVAL=2s
export WARDEN_SCANNING_MAX_ARTIFACT_SIZE=2GB SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE=2GB \
  SPRING_SERVLET_MULTIPART_MAX_REQUEST_SIZE=2GB WARDEN_JOBS_POLLING_INTERVAL=2s
start_server "$DATA/server" "$LOG"
bootstrap_client '["catalog:read", "catalog:write", "tickets:read", "artifacts:upload"]'
bench_app
URL="$BASE/api/v1/apps/com.bench.app/versions/$(api -F version=1.0.0 -F "file=@$ARTIFACT" \
  "$BASE/api/v1/apps/com.bench.app/versions" | jq -r .id)"
until [ "$(api "$URL" | jq -r '.scan.status')" = RUNNING ] && [ "$(api "$URL" | jq -r '.scan.filesDone')" -gt 1000 ]; do
  sleep 0.2
done
echo "$(date -u +%T) scan running: $(api "$URL" | jq -c '.scan | {id, status, attempts, filesDone, bytesDone}')"
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null || true
echo "$(date -u +%T) server killed with kill -9"

start_server "$DATA/server" "$LOG"
echo "$(date -u +%T) server started again"
refresh_token
while true; do
  status=$(api "$URL" | jq -r .scan.status)
  [ "$status" = FINISHED ] || [ "$status" = FAILED ] && break
  sleep 1
done
echo "$(date -u +%T) scan ended: $(api "$URL" | jq -c '.scan | {id, status, attempts, filesDone, failure}')"
echo "scans of the artifact: $(api "$BASE/api/v1/scans" | jq -c '[.items[] | {id, status, attempts}]')"
found=$(api "$URL/findings" | jq '.findings | length')
distinct=$(api "$URL/findings" | jq '[.findings[] | .finding] | unique | length')
followed=$(api "$BASE/api/v1/apps/com.bench.app/scan-findings" | jq length)
tickets=$(api "$BASE/api/v1/tickets?app=com.bench.app&size=500" | jq .totalItems)
ticket_keys=$(api "$BASE/api/v1/apps/com.bench.app/scan-findings" | jq '[.[] | .ticket | select(. != null)] | length')
echo "findings recorded: $found (warden scan on the same file: $(jq '.findings | length' "$OUT/scan-kill-cli.json"));" \
  "distinct findings: $distinct, followed: $followed; tickets: $tickets, findings with a ticket: $ticket_keys"
