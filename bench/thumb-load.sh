#!/bin/bash
# The data route with and without thumbnails being made at the same time, on one server: each
# round measures the folder route alone, then again while CLIENTS loops ask for thumbnails of the
# 12-megapixel photos in PHOTOS (with --thumb-cache off, so each is decoded again); it prints both
# rates, their ratio, the thumbnails made meanwhile and serve's peak RSS (sampled every 0.25 s).
#
#   bench/thumb-load.sh WORKDIR DB PHOTOS [ROUNDS] [SECONDS] [CLIENTS]
#
# WORKDIR and DB as left by bench/serve-bench.sh; PHOTOS as made by bench/GeneratePhotos.java.
# The server (this checkout's target/image-server, --no-watch) serves a copy of DB to which
# PHOTOS is added. SERVE_JAVA_OPTS is passed on to it.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 WORKDIR DB PHOTOS [ROUNDS] [SECONDS] [CLIENTS]" >&2
    exit 2
fi
work=$1
db=$2
photos=$(cd "$3" && pwd)
rounds=${4:-3}
seconds=${5:-10}
clients=${6:-4}
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
require_serve_run "$work" "$db" dir

tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
cp "$db.mv.db" "$tmp/index.mv.db"
target/image-server index "$photos" --db "$tmp/index" > /dev/null 2>&1
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -cp target/image-server.jar:target/test-classes imageserver.bench.SourceHashes "$tmp/index" "$photos" "$photos" \
    | awk '{print "/api/" $NF "/thumb"}' > "$tmp/thumbs.paths"
JAVA_OPTS="${SERVE_JAVA_OPTS:-}" target/image-server serve --db "$tmp/index" --host 127.0.0.1 --port 18080 --no-watch \
    --thumb-cache off > "$tmp/serve.log" 2>&1 &
pids+=($!)
serve=$!
until curl -sf -o /dev/null localhost:18080/api/health; do sleep 0.2; done
wrk_rate() {
    PATHS="$work/run/dir.paths" wrk -t2 -c64 -d"$1" -s "$work/run/paths.lua" http://127.0.0.1:18080 | awk '/Requests\/sec/ {print $2}'
}
thumbnail_loop() {  # asks for every thumbnail in turn until killed, one line per answer
    while true; do
        while read -r path; do
            curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:18080$path"
        done < "$tmp/thumbs.paths"
    done
}
wrk_rate "${WARMUP:-20}s" > /dev/null
for round in $(seq "$rounds"); do
    alone=$(wrk_rate "${seconds}s")
    loops=()
    for c in $(seq "$clients"); do
        thumbnail_loop > "$tmp/made.$c" &
        loops+=($!)
    done
    peak=0
    ( while kill -0 "$serve" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$serve/status"; sleep 0.25; done ) > "$tmp/rss" &
    sampler=$!
    sleep 2  # the thumbnail load under way
    made0=$(cat "$tmp"/made.* | grep -c '^200' || true)
    together=$(wrk_rate "${seconds}s")
    made1=$(cat "$tmp"/made.* | grep -c '^200' || true)
    kill "${loops[@]}" "$sampler" 2>/dev/null || true
    wait "${loops[@]}" "$sampler" 2>/dev/null || true
    peak=$(sort -n "$tmp/rss" | tail -1)
    printf "round %s  data alone %s req/s   with thumbnails %s req/s (×%.2f)   thumbnails made %s (%.1f/s)   peak RSS %s MB\n" \
        "$round" "$alone" "$together" "$(echo "$together / $alone" | bc -l)" "$((made1 - made0))" \
        "$(echo "($made1 - $made0) / $seconds" | bc -l)" "$((peak / 1024))"
done
