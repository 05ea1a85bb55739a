#!/usr/bin/env bash
# Benchmark for issue 7: `warden scan` against secretlint (recommended preset) and ripgrep searching
# for the rules' keywords, on the same extracted files, in one run.
#   bench/scan.sh [RUNS]      (default 3; secretlint runs once)
#   JAR_MB=850 NPM_MB=300 SKIP_SAMPLE=1 bench/scan.sh 3   (the 1 GiB run of issue 16, without secretlint)
# The corpus is built once under bench/corpus/ (not committed): JARs from the local Maven repository
# and npm package tarballs (npm pack), extracted, about JAR_MB + NPM_MB megabytes (default 100 + 100).
# secretlint reads a few hundred KB a second, too slow for the whole corpus in one sitting, so all
# three tools also run on a sample of it: every SAMPLE_EVERY-th file (default 20), copied to
# bench/corpus/sample. The comparison with secretlint is made there, on the same files for all three.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
CORPUS="$ROOT/bench/corpus"
FILES="$CORPUS/extracted"
OUT="$ROOT/bench/out"
JAR_MB="${JAR_MB:-100}"
NPM_MB="${NPM_MB:-100}"
NPM_PACKAGES="typescript rxjs lodash moment @babel/core @babel/parser webpack terser eslint prettier three d3 jquery
vue @angular/core aws-sdk monaco-editor pdfjs-dist echarts @fortawesome/fontawesome-free @mui/material antd
@tensorflow/tfjs react-dom chart.js @angular/compiler @swc/core-linux-x64-gnu esbuild-wasm sass plotly.js-dist
@aws-sdk/client-s3 @grpc/grpc-js firebase"
mkdir -p "$OUT" "$CORPUS"

mb() { du -sm "$1" | cut -f1; }

if [ ! -f "$CORPUS/.complete" ]; then
  echo "building the corpus's JARs in $FILES/jars" >&2
  rm -rf "$FILES/jars"
  mkdir -p "$FILES/jars"
  find "${MAVEN_REPO:-$HOME/.m2/repository}" -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' | sort |
  while read -r jar; do
    [ "$(mb "$FILES/jars")" -ge "$JAR_MB" ] && break
    dest="$FILES/jars/$(basename "$jar" .jar)"
    mkdir -p "$dest" && (cd "$dest" && unzip -qo "$jar" 2>/dev/null || true)
  done || true  # the loop stops reading early: find and sort end with SIGPIPE
  touch "$CORPUS/.complete"
fi
# npm packages are added up to NPM_MB, so a larger NPM_MB later adds to the corpus.
mkdir -p "$FILES/npm" "$CORPUS/npm-archives"
for pkg in $NPM_PACKAGES; do
  [ "$(mb "$FILES/npm")" -ge "$NPM_MB" ] && break
  [ -e "$CORPUS/npm-archives/$(echo "$pkg" | tr -d @ | tr / -).done" ] && continue
  tgz="$(cd "$CORPUS/npm-archives" && npm pack "$pkg" 2>/dev/null | tail -n 1)"
  dest="$FILES/npm/${tgz%.tgz}"
  mkdir -p "$dest" && tar xzf "$CORPUS/npm-archives/$tgz" -C "$dest"
  touch "$CORPUS/npm-archives/$(echo "$pkg" | tr -d @ | tr / -).done"
done
if [ ! -x "$CORPUS/tools/node_modules/.bin/secretlint" ]; then
  mkdir -p "$CORPUS/tools"
  (cd "$CORPUS/tools" && npm init -y >/dev/null && npm install --silent secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null)
  echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' > "$CORPUS/tools/.secretlintrc.json"
fi
SAMPLE="$CORPUS/sample"
if [ ! -d "$SAMPLE" ]; then
  (cd "$FILES" && find . -type f | sort | awk -v n="${SAMPLE_EVERY:-20}" 'NR % n == 0' |
    while read -r f; do mkdir -p "$SAMPLE/$(dirname "$f")" && cp "$f" "$SAMPLE/$f"; done)
fi
[ "${CORPUS_ONLY:-}" = 1 ] && exit 0
command -v rg >/dev/null || { echo "ripgrep is needed: apt-get install ripgrep" >&2; exit 2; }
"$ROOT/warden" --version >/dev/null   # builds the CLI if needed, outside the measurement

