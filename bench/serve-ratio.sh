#!/bin/bash
# The serve targets' ratios, measured in pairs: for each file route, ROUNDS pairs of SECONDS-long
# runs at 64 connections, the in-memory route and the file route back to back (which goes first
# alternates), so that both halves of a pair see the same moment of a noisy machine. Prints each
# pair's req/s and p99 ratios (file route / in-memory route), then their median and quartiles.
#
#   bench/serve-ratio.sh WORKDIR DB [ROUNDS] [SECONDS]      (defaults: 10 rounds of 3 s)
#
# WORKDIR and DB as left by a run of bench/serve-bench.sh WORKDIR DB (its images indexed in DB,
# its request lists in WORKDIR/run). ROUTES picks the routes (default "dir stored deflated"); each
# gets WARMUP seconds of load first (default 15), then SETTLE more (default 10) before its pairs; the
# reference server's map and disk routes may be named too (InMemoryServer). The server starts
# through this checkout's launcher, target/image-server, on a copy of DB. Why pairs: run one
# after the other for 10 s each (as in serve-bench.sh), the same build's folder route came out at
# 0.74-1.10 of the in-memory route on one machine in one run, as the machine's speed drifted
# between the two measurements.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 WORKDIR DB [ROUNDS] [SECONDS]" >&2
    exit 2
fi
work=$1
db=$2
rounds=${3:-10}
seconds=${4:-3}
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
for route in mem ${ROUTES:-dir stored deflated}; do
    require_serve_run "$work" "$db" "$route"
done

copy=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$copy"; }
trap cleanup EXIT
start_in_memory_route 18081 "$work/img/dirs" "$copy/mem.log"
pids+=($!)
cp "$db.mv.db" "$copy/index.mv.db"
target/image-server serve --db "$copy/index" --host 127.0.0.1 --port 18080 > "$copy/serve.log" 2>&1 &
pids+=($!)
wait_until_serving "$work" 18081 18080

encoding="gzip, deflate, br, zstd"  # a browser's: deflated entries go out as gzip
measure() {  # PORT PATHS SECONDS -> "req/s p99-ms"
    local out
    out=$(ENCODING="$encoding" PATHS="$work/run/$2.paths" wrk -t2 -c64 -d"$3s" --latency -s "$work/run/paths.lua" "http://127.0.0.1:$1")
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")"
}
# Median and quartiles of numbers on stdin, one per line.
summary() {
    sort -g | awk '{v[NR] = $1} END {printf "median %.2f (quartiles %.2f-%.2f)", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2,
        v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)]}'
}

port_of() {  # ROUTE -> the port of the server that answers it
    case $1 in
        mem|map|disk) echo 18081 ;;
        *) echo 18080 ;;
    esac
}
for route in mem ${ROUTES:-dir stored deflated}; do  # a fresh JVM needs 20-30 s of load to reach its steady rate
    measure "$(port_of "$route")" "$route" "${WARMUP:-15}" > /dev/null
done
for route in ${ROUTES:-dir stored deflated}; do
    # After another route, the JIT throws away code compiled for that one (uncommon traps) and
    # recompiles for ~10 s: the folder route's first second after the ZIP routes ran at 0.6-0.8
    # of its steady rate. Each route's pairs measure it once that is done.
    measure "$(port_of "$route")" "$route" "${SETTLE:-10}" > /dev/null
    : > "$copy/$route.ratios"
    for round in $(seq "$rounds"); do
        if [ $((round % 2)) = 1 ]; then
            mem=$(measure 18081 mem "$seconds"); file=$(measure "$(port_of "$route")" "$route" "$seconds")
        else
            file=$(measure "$(port_of "$route")" "$route" "$seconds"); mem=$(measure 18081 mem "$seconds")
        fi
        read -r mem_rps mem_p99 <<< "$mem"
        read -r file_rps file_p99 <<< "$file"
        ratios=$(echo "$file_rps / $mem_rps; $file_p99 / $mem_p99" | bc -l | xargs printf "%.3f ")
        echo "$ratios" >> "$copy/$route.ratios"
        printf "%-9s round %2d: in-memory %9s req/s p99 %6s ms; file %9s req/s p99 %6s ms; × %s\n" \
            "$route" "$round" "$mem_rps" "$mem_p99" "$file_rps" "$file_p99" "$ratios"
    done
    echo "$route: req/s × in-memory $(cut -d' ' -f1 "$copy/$route.ratios" | summary); p99 × in-memory $(cut -d' ' -f2 "$copy/$route.ratios" | summary)"
done
