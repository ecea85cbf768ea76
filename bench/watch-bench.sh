#!/bin/bash
# serve watching an index (the 1.1M set's): how long the watch takes to set up, the first answer,
# serve's CPU while nothing changes, and how soon files added to a folder source show in
# /api/health (ADDS files one at a time, then 1,000 copied in at once).
#
#   bench/watch-bench.sh SET DB LAUNCHER [ADDS] [IDLE_SECONDS]
#
# SET is a folder written by bench/GenerateDataSet.java whose SET/dirs is a source of DB (for
# instance DB indexed from "SET/zips/*.zip" SET/dirs); LAUNCHER is a build's target/image-server.
# serve runs on a copy of DB. The files added go into SET/dirs and are deleted at the end.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 SET DB LAUNCHER [ADDS] [IDLE_SECONDS]" >&2
    exit 2
fi
set_dir=$1
db=$2
launcher=$3
adds=${4:-50}
idle=${5:-60}
port=18097
work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -f "$set_dir"/dirs/folder-*/watch-bench-*.jpg
    rm -rf "$set_dir/dirs/watch-bench-copy" "$work"
}
trap cleanup EXIT
cp "$db.mv.db" "$work/index.mv.db"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
files() { curl -s "localhost:$port/api/health" | grep -o '"files": [0-9]*' | tr -dc 0-9; }
await_files() {  # COUNT: polls health until it says COUNT files
    until [ "$(files)" = "$1" ]; do sleep 0.02; done
}
percentile() {  # P FILE
    sort -n "$2" | awk -v p="$1" '{v[NR] = $1} END {i = int(NR * p / 100 + 0.999); print v[i < 1 ? 1 : i]}'
}

start=$(now_ms)
"$launcher" serve --db "$work/index" --host 127.0.0.1 --port "$port" > "$work/out" 2> "$work/err" &
pid=$!
until curl -sf -o /dev/null "localhost:$port/api/health"; do sleep 0.01; done
echo "first answer after $(( $(now_ms) - start )) ms"
until grep -q "for changes" "$work/out"; do sleep 0.05; done
echo "ready after $(( $(now_ms) - start )) ms: $(grep "for changes" "$work/out")"

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep "$idle"
after=$(ticks)
echo "idle: $(echo "scale=2; ($after - $before) * 100 / $(getconf CLK_TCK) / $idle" | bc)% of one core over $idle s"

count=$(files)
for i in $(seq "$adds"); do
    folder=$(printf 'folder-%04d' $((RANDOM % 1000)))
    t=$(now_ms)
    echo "added $i" > "$set_dir/dirs/$folder/watch-bench-$i.jpg"
    count=$((count + 1))
    await_files "$count"
    echo $(( $(now_ms) - t )) >> "$work/latencies"
done
echo "one file added, until health counts it ($adds adds, ms): median $(percentile 50 "$work/latencies"),"\
     "p95 $(percentile 95 "$work/latencies"), max $(percentile 100 "$work/latencies")"

mkdir "$work/batch"
for i in $(seq 1000); do echo "batch $i" > "$work/batch/p$i.jpg"; done
t=$(now_ms)
cp -r "$work/batch" "$set_dir/dirs/watch-bench-copy"
await_files $((count + 1000))
echo "1,000 files copied in at once, until health counts them: $(( $(now_ms) - t )) ms"
grep -c "library updated" "$work/out" | sed 's/^/rescans that changed the index: /'