# The rules' keywords (scanner/src/main/java/dev/warden/scanner/rules), as ripgrep patterns.
KEYWORDS=(-e atatt3 -e atctt3 -e 'private key-----' -e 'private key block-----' -e bearer -e token -e 'pat='
  -e 'pat:' -e _pat -e -pat -e secret -e api-tokens -e 'api token' -e api_token -e apitoken -e api-token -e btoa
  -e buffer.from -e b64encode -e encodetostring -e encodebase64 -e base64encode -e base64.encode -e /rest/ -e /wiki/
  -e @forge/ -e api.atlassian.com/me -e 'asuser()' -e jwt-bearer -e user_impersonation)

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A TIMES
run() { local name="$1"; shift; local t=(); for _ in $(seq 1 "$RUNS"); do t+=("$(ms "$@")"); done; TIMES[$name]="$(median "${t[@]}")"; }
CORES=$(nproc)

# Runs every tool on one folder and prints its table.
measure() {
  local dir="$1" label="$2" with_secretlint="$3"
  local bytes files mib found
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  files=$(find "$dir" -type f | wc -l)
  find "$dir" -type f -exec cat {} + > /dev/null   # every tool reads from the page cache
  run warden1 "$ROOT/warden" scan "$dir" --threads 1 --quiet --format json -o "$OUT/scan-1.json"
  run wardenN "$ROOT/warden" scan "$dir" --quiet --format json -o "$OUT/scan-n.json"
  run rg1 rg -j1 -c -i -F -a "${KEYWORDS[@]}" "$dir"
  run rgN rg -c -i -F -a "${KEYWORDS[@]}" "$dir"
  if [ "$with_secretlint" = yes ]; then
    TIMES[secretlint]=$(ms sh -c "cd '$CORPUS/tools' && node_modules/.bin/secretlint '$dir/**/*' --secretlintrc .secretlintrc.json > '$OUT/secretlint.txt' 2>&1")
  fi
  found=$(grep -o '"findings" : [0-9]*' "$OUT/scan-n.json" | head -1 | grep -o '[0-9]*$')
  mib=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
  rate() { awk -v b="$bytes" -v t="$1" 'BEGIN {printf "%.1f", (b / 1048576) / (t / 1000)}'; }
  echo
  echo "### $label: $files files, $mib MiB"
  echo
  echo "| tool | threads | time (median of $RUNS) | throughput |"
  echo "|---|---|---|---|"
  echo "| warden scan ($found findings) | 1 | ${TIMES[warden1]} ms | $(rate "${TIMES[warden1]}") MiB/s |"
  echo "| warden scan | $CORES | ${TIMES[wardenN]} ms | $(rate "${TIMES[wardenN]}") MiB/s |"
  if [ "$with_secretlint" = yes ]; then
    echo "| secretlint 12, recommended preset (one run) | 1 | ${TIMES[secretlint]} ms | $(rate "${TIMES[secretlint]}") MiB/s |"
  fi
  echo "| ripgrep 13, the rules' keywords (-i -F) | 1 | ${TIMES[rg1]} ms | $(rate "${TIMES[rg1]}") MiB/s |"
  echo "| ripgrep 13, the rules' keywords (-i -F) | $CORES | ${TIMES[rgN]} ms | $(rate "${TIMES[rgN]}") MiB/s |"
  echo
  if [ "$with_secretlint" = yes ]; then
    awk -v w1="${TIMES[warden1]}" -v s="${TIMES[secretlint]}" 'BEGIN {
      printf "warden on one thread has %.0fx secretlint'"'"'s throughput (goal: at least 10x).\n", s / w1 }'
  fi
  awk -v w1="${TIMES[warden1]}" -v wn="${TIMES[wardenN]}" -v r1="${TIMES[rg1]}" -v rn="${TIMES[rgN]}" 'BEGIN {
    printf "warden takes %.1fx ripgrep'"'"'s time on %d cores, %.1fx on one (goal: within 3x).\n", wn / rn, '"$CORES"', w1 / r1 }'
}

echo "Corpus: $(ls "$CORPUS/npm-archives"/*.tgz | wc -l) npm packages and $(ls "$FILES/jars" | wc -l) JARs, extracted; $CORES cores; $(date -u +%Y-%m-%d)."
measure "$FILES" "The whole corpus" no
# SKIP_SAMPLE=1 leaves out the sample with secretlint (on a 1 GiB corpus it takes most of an hour).
[ "${SKIP_SAMPLE:-}" = 1 ] || measure "$SAMPLE" "Every ${SAMPLE_EVERY:-20}th file of it (the same files for all three)" yes
