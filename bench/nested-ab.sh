#!/bin/bash
# Cold index of the same ZIPs in two shapes by one build, alternating: the folder that holds
# them as one source (its archives opened as part of it), then the ZIPs given as top-level
# sources. Prints each run's wall time and entries per second, then the medians and their ratio.
#
#   bench/nested-ab.sh SET ROUNDS LAUNCHER
#
# SET is a folder written by bench/GenerateDataSet.java (SET/zips/*.zip); LAUNCHER is a build's
# target/image-server. Each run indexes into a fresh temporary index.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: $0 SET ROUNDS LAUNCHER" >&2
    exit 2
fi
set_dir=$1
rounds=$2
launcher=$3
shapes=("$set_dir/zips" "$set_dir/zips/*.zip")
names=(folder top-level)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A rates

for round in $(seq "$rounds"); do
    for side in 0 1; do
        rm -rf "$work/index"
        start=$(date +%s.%N)
        "$launcher" index "${shapes[$side]}" --db "$work/index/index" >"$work/out" 2>/dev/null
        wall=$(echo "$(date +%s.%N) - $start" | bc)
        added=$(grep -o 'added: [0-9]*' "$work/out" | tr -dc 0-9)
        rate=$(echo "$added / $wall" | bc)
        printf '%-9s round %d: %d entries in %.2f s, %d entries/s\n' "${names[$side]}" "$round" "$added" "$wall" "$rate"
        rates[$side]="${rates[$side]:-} $rate"
    done
done

median() {
    printf '%s\n' $1 | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}
folder=$(median "${rates[0]}")
top=$(median "${rates[1]}")
echo "median entries/s: folder $folder, top-level $top, ratio $(echo "scale=3; $folder / $top" | bc)"
