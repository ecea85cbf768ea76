#!/bin/bash
# Thumbnails per second of 12-megapixel camera-like JPEGs: libvips' own vipsthumbnail (Debian
# libvips-tools; one process per core, as xargs -P runs them) against image-server's thumbnailer
# (bench class ThumbnailBenchmark, WORKERS workers, default the number of cores), both to a
# longest side of 320 px, alternating ROUNDS times, so both see the same minutes of the machine.
#
#   bench/thumb-bench.sh PHOTOS [ROUNDS] [WORKERS]
#
# PHOTOS: a folder of JPEGs, made once by java bench/GeneratePhotos.java PHOTOS (16 of 4000x3000).
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 PHOTOS [ROUNDS] [WORKERS]" >&2
    exit 2
fi
photos=$1
rounds=${2:-3}
cores=$(nproc)
workers=${3:-$cores}
cd "$(dirname "$0")/.."
command -v vipsthumbnail > /dev/null || { echo "needs vipsthumbnail (apt-get install libvips-tools)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count=$(find "$photos" -maxdepth 1 -name '*.jpg' | wc -l)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
for round in $(seq "$rounds"); do
    start=$(date +%s.%N)
    find "$photos" -maxdepth 1 -name '*.jpg' -print0 \
        | xargs -0 -P "$cores" -n $(( (count + cores - 1) / cores )) vipsthumbnail --size 320 -o "$out/%s.jpg"
    vips=$(echo "$count / ($(date +%s.%N) - $start)" | bc -l)
    ours=$("$java" -Xmx112m -cp target/image-server.jar:target/test-classes imageserver.bench.ThumbnailBenchmark \
        "$photos" "$workers" 2 | awk '/^round/ {rate=$(NF-1)} END {print rate}')
    printf "round %s  vipsthumbnail %.1f files/s   image-server (%s workers) %.1f files/s   ratio %.2f\n" \
        "$round" "$vips" "$workers" "$ours" "$(echo "$ours / $vips" | bc -l)"
done
