#!/bin/bash
# serve's RSS under load: the serve benchmark's image-server routes (folder files, stored and
# deflated ZIP entries as gzip, deflated decoded, the viewer page, the random redirect), SECONDS
# each at 16 then 64 connections, on a copy of DB; VmRSS sampled every 0.25 s during each route
# (its peak) and read after it, then the largest of them all.
#
#   bench/serve-rss.sh WORKDIR DB [SECONDS]
#
# WORKDIR and DB as left by a run of bench/serve-bench.sh WORKDIR DB (its images indexed in DB,
# its request lists in WORKDIR/run); use one WORKDIR per index, as the lists hold its hashes.
# The server starts through this checkout's launcher, target/image-server, with JAVA_OPTS if set.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 WORKDIR DB [SECONDS]" >&2
    exit 2
fi
work=$1
db=$2
seconds=${3:-10}
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
require_serve_run "$work" "$db" viewer

copy=$(mktemp -d)
cleanup() { kill "${pid:-}" 2>/dev/null || true; rm -rf "$copy"; }
trap cleanup EXIT
cp "$db.mv.db" "$copy/index.mv.db"
target/image-server serve --db "$copy/index" --host 127.0.0.1 --port 18084 > "$copy/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null localhost:18084/api/health; do sleep 0.2; done

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
highest=0
echo "connections route encoding: peak during, after (kB)"
for connections in 16 64; do
    for route in "dir gzip" "stored gzip" "deflated gzip" "deflated identity" "viewer gzip" "random gzip"; do
        set -- $route
        encoding=$2
        [ "$encoding" = identity ] && encoding=""
        ENCODING="$encoding" PATHS="$work/run/$1.paths" wrk -t2 -c"$connections" -d"${seconds}s" \
            -s "$work/run/paths.lua" "http://127.0.0.1:18084" > /dev/null &
        load=$!
        peak=0
        while kill -0 "$load" 2>/dev/null; do
            now=$(rss)
            [ "$now" -gt "$peak" ] && peak=$now
            sleep 0.25
        done
        [ "$peak" -gt "$highest" ] && highest=$peak
        echo "$connections $1 $2: $peak, $(rss)"
    done
done
echo "peak RSS under load: $highest kB; after: $(awk '/^(VmRSS|RssAnon|RssFile)/ {printf "%s %s kB ", $1, $2}' "/proc/$pid/status")"
