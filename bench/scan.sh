#!/usr/bin/env bash
# Benchmark for issue 7: `warden scan` against secretlint (recommended preset) and ripgrep searching
# for the rules' keywords, on the same extracted files, in one run.
#   bench/scan.sh [RUNS]      (default 3; secretlint runs once: it takes minutes)
# The corpus is built once under bench/corpus/ (not committed): JARs from the local Maven repository
# and npm package tarballs (npm pack), extracted, about JAR_MB + NPM_MB megabytes (default 100 + 100).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
CORPUS="$ROOT/bench/corpus"
FILES="$CORPUS/extracted"
OUT="$ROOT/bench/out"
JAR_MB="${JAR_MB:-100}"
NPM_MB="${NPM_MB:-100}"
NPM_PACKAGES="typescript rxjs lodash moment @babel/core @babel/parser webpack terser eslint prettier three d3 jquery
vue @angular/core aws-sdk monaco-editor"
mkdir -p "$OUT" "$CORPUS"

mb() { du -sm "$1" | cut -f1; }

if [ ! -f "$CORPUS/.complete" ]; then
  echo "building the corpus in $FILES" >&2
  rm -rf "$FILES" "$CORPUS/npm-archives"
  mkdir -p "$FILES/jars" "$FILES/npm" "$CORPUS/npm-archives"
  find "${MAVEN_REPO:-$HOME/.m2/repository}" -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' | sort |
  while read -r jar; do
    [ "$(mb "$FILES/jars")" -ge "$JAR_MB" ] && break
    dest="$FILES/jars/$(basename "$jar" .jar)"
    mkdir -p "$dest" && (cd "$dest" && unzip -qo "$jar" 2>/dev/null || true)
  done || true  # the loop stops reading early: find and sort end with SIGPIPE
  for pkg in $NPM_PACKAGES; do
    [ "$(mb "$FILES/npm")" -ge "$NPM_MB" ] && break
    tgz="$(cd "$CORPUS/npm-archives" && npm pack "$pkg" 2>/dev/null | tail -n 1)"
    dest="$FILES/npm/${tgz%.tgz}"
    mkdir -p "$dest" && tar xzf "$CORPUS/npm-archives/$tgz" -C "$dest"
  done
  touch "$CORPUS/.complete"
fi
if [ ! -x "$CORPUS/tools/node_modules/.bin/secretlint" ]; then
  mkdir -p "$CORPUS/tools"
  (cd "$CORPUS/tools" && npm init -y >/dev/null && npm install --silent secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null)
  echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' > "$CORPUS/tools/.secretlintrc.json"
fi
[ "${CORPUS_ONLY:-}" = 1 ] && exit 0
command -v rg >/dev/null || { echo "ripgrep is needed: apt-get install ripgrep" >&2; exit 2; }
"$ROOT/warden" --version >/dev/null   # builds the CLI if needed, outside the measurement

BYTES=$(du -sb "$FILES" | cut -f1)
NFILES=$(find "$FILES" -type f | wc -l)
find "$FILES" -type f -exec cat {} + > /dev/null   # every tool reads from the page cache

# The rules' keywords (scanner/src/main/java/dev/warden/scanner/rules), as ripgrep patterns.
KEYWORDS=(-e atatt3 -e atctt3 -e 'private key-----' -e 'private key block-----' -e bearer -e token -e 'pat='
  -e 'pat:' -e _pat -e -pat -e secret -e api-tokens -e 'api token' -e api_token -e apitoken -e api-token -e btoa
  -e buffer.from -e b64encode -e encodetostring -e base64)

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A TIMES
run() { local name="$1"; shift; local t=(); for _ in $(seq 1 "$RUNS"); do t+=("$(ms "$@")"); done; TIMES[$name]="$(median "${t[@]}")"; }
run warden1 "$ROOT/warden" scan "$FILES" --threads 1 --quiet --format json -o "$OUT/scan-1.json"
run wardenN "$ROOT/warden" scan "$FILES" --quiet --format json -o "$OUT/scan-n.json"
run rg1 rg -j1 -c -i -F -a "${KEYWORDS[@]}" "$FILES"
run rgN rg -c -i -F -a "${KEYWORDS[@]}" "$FILES"
TIMES[secretlint]=$(ms sh -c "cd '$CORPUS/tools' && node_modules/.bin/secretlint '$FILES/**/*' --secretlintrc .secretlintrc.json > '$OUT/secretlint.txt' 2>&1")

FOUND=$(grep -o '"findings" : [0-9]*' "$OUT/scan-n.json" | head -1 | grep -o '[0-9]*$')
CORES=$(nproc)
MIB=$(awk -v b="$BYTES" 'BEGIN {printf "%.0f", b / 1048576}')
rate() { awk -v b="$BYTES" -v t="$1" 'BEGIN {printf "%.1f", (b / 1048576) / (t / 1000)}'; }
echo
echo "Corpus: $NFILES files, $MIB MiB extracted ($(ls "$CORPUS/npm-archives" | wc -l) npm packages, $(ls "$FILES/jars" | wc -l) JARs); $CORES cores; runs: $RUNS (median), secretlint once."
echo
echo "| tool | threads | time | throughput |"
echo "|---|---|---|---|"
echo "| warden scan ($FOUND findings) | 1 | ${TIMES[warden1]} ms | $(rate "${TIMES[warden1]}") MiB/s |"
echo "| warden scan | $CORES | ${TIMES[wardenN]} ms | $(rate "${TIMES[wardenN]}") MiB/s |"
echo "| secretlint 12, recommended preset | 1 | ${TIMES[secretlint]} ms | $(rate "${TIMES[secretlint]}") MiB/s |"
echo "| ripgrep, the rules' keywords (-i -F) | 1 | ${TIMES[rg1]} ms | $(rate "${TIMES[rg1]}") MiB/s |"
echo "| ripgrep, the rules' keywords (-i -F) | $CORES | ${TIMES[rgN]} ms | $(rate "${TIMES[rgN]}") MiB/s |"
echo
awk -v w1="${TIMES[warden1]}" -v wn="${TIMES[wardenN]}" -v s="${TIMES[secretlint]}" -v r1="${TIMES[rg1]}" -v rn="${TIMES[rgN]}" 'BEGIN {
  printf "warden (all cores) is %.1fx secretlint'"'"'s throughput (goal: 10x); warden takes %.2fx ripgrep'"'"'s time on all cores (goal: within 3x), %.2fx on one.\n", s / wn, wn / rn, w1 / r1 }'
