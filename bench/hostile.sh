#!/usr/bin/env bash
# Hostile inputs for `warden scan` (issue 16): each input's wall time, peak memory (maximum resident
# set size) and exit code, on the CLI as a partner runs it, with the heap capped at 2 GiB.
#   bench/hostile.sh            inputs are made under bench/out/hostile/ (not committed)
# Prints a Markdown table for docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/bench/out/hostile"
rm -rf "$DIR" && mkdir -p "$DIR"
"$ROOT/warden" --version >/dev/null   # builds the CLI if needed, outside the measurement

python3 - "$DIR" <<'PY'
import gzip, io, os, random, sys, tarfile, zipfile
d = sys.argv[1]
rnd = random.Random(16)
alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
def token():
    return "ATATT3" + "".join(rnd.choice(alpha) for _ in range(186))
def zip_bytes(entries, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()

# 1. 42.zip-style nested bomb: 16 copies of 16 copies of 200 MiB of zeros (50 GiB in all), then the app.
layer = zip_bytes([("zeros.bin", b"\0" * (200 << 20))])
for i in range(2):
    layer = zip_bytes([("l%d-%d.zip" % (i, j), layer) for j in range(16)])
app = zip_bytes([("Config.java", ("String t = \"%s\";" % token()).encode())])
open(os.path.join(d, "nested-bomb.obr"), "wb").write(zip_bytes([("bomb.zip", layer), ("app.jar", app)]))

# 2. Eight gzip bombs of about 4 MB each (4 GiB of zeros each), scanned on 8 threads.
os.makedirs(os.path.join(d, "gzip-bombs"))
for i in range(8):
    with gzip.open(os.path.join(d, "gzip-bombs", "bomb%d.gz" % i), "wb", compresslevel=9) as g:
        chunk = b"\0" * (64 << 20)
        for _ in range(64):
            g.write(chunk)

# 3. A ZIP of 600,000 empty entries (the limit is 500,000 per file).
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
    for i in range(600_000):
        z.writestr("f%d" % i, b"")
open(os.path.join(d, "million-entries.zip"), "wb").write(b.getvalue())

# 4. Archives nested 50 deep.
inner = zip_bytes([("deep.js", ("x = '%s'" % token()).encode())])
for i in range(50):
    inner = zip_bytes([("level%d.zip" % i, inner)])
open(os.path.join(d, "nested-50.zip"), "wb").write(inner)

# 5. A minified bundle: one line of 20 MB holding 2,000 tokens.
parts = []
for i in range(2000):
    parts.append("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10000)))
    parts.append('var t%d="%s";' % (i, token()))
open(os.path.join(d, "bundle.min.js"), "w").write("".join(parts))

# 6. A tar bomb inside gzip: one stream expanding 1 GiB, entries of zeros.
with tarfile.open(os.path.join(d, "tar-bomb.tgz"), "w:gz") as t:
    for i in range(8):
        data = b"\0" * (128 << 20)
        info = tarfile.TarInfo("package/zeros%d.bin" % i)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))

# 7. Path traversal and absolute names, with a token inside.
open(os.path.join(d, "traversal.zip"), "wb").write(zip_bytes([
    ("../../etc/cron.d/x", ("t = '%s'" % token()).encode()), ("/abs/config.js", b"x"), ("C:\\\\win.ini", b"y")]))

# 8. A truncated JAR: a cut download, its first entry whole.
whole = zip_bytes([("a.js", ("x = '%s'" % token()).encode()), ("lib.bin", os.urandom(1 << 20))])
open(os.path.join(d, "truncated.jar"), "wb").write(whole[: len(whole) // 2])
PY

echo "| input | size | threads | wall time | peak RSS | exit | what the report says |"
echo "|---|---|---|---|---|---|---|"
measure() {
  local name="$1" path="$2" threads="$3"
  local size out
  size=$(du -sh "$path" | cut -f1)
  out="$DIR/$name.json"
  /usr/bin/time -f "%e %M" -o "$DIR/$name.time" \
    env WARDEN_JAVA_OPTS="-Xmx2g" "$ROOT/warden" scan "$path" --threads "$threads" --quiet --format json \
      --fail-on-incomplete -o "$out" && code=0 || code=$?
  read -r secs kb < <(tail -n 1 "$DIR/$name.time")
  local says
  says=$(python3 -c "
import json,sys
r=json.load(open('$out'))
s=r['summary']
p=[x['message'] for x in r['problems']]
print('%d finding(s); %d problem(s)%s' % (s['findings'], s['problems'], (': ' + p[0][:90]) if p else ''))" 2>/dev/null || echo "no report")
  printf '| %s | %s | %s | %.1f s | %d MiB | %s | %s |\n' "$name" "$size" "$threads" "$secs" $((kb / 1024)) "$code" "$says"
}
measure "nested bomb (42.zip-style) ahead of the app" "$DIR/nested-bomb.obr" 2
measure "eight 4 MB gzip bombs" "$DIR/gzip-bombs" 8
measure "600,000 empty entries" "$DIR/million-entries.zip" 2
measure "archives nested 50 deep" "$DIR/nested-50.zip" 2
measure "20 MB minified line, 2,000 tokens" "$DIR/bundle.min.js" 1
measure "1 GiB tar bomb in gzip" "$DIR/tar-bomb.tgz" 2
measure "path traversal names" "$DIR/traversal.zip" 2
measure "truncated JAR" "$DIR/truncated.jar" 2
