#!/bin/bash
# Where a file route's CPU goes beyond the in-memory route's, stage by stage: both servers
# profiled by one perf run while 64 connections load them in turn, one second each, SECONDS
# seconds each in all (so that both see the same moments of a noisy machine); each server's
# samples are sorted into the stages of a request by the frames on their stacks and given in
# microseconds of server CPU per request.
#
#   bench/serve-profile.sh WORKDIR DB [ROUTE] [SECONDS]      (defaults: dir, 20 s)
#
# ROUTE is dir, stored or deflated (as gzip). WORKDIR and DB as left by a run of
# bench/serve-bench.sh WORKDIR DB. Needs perf (Debian: linux-perf) allowed to attach to the
# servers (root, or kernel.perf_event_paranoid at 1 or less). The profiler slows both servers,
# so read the stages against each other, not the totals against req/s. The stage methods are
# kept from being inlined, so that their frames are there to be counted. PERF_DATA=FILE keeps
# the recording for perf report, and the JVMs' symbol maps in /tmp/perf-PID.map.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 WORKDIR DB [dir|stored|deflated] [SECONDS]" >&2
    exit 2
fi
work=$1
db=$2
route=${3:-dir}
seconds=${4:-20}
case $route in
    dir|stored|deflated) ;;
    *) echo "ROUTE must be dir, stored or deflated, not '$route'" >&2; exit 2 ;;
esac
command -v perf > /dev/null || { echo "perf is missing (Debian: apt-get install linux-perf)" >&2; exit 2; }
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
require_serve_run "$work" "$db" "$route"

stages=(
    "io.helidon.webserver.http1.Http1Connection::route"
    "io.helidon.webserver.http1.Http1ServerResponse\$BlockingOutputStream::write"
    "imageserver.web.DataService::answer"
    "imageserver.web.DataService::sendBody"
)
profiling="-XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer -XX:+DumpPerfMapAtExit -XX:CompileCommand=quiet"
for method in "${stages[@]}"; do
    profiling="$profiling -XX:CompileCommand=dontinline,$method"
done

copy=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$copy"; }
trap cleanup EXIT
SERVE_JAVA_OPTS="${SERVE_JAVA_OPTS:-} $profiling" start_in_memory_route 18085 "$work/img/dirs" "$copy/mem.log"
pids+=($!)
mem_pid=$!
cp "$db.mv.db" "$copy/index.mv.db"
JAVA_OPTS="${JAVA_OPTS:-} $profiling" target/image-server serve --db "$copy/index" --host 127.0.0.1 --port 18086 > "$copy/serve.log" 2>&1 &
pids+=($!)
serve_pid=$!  # the launcher execs the JVM
wait_until_serving "$work" 18085 18086

load() {  # PORT PATHS SECONDS -> requests answered
    ENCODING="gzip, deflate, br, zstd" PATHS="$work/run/$2.paths" wrk -t2 -c64 -d"$3s" -s "$work/run/paths.lua" "http://127.0.0.1:$1" |
        awk '/requests in/ {print $1}'
}
load 18085 mem "${WARMUP:-15}" > /dev/null
load 18086 "$route" "${WARMUP:-15}" > /dev/null
perf record -q -F 999 -g -p "$mem_pid,$serve_pid" -o "$copy/perf.data" 2> /dev/null &
recorder=$!
sleep 1
mem_requests=0
file_requests=0
for round in $(seq "$seconds"); do  # which goes first alternates
    if [ $((round % 2)) = 1 ]; then
        mem_requests=$((mem_requests + $(load 18085 mem 1)))
        file_requests=$((file_requests + $(load 18086 "$route" 1)))
    else
        file_requests=$((file_requests + $(load 18086 "$route" 1)))
        mem_requests=$((mem_requests + $(load 18085 mem 1)))
    fi
done
kill -INT "$recorder"
wait "$recorder" || true
kill "$mem_pid" "$serve_pid"
wait "$mem_pid" "$serve_pid" 2> /dev/null || true  # at exit each JVM writes the map that names its compiled frames

# Each sample (a stack, innermost frame first) of process PID goes to the innermost stage whose frame it holds.
count() {  # PID REQUESTS -> "stage microseconds" lines
    perf script -i "$copy/perf.data" --pid "$1" -F ip,sym 2> /dev/null | awk -v requests="$2" '
        BEGIN { RS = ""; FS = "\n" }
        {
            stage = "outside"
            if (index($0, "Http1Connection.handle(")) stage = "request"
            if (index($0, "Http1Connection.route(")) stage = "routing"
            if (index($0, "DataService.answer(")) stage = "handler"
            if (index($0, "DataService.sendBody(")) stage = "copy"
            if (index($0, "BlockingOutputStream.write(")) stage = "write"
            samples[stage]++
            total++
            if (index($1, "StubRoutines")) samples["copies"]++
            if (index($0, "__schedule")) samples["scheduling"]++
            if (index($0, "UnixNativeDispatcher.stat")) samples["stat"]++
        }
        END {
            for (s in samples) printf "%s %.1f\n", s, samples[s] * 1e6 / 999 / requests
            printf "total %.1f\n", total * 1e6 / 999 / requests
            printf "requests %d\n", requests
        }'
}
[ -z "${PERF_DATA:-}" ] || cp "$copy/perf.data" "$PERF_DATA"
count "$mem_pid" "$mem_requests" > "$copy/mem.stages"
count "$serve_pid" "$file_requests" > "$copy/file.stages"

value() { awk -v s="$2" '$1 == s {print $2; found = 1} END {if (!found) print 0}' "$copy/$1.stages"; }
echo "server CPU per request (µs) under perf: in-memory route against $route, $seconds × 1 s each in turn at 64 connections"
printf "%-62s %10s %10s %8s\n" stage in-memory "$route" extra
row() {  # LABEL STAGE
    local mem file
    mem=$(value mem "$2")
    file=$(value file "$2")
    printf "%-62s %10s %10s %+8.1f\n" "$1" "$mem" "$file" "$(echo "$file - $mem" | bc -l)"
}
row "reading the request (outside routing)" request
row "filters, access log, route matching (and a handler's own work)" routing
row "the handler before its first write (lookup, stat, headers)" handler
row "reading the body into the buffer (mapping copy, inflating)" copy
row "socket writes, Java and kernel" write
row "the rest: other threads (GC, JIT, access log), idle carriers" outside
row "all" total
echo "of which, wherever they happen:"
row "  array copies (the JIT's copy stubs)" copies
row "  stat of the file" stat
row "  kernel scheduling" scheduling
echo "requests profiled: $(value mem requests) in-memory, $(value file requests) $route; processes $mem_pid and $serve_pid"
[ -n "${PERF_DATA:-}" ] || rm -f "/tmp/perf-$mem_pid.map" "/tmp/perf-$serve_pid.map"
