#!/usr/bin/env bash
# Benchmark for issue 17: the server's scan of an uploaded artifact against `warden scan` on the same
# file, in one run, and the time from an upload to its ticket.
#   bench/server-scan.sh [RUNS]     (default 3)
#   JAR_MB=200 NPM_MB=50 bench/server-scan.sh 3
# The artifact is the corpus of bench/scan.sh (JARs from the local Maven repository and npm packages,
# extracted), zipped into one file: bench/corpus/corpus.zip. Both sides use every core. The server runs
# as a user would start it (./warden start, H2 in a scratch folder); this script signs in as the
# bootstrap administrator, registers an API client and talks to the API with curl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=server-lib.sh
. "$ROOT/bench/server-lib.sh"
RUNS="${1:-3}"
CORPUS="$ROOT/bench/corpus"
OUT="$ROOT/bench/out"
CORES=$(nproc)
mkdir -p "$OUT"
for tool in curl jq zip; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done

CORPUS_ONLY=1 JAR_MB="${JAR_MB:-200}" NPM_MB="${NPM_MB:-50}" "$ROOT/bench/scan.sh" >/dev/null
ZIP="$CORPUS/corpus.zip"
if [ ! -f "$ZIP" ]; then
  (cd "$CORPUS/extracted" && zip -qr -1 "$ZIP" .)
  # A few findings planted among the real files, so that both sides have something to report.
  planted="$(mktemp -d)" && mkdir -p "$planted/planted/js"
  printf 'client_secret=%s\n' "$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)" \
    > "$planted/planted/oauth.properties"
  printf "const f = { label: 'Your Atlassian API token' };\nexport const auth = (email, apiToken) => 'Basic ' + btoa(email + ':' + apiToken);\n" \
    > "$planted/planted/js/settings.js"
  (cd "$planted" && zip -qr "$ZIP" planted) && rm -rf "$planted"
fi
ZIP_MB=$(du -m "$ZIP" | cut -f1)
"$ROOT/warden" --version >/dev/null   # builds the CLI outside the measurement

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

cli=()
for _ in $(seq 1 "$RUNS"); do
  cli+=("$(ms "$ROOT/warden" scan "$ZIP" --quiet --format json -o "$OUT/server-bench-cli.json")")
done
CLI_MS=$(median "${cli[@]}")
CLI_FOUND=$(jq '.summary.findings' "$OUT/server-bench-cli.json")
CLI_FILES=$(jq '.summary.files' "$OUT/server-bench-cli.json")

DATA=$(mktemp -d)
LOG="$OUT/server-bench.log" && : > "$LOG"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
export WARDEN_SCANNING_THREADS=$CORES WARDEN_SCANNING_MAX_ARTIFACT_SIZE=2GB WARDEN_SCANNING_TIME_LIMIT=30m \
  SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE=2GB SPRING_SERVLET_MULTIPART_MAX_REQUEST_SIZE=2GB
start_server "$DATA/server" "$LOG"
bootstrap_client '["catalog:read", "catalog:write", "tickets:read", "artifacts:upload"]'
bench_app

# An API instant (2026-12-01T06:07:01.123456Z) in milliseconds since the epoch.
epoch_ms() { local s="${1%Z}"; local frac="${s#*.}"; [ "$frac" = "$s" ] && frac=0
  echo $(( $(date -u -d "${s%.*}Z" +%s) * 1000 + 10#$(printf '%-3.3s' "$frac" | tr ' ' 0) )); }

# Uploads FILE as VERSION; waits for its scan; prints "wall-ms scan-ms findings files".
upload_and_wait() {
  local file="$1" version="$2" start url scan status
  start=$(date +%s%N)
  url="$BASE/api/v1/apps/com.bench.app/versions/$(api -F "version=$version" -F "file=@$file" \
    "$BASE/api/v1/apps/com.bench.app/versions" | jq -r .id)"
  while true; do
    scan=$(api "$url" | jq -c .scan)
    status=$(echo "$scan" | jq -r .status)
    [ "$status" = FINISHED ] && break
    [ "$status" = FAILED ] && { echo "scan failed: $scan" >&2; exit 1; }
    sleep 0.1
  done
  echo "$(( ($(date +%s%N) - start) / 1000000 )) $(( $(epoch_ms "$(echo "$scan" | jq -r .finishedAt)") - $(epoch_ms "$(echo "$scan" | jq -r .startedAt)") )) $(api "$url/findings" | jq '.findings | length') $(echo "$scan" | jq .filesDone)"
}

walls=(); scans=()
for i in $(seq 1 "$RUNS"); do
  # The same bytes are scanned once: each run uploads a copy that differs by one trailing entry.
  cp "$ZIP" "$DATA/corpus-$i.zip"
  (cd "$DATA" && echo "run $i" > "run-$i.txt" && zip -q "corpus-$i.zip" "run-$i.txt")
  refresh_token
  read -r wall scan found files < <(upload_and_wait "$DATA/corpus-$i.zip" "1.0.$i")
  walls+=("$wall"); scans+=("$scan")
done
SERVER_WALL=$(median "${walls[@]}")
SERVER_SCAN=$(median "${scans[@]}")

# Upload to ticket: a small JAR with a new client secret each time, until its ticket is listed.
tickets=()
for i in $(seq 1 "$(( RUNS * 3 ))"); do
  dir="$DATA/small-$i" && mkdir -p "$dir"
  printf 'client_secret=%s\n' "$(head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)" > "$dir/oauth.properties"
  (cd "$dir" && zip -q "app-2.0.$i.jar" oauth.properties)
  before=$(api "$BASE/api/v1/tickets?app=com.bench.app&size=1" | jq .totalItems)
  start=$(date +%s%N)
  api -o /dev/null -F "version=2.0.$i" -F "file=@$dir/app-2.0.$i.jar" "$BASE/api/v1/apps/com.bench.app/versions"
  until [ "$(api "$BASE/api/v1/tickets?app=com.bench.app&size=1" | jq .totalItems)" -gt "$before" ]; do sleep 0.02; done
  tickets+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
TICKET_MS=$(median "${tickets[@]}")

rate() { awk -v mb="$ZIP_MB" -v t="$1" 'BEGIN {printf "%.1f", mb / (t / 1000)}'; }
echo "Artifact: corpus.zip, $ZIP_MB MiB compressed ($(unzip -l "$ZIP" | tail -1 | awk '{printf "%d files, %.0f MiB", $2, $1 / 1048576}') inside); $CORES cores; $(date -u +%Y-%m-%d)."
echo
echo "| what | time (median of $RUNS) | throughput (compressed MiB/s) | findings |"
echo "|---|---|---|---|"
echo "| warden scan corpus.zip ($CORES threads, a new JVM each run; $CLI_FILES files read) | $CLI_MS ms | $(rate "$CLI_MS") | $CLI_FOUND |"
echo "| server: the scan itself (started to finished, $CORES threads; $files files read) | $SERVER_SCAN ms | $(rate "$SERVER_SCAN") | $found |"
echo "| server: upload, queue, scan and record (wall, from curl) | $SERVER_WALL ms | $(rate "$SERVER_WALL") | $found |"
echo
echo "Upload of a small JAR with a client secret to its SCANNER ticket being listed: median $TICKET_MS ms of $(( RUNS * 3 )) (each: ${tickets[*]} ms)."
