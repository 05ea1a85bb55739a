# Shared by the server benchmarks (source it): start `./warden start` on a scratch folder, sign in as
# the bootstrap administrator (changing the first password, as a person must), register an API client,
# and call the API with its token. Needs curl and jq.
#   start_server DATA LOG      starts the server in the background; SERVER holds its pid
#   bootstrap_client SCOPES    sets BEARER: a token of a new client with these scopes (JSON array), and
#                              CONSOLE_JAR: a curl cookie jar signed in to the console as the administrator
#   api ARGS...                curl with the token
#   measure CLIENTS URL ARGS   wrk for SECONDS_EACH seconds: "p50 p99 req/s failures"
#   row CELLS...               one row of a Markdown table
#   measure_row BUILD "WHAT|URL|AUTH" COOKIE
#                              one client, then 64, on URL (AUTH: cookie, bearer or none), as a row
#   prepare_builds TICKETS BEFORE_REV
#                              sets APPS, SNAPSHOT (generated if missing), THIS, and rev and tree: the
#                              build at BEFORE_REV in a scratch worktree; builds both outside measurements
PORT="${PORT:-18087}"
BASE="http://127.0.0.1:$PORT"

start_server() {
  local data="$1" log="$2"
  "$ROOT/warden" start --port "$PORT" --data "$data" >> "$log" 2>&1 &
  SERVER=$!
  until curl -sf "$BASE/actuator/health" >/dev/null; do
    sleep 0.5
    kill -0 "$SERVER" 2>/dev/null || { tail -50 "$log" >&2; return 1; }
  done
}

bootstrap_client() {
  local scopes="$1" jar password new token client id secret
  jar="$(mktemp)"
  password=$(grep -o 'password: [^ ]*' "$LOG" | head -1 | cut -d' ' -f2)
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/login" | _csrf)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "username=admin" --data-urlencode "password=$password" \
    --data-urlencode "_csrf=$token" "$BASE/login"
  new="bench-$(date +%s%N)-password"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/password" | _csrf)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "currentPassword=$password" \
    --data-urlencode "newPassword=$new" --data-urlencode "repeatPassword=$new" --data-urlencode "_csrf=$token" \
    "$BASE/account/password"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/password" | _csrf)
  client=$(curl -s -c "$jar" -b "$jar" -H "X-CSRF-TOKEN: $token" -H 'Content-Type: application/json' \
    -d "{\"name\": \"bench\", \"scopes\": $scopes}" "$BASE/api/v1/clients")
  CONSOLE_JAR="$jar"
  CLIENT_ID=$(echo "$client" | jq -r .client.clientId)
  CLIENT_SECRET=$(echo "$client" | jq -r .clientSecret)
  refresh_token
}

# Tokens live ten minutes; a long run asks again.
refresh_token() {
  BEARER=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$BASE/oauth2/token" | jq -r .access_token)
}

_csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

api() { curl -s -H "Authorization: Bearer $BEARER" "$@"; }

# A partner "bench" and its app com.bench.app with a Data Center listing.
bench_app() {
  api -H 'Content-Type: application/json' -o /dev/null -d '{"id": "bench", "name": "Bench", "tier": "SILVER",
    "securityContacts": [{"name": "Sec", "email": "sec@bench.example", "ecosystemAccount": true}]}' "$BASE/api/v1/partners"
  api -H 'Content-Type: application/json' -o /dev/null -d '{"key": "com.bench.app", "name": "Bench", "partner": "bench",
    "listings": [{"hosting": "DATA_CENTER", "state": "LISTED", "paid": true, "installs": 1}]}' "$BASE/api/v1/apps"
}

# wrk's figures for one URL: "p50 p99 req/s non2xx" (latencies as wrk prints them; non-2xx answers and
# requests wrk gave up on after 30 s added up).
measure() {
  local clients="$1" url="$2"; shift 2
  local out p50 p99 rps bad timeouts
  out=$(wrk -t "$(( clients > 1 ? 2 : 1 ))" -c "$clients" -d "${SECONDS_EACH:-10}s" --timeout 30s --latency "$@" "$url")
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$out" | awk '/^Requests\/sec/ {printf "%.0f", $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  timeouts=$(echo "$out" | awk '/Socket errors/ {print $NF}')
  echo "$p50 $p99 $rps $(( ${bad:-0} + ${timeouts:-0} ))"
}

row() { printf '| %s | %s | %s | %s |\n' "$@"; }

# One client's latency, then 64 clients' throughput, on one page or endpoint, as a table row.
measure_row() {
  local build="$1" target="$2" cookie="$3" what url auth p50 p99 cp99 rps bad1 bad64 header
  IFS='|' read -r what url auth <<< "$target"
  refresh_token
  case "$auth" in
    cookie) header=(-H "Cookie: $cookie") ;;
    bearer) header=(-H "Authorization: Bearer $BEARER") ;;
    *) header=() ;;
  esac
  read -r p50 p99 _ bad1 <<< "$(measure 1 "$url" ${header[@]+"${header[@]}"})"
  read -r _ cp99 rps bad64 <<< "$(measure 64 "$url" ${header[@]+"${header[@]}"})"
  row "$build" "$what" "$p50 / $p99" "$rps, $cp99 ($(( bad1 + bad64 )))"
}

# The generated marketplace and the two builds a side-by-side run needs (HERE: the bench folder).
prepare_builds() {
  local tickets="$1" before="$2" out="$HERE/out" tool
  APPS=$(( tickets / 100 > 10 ? tickets / 100 : 10 ))
  SNAPSHOT="$out/snapshot-$APPS-$tickets.json"
  THIS="$(cd "$HERE/.." && pwd)"
  mkdir -p "$out"
  for tool in curl jq wrk psql; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
  if [ ! -f "$HERE/target/warden-bench.jar" ]; then
    (cd "$THIS" && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
  fi
  [ -f "$SNAPSHOT" ] || java -cp "$HERE/target/warden-bench.jar" dev.warden.bench.GenerateSnapshot "$APPS" "$tickets" "$SNAPSHOT"
  rev=$(git -C "$THIS" rev-parse --short "$before")
  tree="$out/before-$rev"
  [ -d "$tree" ] || git -C "$THIS" worktree add --detach "$tree" "$rev" >/dev/null
  "$tree/warden" --version >/dev/null 2>&1 || true   # builds outside the measurement
  "$THIS/warden" --version >/dev/null 2>&1 || true
}
