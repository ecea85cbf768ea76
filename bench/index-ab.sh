#!/bin/bash
# Cold index of a data set by two builds, alternating, so that both see the same minutes of a
# noisy machine: wall time, CPU (user+system) and peak RSS of each run, then the medians.
#
#   bench/index-ab.sh SET ROUNDS LAUNCHER_A LAUNCHER_B
#
# SET is a folder written by bench/GenerateDataSet.java (SET/zips/*.zip, SET/dirs); a launcher
# is the target/image-server of a build (copy a build's target/ folder to keep it: the launcher
# finds its jar and caches next to itself). Each run indexes into a fresh temporary index.
set -euo pipefail

if [ $# -ne 4 ]; then
    echo "usage: $0 SET ROUNDS LAUNCHER_A LAUNCHER_B" >&2
    exit 2
fi
set_dir=$1
rounds=$2
launchers=("$3" "$4")
sources=("$set_dir/zips/*.zip")
[ -d "$set_dir/dirs" ] && sources+=("$set_dir/dirs")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A walls

for round in $(seq "$rounds"); do
    for side in 0 1; do
        launcher=${launchers[$side]}
        rm -rf "$work/index"
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
            "$launcher" index "${sources[@]}" --db "$work/index/index" >/dev/null 2>&1 || true
        read -r wall user sys rss < "$work/time"
        bytes=$(stat -c %s "$work/index/index.mv.db")
        printf '%s round %d: %s s, CPU %s s, peak RSS %d MB, %d MB on disk\n' "$launcher" "$round" "$wall" \
            "$(echo "$user + $sys" | bc)" $((rss / 1024)) $((bytes / 1000000))
        walls[$side]="${walls[$side]:-} $wall"
    done
done

median() {
    printf '%s\n' $1 | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}
for side in 0 1; do
    echo "${launchers[$side]}: median $(median "${walls[$side]}") s over $rounds runs"
done
