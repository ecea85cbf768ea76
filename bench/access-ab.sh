#!/bin/bash
# The data route of one build served three ways, alternating so that all see the same minutes of
# a noisy machine: open (plain HTTP, no password), with a password (each request brings a session
# cookie), and over HTTPS (no password). 64 connections, SECONDS each: req/s, CPU per request,
# p50, p99, slowest; the password and HTTPS as × the round's open server.
#
#   bench/access-ab.sh WORKDIR DB ROUNDS [SECONDS]
#
# WORKDIR and DB as left by a run of bench/serve-bench.sh WORKDIR DB. ROUTE picks the request
# list (default dir: images in folders). Runs this checkout's target/image-server; each server
# serves its own copy of DB, with --no-watch.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 WORKDIR DB ROUNDS [SECONDS]" >&2
    exit 2
fi
work=$1
db=$2
rounds=$3
seconds=${4:-10}
route=${ROUTE:-dir}
cd "$(dirname "$0")/.."
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
require_serve_run "$work" "$db" "$route"

tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
# P-256, as certbot makes by default.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
    -subj /CN=localhost 2> /dev/null
printf 'a benchmark pass phrase\n' > "$tmp/pass.txt"
chmod 600 "$tmp/pass.txt"
# One copy brought to the current schema first, so that no server migrates while measured.
mkdir "$tmp/base"
cp "$db.mv.db" "$tmp/base/index.mv.db"
target/image-server sources --db "$tmp/base/index" > /dev/null
names=(open password https)
ports=(18080 18083 18084)
extra=("" "--password-file $tmp/pass.txt" "--tls-cert $tmp/cert.pem --tls-key $tmp/key.pem")
for i in 0 1 2; do
    mkdir "$tmp/${names[$i]}"
    cp "$tmp/base/index.mv.db" "$tmp/${names[$i]}/index.mv.db"
    # shellcheck disable=SC2086
    target/image-server serve --db "$tmp/${names[$i]}/index" --host 127.0.0.1 --port "${ports[$i]}" --no-watch \
        ${extra[$i]} > "$tmp/${names[$i]}.log" 2>&1 &
    pids+=($!)
done
until curl -sf -o /dev/null localhost:18080/api/health && curl -sf -o /dev/null localhost:18083/api/health \
    && curl -skf -o /dev/null https://localhost:18084/api/health; do sleep 0.2; done
cookie=$(curl -s -o /dev/null -D - --data-urlencode 'password=a benchmark pass phrase' localhost:18083/login \
    | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "the login failed: $(cat "$tmp/password.log")" >&2; exit 1; }
urls=(http://127.0.0.1:18080 http://127.0.0.1:18083 https://127.0.0.1:18084)
cookies=("" "$cookie" "")

write_paths_lua "$tmp/paths.lua"

measure() {  # index duration -> "req/s cpu-µs/req p50 p99 slowest [errors]"
    local cpu0 cpu1 out rps pid=${pids[$1]}
    cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(COOKIE="${cookies[$1]}" PATHS="$work/run/$route.paths" wrk -t2 -c64 -d"$2" --latency -s "$tmp/paths.lua" "${urls[$1]}")
    cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "$rps $(echo "($cpu1 - $cpu0) * 10000 / ($rps * ${2%s})" | bc) $(echo "$out" | awk '$1=="50%" || $1=="99%" {printf "%s ", $2} $1=="Latency" && !max {max=$4} END {print max}') $(echo "$out" | grep -E "Non-2xx|timeout" | tr -s ' ' | tr '\n' ' ')"
}
for i in 0 1 2; do
    measure "$i" "${WARMUP:-20}s" > /dev/null
done
echo "columns: req/s, CPU µs per request, p50, p99, slowest request (× the round's open server)"
for round in $(seq "$rounds"); do
    # Each round starts with another server, so none is always measured first.
    result=()
    for step in 0 1 2; do
        i=$(( (round + step) % 3 ))
        result[$i]=$(measure "$i" "${seconds}s")
    done
    open=${result[0]} password=${result[1]} https=${result[2]}
    printf "round %s  open %s   password %s (×%.2f)   https %s (×%.2f)\n" "$round" "$open" \
        "$password" "$(echo "${password%% *} / ${open%% *}" | bc -l)" "$https" "$(echo "${https%% *} / ${open%% *}" | bc -l)"
done
