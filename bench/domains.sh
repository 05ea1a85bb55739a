#!/usr/bin/env bash
# Benchmark for issue 19: redirect-URI hosts and registrable domains checked per minute, against real
# servers on loopback: Debian's dnsmasq as the DNS server (installed when missing) and
# bench/domain-servers.py as the RDAP registry and the hosted service whose pages are fetched.
#   bench/domains.sh [APPS] [PER_HOST_INTERVAL]      (default 100 apps, 2s: the shipped rate limit)
# Each app has 3 redirect URIs on its own domain benchN.com: login (an A record), files (a CNAME into an
# S3 bucket, whose page is fetched; every other one serves "bucket does not exist": a takeover, which
# opens a ticket), gone (NXDOMAIN). That is 3 hosts per app and one registrable domain per app. Every
# URI is https, so each host that resolves also gets its endpoint checked (nothing listens on 443 here:
# refused at once). The server runs as a user starts it (./warden start, H2), with a one-second poll and
# a batch large enough for one round. Measured: from the last app created until every host, then every
# registration, has been checked (the round checks hosts first, then registrations).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=server-lib.sh
. "$ROOT/bench/server-lib.sh"
APPS="${1:-100}"
INTERVAL="${2:-2s}"
OUT="$ROOT/bench/out" && mkdir -p "$OUT"
DATA=$(mktemp -d)
LOG="$OUT/domains.log" && : > "$LOG"
DNS_PORT="${DNS_PORT:-15353}"
WEB_PORT="${WEB_PORT:-18091}"
command -v dnsmasq >/dev/null || { apt-get install -y -qq dnsmasq >/dev/null; }

CONF="$DATA/dnsmasq.conf"
{
  echo "local=/com/"
  for i in $(seq 1 "$APPS"); do
    echo "host-record=login.bench$i.com,127.0.0.1"
    if (( i % 2 )); then bucket="gone$i"; else bucket="bucket$i"; fi
    echo "host-record=$bucket.s3.amazonaws.com,127.0.0.1"
    echo "cname=files.bench$i.com,$bucket.s3.amazonaws.com"
  done
} > "$CONF"
dnsmasq --keep-in-foreground --port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces --no-resolv \
  --no-hosts --conf-file="$CONF" --user=root --pid-file="$DATA/dnsmasq.pid" &
DNS=$!
python3 "$ROOT/bench/domain-servers.py" "$WEB_PORT" &
WEB=$!
trap 'kill "$SERVER" "$DNS" "$WEB" 2>/dev/null || true; rm -rf "$DATA"' EXIT

export WARDEN_OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true
export WARDEN_DOMAINS_DNS_SERVERS="127.0.0.1:$DNS_PORT"
export WARDEN_DOMAINS_HTTP_PORT="$WEB_PORT"
export WARDEN_DOMAINS_RDAP_BOOTSTRAP="http://127.0.0.1:$WEB_PORT/bootstrap/dns.json"
export WARDEN_DOMAINS_POLL_INTERVAL=1s
export WARDEN_DOMAINS_BATCH_SIZE=1000
export WARDEN_DOMAINS_PER_HOST_INTERVAL="$INTERVAL"
start_server "$DATA/server" "$LOG"
bootstrap_client '["catalog:read", "catalog:write", "tickets:read"]'
api -H 'Content-Type: application/json' -o /dev/null -d '{"id": "bench", "name": "Bench", "tier": "SILVER",
  "securityContacts": [{"name": "Sec", "email": "sec@bench.example", "ecosystemAccount": true}]}' "$BASE/api/v1/partners"
for i in $(seq 1 "$APPS"); do
  api -H 'Content-Type: application/json' -o /dev/null -d "{\"key\": \"com.bench.app$i\", \"name\": \"Bench $i\",
    \"partner\": \"bench\", \"listings\": [{\"hosting\": \"CLOUD\", \"state\": \"LISTED\", \"paid\": true, \"installs\": 1}],
    \"oauthClients\": [{\"clientId\": \"bench-client-$i\", \"redirectUris\": [\"https://login.bench$i.com/cb\",
      \"https://files.bench$i.com/cb\", \"https://gone.bench$i.com/cb\"]}]}" "$BASE/api/v1/apps"
done
start=$(date +%s%N)
HOSTS=$(( APPS * 3 ))
DOMAINS=$APPS
unchecked() { api "$BASE/api/v1/$1?size=500" | jq '[.items[] | select(.checkedAt == null)] | length'; }
total() { api "$BASE/api/v1/$1?size=1" | jq .totalItems; }
until [ "$(total domains)" -ge "$HOSTS" ] && [ "$(unchecked domains)" -eq 0 ]; do sleep 0.5; done
hosts_done=$(date +%s%N)
until [ "$(total domains/registrations)" -ge "$DOMAINS" ] && [ "$(unchecked domains/registrations)" -eq 0 ]; do
  sleep 0.5
done
domains_done=$(date +%s%N)
failing=$(api "$BASE/api/v1/domains?failing=true&size=1" | jq .totalItems)
tickets=$(api "$BASE/api/v1/tickets?size=1" | jq .totalItems)
ms() { echo $(( ($2 - $1) / 1000000 )); }
per_min() { awk -v n="$1" -v t="$2" 'BEGIN {printf "%.0f", n / (t / 60000)}'; }
h=$(ms "$start" "$hosts_done"); d=$(ms "$start" "$domains_done")
echo "$APPS apps: $HOSTS hosts and $DOMAINS registrable domains; per-host interval $INTERVAL; $(nproc) cores; $(date -u +%Y-%m-%d)."
echo
echo "| what | time | per minute |"
echo "|---|---|---|"
echo "| every host checked (DNS with CNAME chains, $(( APPS / 2 )) service pages fetched) | $h ms | $(per_min "$HOSTS" "$h") hosts |"
echo "| every registration checked (RDAP, one registry on one host) | $d ms | $(per_min "$DOMAINS" "$d") domains |"
echo
echo "Failing hosts found: $failing (expected $(( (APPS + 1) / 2 ))); SCANNER tickets opened: $tickets."
