#!/usr/bin/env bash
# Seconds from starting `serve` (no SOURCE) to its first 200 on /api/health, RUNS times each,
# alternating the launcher (target/image-server: startup cache, serve heap) with a plain
# `java -jar target/image-server.jar`, so both are measured in the same minutes; with
# COMPARE=/path/to/image-server (the launcher of another build, e.g. a copy of an older target/
# with its .jar and .aot), alternating with that one instead. Prints the medians at the end.
# Usage: [COMPARE=...] bench/launch-bench.sh DB [RUNS] [extra JVM flags for both]
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
[ -x target/image-server ] || mvn -B -q package -DskipTests

launch() {  # label, command...
    local label=$1 start pid
    shift
    start=$(date +%s.%N)
    "$@" serve --db "$db" --host 127.0.0.1 --port 18099 >/dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null http://127.0.0.1:18099/api/health; do sleep 0.01; done
    echo "$label launch to first 200: $(echo "$(date +%s.%N) - $start" | bc) s"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for _ in $(seq "$runs"); do
    JAVA_OPTS="$*" launch "launcher   " target/image-server | tee -a "$results"
    if [ -n "${COMPARE:-}" ]; then
        JAVA_OPTS="$*" launch "compared   " "$COMPARE" | tee -a "$results"
    else
        launch "java -jar  " "$java" "$@" -jar target/image-server.jar | tee -a "$results"
    fi
done
other="java -jar"
[ -n "${COMPARE:-}" ] && other=compared
for label in launcher "$other"; do
    echo "median, $label: $(grep "^$label " "$results" | awk '{print $(NF - 1)}' | median) s"
done
