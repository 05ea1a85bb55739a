#!/usr/bin/env bash
# Benchmark for issue 20: what listing and matching bundled libraries costs.
#   bench/sca.sh [RUNS]      (default 3)
# 1. Matching: 10,000 components against 50,000 advisories (generated with real advisories' shapes,
#    dev.warden.bench.ScaMatching): import, load, index and match, as the CLI does, in one JVM, 3 rounds.
# 2. The scan corpus of bench/scan.sh (extracted JARs and npm packages; built here if missing):
#    `warden scan` with the inventory and matching against 50,090 advisories, and with --no-sca.
# 3. A folder of real JAR files (the first JARS JARs of the local Maven repository, default 400):
#    `warden scan --sbom` on and off, and cdxgen (CycloneDX's generator, from npm) writing its SBOM of the
#    same JARs (-t jar), the same number of runs each, with hyperfine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
OUT="$ROOT/bench/out/sca"
CORPUS="$ROOT/bench/corpus"
JARS="${JARS:-400}"
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

(cd "$ROOT" && mvn -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl bench,cli -am package)
CLI=(java -XX:+UseSerialGC -jar "$ROOT/cli/target/warden-cli.jar")

echo "== matching: 10,000 components against 50,000 advisories"
java -Xmx2g -cp "$ROOT/bench/target/warden-bench.jar" dev.warden.bench.ScaMatching "$OUT/matching" 50000 10000 3

# The advisory databases the scans use: the 90 real advisories of the tests alone (what the inventory
# costs), and with the 50,000 generated ones (what loading a large database adds).
SMALL="$OUT/advisories-90"
DB="$OUT/advisories"
if [ ! -f "$DB/advisories.json" ]; then
  "${CLI[@]}" advisories import "$ROOT/scanner/src/test/resources/osv" --into "$SMALL"
  "${CLI[@]}" advisories import "$ROOT/scanner/src/test/resources/osv" --into "$DB"
  "${CLI[@]}" advisories import "$OUT/matching/osv" --into "$DB"
fi

echo "== the scan corpus"
CORPUS_ONLY=1 "$ROOT/bench/scan.sh" >/dev/null
FILES="$CORPUS/extracted"
echo "corpus: $(find "$FILES" -type f | wc -l) files, $(du -sm "$FILES" | cut -f1) MiB"
"${CLI[@]}" scan "$FILES" --advisories "$DB" --dependency-severity low -q --format json -o "$OUT/corpus.json" \
  --sbom "$OUT/corpus.cdx.json" || true
python3 - "$OUT/corpus.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
c = collections.Counter(x["source"] for x in r["components"])
v = [f for f in r["findings"] if f["rule"] == "vulnerable-dependency"]
print(f"components: {len(r['components'])} ({dict(c)}); vulnerable-dependency findings: {len(v)}")
PY
hyperfine --runs "$RUNS" --warmup 1 -i --export-markdown "$OUT/corpus.md" \
  -n "warden scan --no-sca" "${CLI[*]} scan $FILES --no-sca -q --format json -o /dev/null" \
  -n "warden scan, 90 advisories" "${CLI[*]} scan $FILES --advisories $SMALL -q --format json -o /dev/null --sbom $OUT/c.cdx.json" \
  -n "warden scan, 50,090 advisories" "${CLI[*]} scan $FILES --advisories $DB -q --format json -o /dev/null --sbom $OUT/c.cdx.json"

echo "== $JARS real JAR files: warden against cdxgen"
JARDIR="$CORPUS/jar-files"
if [ ! -f "$JARDIR/.complete-$JARS" ]; then
  rm -rf "$JARDIR" && mkdir -p "$JARDIR"
  find "${MAVEN_REPO:-$HOME/.m2/repository}" -name '*.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' \
    ! -path '*/dev/warden/*' | sort | head -n "$JARS" | while read -r jar; do cp "$jar" "$JARDIR/"; done || true
  touch "$JARDIR/.complete-$JARS"
fi
echo "jars: $(find "$JARDIR" -name '*.jar' | wc -l) files, $(du -sm "$JARDIR" | cut -f1) MiB"
TOOLS="$CORPUS/sca-tools"
if [ ! -x "$TOOLS/node_modules/.bin/cdxgen" ]; then
  mkdir -p "$TOOLS" && (cd "$TOOLS" && npm init -y >/dev/null && npm install --silent @cyclonedx/cdxgen@12.8.4 >/dev/null)
fi
"${CLI[@]}" scan "$JARDIR" --advisories "$DB" -q --format json -o "$OUT/jars.json" --sbom "$OUT/jars.cdx.json" || true
(cd "$JARDIR" && "$TOOLS/node_modules/.bin/cdxgen" -t jar --no-install-deps -o "$OUT/jars.cdxgen.json" . >/dev/null 2>&1)
python3 - "$OUT/jars.cdx.json" "$OUT/jars.cdxgen.json" <<'PY'
import json, sys
for name, path in (("warden", sys.argv[1]), ("cdxgen", sys.argv[2])):
    bom = json.load(open(path))
    purls = {c.get("purl", "").split("?")[0] for c in bom.get("components", [])}
    print(f"{name}: {len(bom.get('components', []))} components, {len(purls)} distinct package URLs")
PY
hyperfine --runs "$RUNS" --warmup 1 -i --export-markdown "$OUT/jars.md" \
  -n "warden scan --no-sca" "${CLI[*]} scan $JARDIR --no-sca -q --format json -o /dev/null" \
  -n "warden scan --sbom, 90 advisories" "${CLI[*]} scan $JARDIR --advisories $SMALL -q --format json -o /dev/null --sbom $OUT/j.cdx.json" \
  -n "warden scan --sbom, 50,090 advisories" "${CLI[*]} scan $JARDIR --advisories $DB -q --format json -o /dev/null --sbom $OUT/j.cdx.json" \
  -n "cdxgen -t jar" "cd $JARDIR && $TOOLS/node_modules/.bin/cdxgen -t jar --no-install-deps -o $OUT/j.cdxgen.json . >/dev/null 2>&1"
