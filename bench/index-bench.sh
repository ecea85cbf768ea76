#!/usr/bin/env bash
# Index benchmark: cold index, no-op reindex, reindex after touching 1%, salt change, DB bytes
# per entry, peak RSS and lookup latency,
# on the generated set of 100 ZIPs x 10,000 entries + 1,000 folders x 100 files.
# Usage: bench/index-bench.sh [WORKDIR]   (default WORKDIR: /tmp/image-server-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/image-server-bench}
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
jar=target/image-server.jar
# Commands run through the launcher, as the README runs them (startup cache, JVM defaults for index).
is=target/image-server
[ -x "$is" ] && [ -d target/test-classes ] || mvn -q -B test-compile package -DskipTests

if [ ! -d "$work/set1m" ]; then
    echo "generating the data set in $work/set1m ..."
    "$java" bench/GenerateDataSet.java "$work/set1m"
fi
rm -rf "$work/db"

echo "== cold index"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$is" index "$work/set1m/zips/*.zip" "$work/set1m/dirs" --db "$work/db/index"
size=$(stat -c %s "$work/db/index.mv.db")
# files/s: 1,100,000 divided by the wall time printed above.
echo "database: $size bytes, $((size / 1100000)) bytes per entry"

echo "== no-op reindex (x3, then once with plain java -jar for reference)"
for _ in 1 2 3; do
    /usr/bin/time -f "wall %e s, peak RSS %M KB" "$is" index --db "$work/db/index"
done
/usr/bin/time -f "java -jar: wall %e s, peak RSS %M KB" "$java" -jar "$jar" index --db "$work/db/index"

echo "== reindex after touching 1% of the files (1,000 folder files and 1 of the 100 archives: 11,000 entries)"
find "$work/set1m/dirs" -type f | sort | sed -n 1,1000p | xargs touch
touch "$work/set1m/zips/archive-000.zip"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$is" index --db "$work/db/index"

echo "== salt change (every hash recomputed in place, no source read)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$is" index --db "$work/db/index" --salt "bench-$(date +%s)"

echo "== lookups"
"$java" -cp "$jar:target/test-classes" imageserver.bench.LookupBenchmark "$work/db/index" 2>/dev/null
