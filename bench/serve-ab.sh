#!/bin/bash
# The serve benchmark's file routes on two builds, alternating, so that both see the same minutes
# of a noisy machine: each round measures the in-memory route, then every route on A and on B
# (64 connections, SECONDS each): req/s, × the in-memory route, CPU per request, p50, p99, slowest.
#
#   bench/serve-ab.sh WORKDIR DB ROUNDS LAUNCHER_A LAUNCHER_B [SECONDS]
#
# WORKDIR and DB as left by a run of bench/serve-bench.sh WORKDIR DB (its images indexed in DB,
# its request lists in WORKDIR/run). A launcher is the target/image-server of a build (copy a
# build's target/ folder to keep it). Each build serves its own copy of DB; the in-memory route
# runs from this checkout's target/, with the JVM flags the launcher gives serve.
# ROUTES picks file routes (default "dir stored deflated"); ENCODING is the Accept-Encoding sent
# (default "gzip, deflate, br, zstd"; ENCODING= sends none, so deflated entries are decoded).
set -euo pipefail

if [ $# -lt 5 ]; then
    echo "usage: $0 WORKDIR DB ROUNDS LAUNCHER_A LAUNCHER_B [SECONDS]" >&2
    exit 2
fi
work=$1
db=$2
rounds=$3
launchers=("$4" "$5")
seconds=${6:-10}
routes=${ROUTES:-dir stored deflated}
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
require_serve_run "$work" "$db" mem

copies=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$copies"; }
trap cleanup EXIT
start_in_memory_route 18081 "$work/img/dirs" "$copies/mem.log"
pids+=($!)
ports=(18080 18083)
for i in 0 1; do
    mkdir "$copies/$i"
    cp "$db.mv.db" "$copies/$i/index.mv.db"
    "${launchers[$i]}" serve --db "$copies/$i/index" --host 127.0.0.1 --port "${ports[$i]}" > "$copies/$i.log" 2>&1 &
    pids+=($!)
done
wait_until_serving "$work" 18081 18080 18083

encoding=${ENCODING-gzip, deflate, br, zstd}
measure() {  # port paths pid -> "req/s cpu-µs/req p50 p99 slowest [errors]"
    local cpu0 cpu1 out rps
    cpu0=$(awk '{print $14 + $15}' "/proc/$3/stat")
    out=$(ENCODING="$encoding" PATHS="$work/run/$2.paths" wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/run/paths.lua" "http://127.0.0.1:$1")
    cpu1=$(awk '{print $14 + $15}' "/proc/$3/stat")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "$rps $(echo "($cpu1 - $cpu0) * 10000 / ($rps * $seconds)" | bc) $(echo "$out" | awk '$1=="50%" || $1=="99%" {printf "%s ", $2} $1=="Latency" && !max {max=$4} END {print max}') $(echo "$out" | grep -E "Non-2xx|timeout" | tr -s ' ' | tr '\n' ' ')"
}
# Warm up every route on both builds (a fresh JVM takes 20-30 s of load to reach its steady rate).
for target in "18081 mem ${pids[0]}" "18080 dir" "18083 dir" "18080 stored" "18083 stored" "18080 deflated" "18083 deflated"; do
    set -- $target
    ENCODING="$encoding" PATHS="$work/run/$2.paths" wrk -t2 -c64 -d"${WARMUP:-15}s" -s "$work/run/paths.lua" "http://127.0.0.1:$1" > /dev/null
done

echo "columns: req/s, CPU µs per request, p50, p99, slowest request (× the round's in-memory route)"
for round in $(seq "$rounds"); do
    mem=$(measure 18081 mem "${pids[0]}")
    echo "round $round  in-memory  $mem"
    for route in $routes; do
        a=$(measure 18080 "$route" "${pids[1]}")
        b=$(measure 18083 "$route" "${pids[2]}")
        printf "  %-9s A %s (×%.2f)   B %s (×%.2f)\n" "$route" "$a" "$(echo "${a%% *} / ${mem%% *}" | bc -l)" \
            "$b" "$(echo "${b%% *} / ${mem%% *}" | bc -l)"
    done
done
echo "RSS A $(awk '/VmRSS/ {print $2, $3}' "/proc/${pids[1]}/status"), B $(awk '/VmRSS/ {print $2, $3}' "/proc/${pids[2]}/status")"
