#!/usr/bin/env bash
# Seconds from starting `serve` (no SOURCE) to its first 200 on /api/health, RUNS times.
# Usage: bench/launch-bench.sh DB [RUNS] [extra java flags, e.g. -XX:AOTCache=image-server.aot]
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$java" "$@" -jar target/image-server.jar serve --db "$db" --host 127.0.0.1 --port 18099 >/dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null http://127.0.0.1:18099/api/health; do sleep 0.01; done
    echo "launch to first 200: $(echo "$(date +%s.%N) - $start" | bc) s"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
done
