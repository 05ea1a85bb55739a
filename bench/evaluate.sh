#!/usr/bin/env bash
# Benchmark for issue 4: `./warden evaluate` on a snapshot of 10,000 apps and 1,000,000 tickets,
# with a 2 GB heap limit, as a user runs it. Generates the snapshot once (bench/out/, not committed),
# runs the evaluation RUNS times and prints each wall time, the peak resident memory and the largest
# heap in use after a collection, then the medians.
#   bench/evaluate.sh [RUNS]      (default 5)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
OUT="$ROOT/bench/out"
SNAPSHOT="$OUT/snapshot-1m.json"
mkdir -p "$OUT"

if [ ! -f "$ROOT/bench/target/warden-bench.jar" ]; then
  (cd "$ROOT" && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench -am package)
fi
if [ ! -f "$SNAPSHOT" ]; then
  java -cp "$ROOT/bench/target/warden-bench.jar" dev.warden.bench.GenerateSnapshot 10000 1000000 "$SNAPSHOT"
fi
"$ROOT/warden" --version >/dev/null   # builds the CLI if needed, outside the measurement

times=(); rss=(); heap=()
for run in $(seq 1 "$RUNS"); do
  gclog="$OUT/gc-$run.log"
  start=$(date +%s%N)
  WARDEN_JAVA_OPTS="-Xmx2g -Xlog:gc:file=$gclog" /usr/bin/time -f "%M" -o "$OUT/rss-$run" \
    "$ROOT/warden" evaluate "$SNAPSHOT" --as-of 2026-11-28 -o "$OUT/report.json"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  kb=$(cat "$OUT/rss-$run")
  # "Pause Young (Allocation Failure) 473M->167M(647M)": the largest heap in use after a collection.
  after=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)
  times+=("$ms"); rss+=("$kb"); heap+=("${after:-0}")
  echo "run $run: ${ms} ms, peak RSS $((kb / 1024)) MiB, largest live heap after GC ${after:-0} MiB"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "median of $RUNS: $(median "${times[@]}") ms, peak RSS $(( $(median "${rss[@]}") / 1024 )) MiB, heap limit 2048 MiB"
echo "snapshot: $(du -m "$SNAPSHOT" | cut -f1) MB; report: $(du -m "$OUT/report.json" | cut -f1) MB"
