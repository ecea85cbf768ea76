#!/bin/bash
# Cold index of a data set into H2 and into PostgreSQL by the same build, alternating, so that
# both see the same minutes of a noisy machine: wall time, CPU (user+system) of image-server and
# of the PostgreSQL server, and the bytes per entry each stores; then the medians.
#
#   bench/postgres-ab.sh SET ROUNDS LAUNCHER
#
# The PostgreSQL database is libpq's (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD): each run
# indexes into a fresh schema bench_ab of it, dropped at the end. SET and LAUNCHER as for
# index-ab.sh. The server's CPU is what its processes used meanwhile (/proc, same machine only).
set -euo pipefail
export PGOPTIONS='--client-min-messages=warning'

if [ $# -ne 3 ]; then
    echo "usage: $0 SET ROUNDS LAUNCHER  (PostgreSQL from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD)" >&2
    exit 2
fi
set_dir=$1
rounds=$2
launcher=$3
sources=("$set_dir/zips/*.zip")
[ -d "$set_dir/dirs" ] && sources+=("$set_dir/dirs")
url="jdbc:postgresql://${PGHOST:-localhost}:${PGPORT:-5432}/${PGDATABASE:?}?user=${PGUSER:?}&currentSchema=bench_ab"

work=$(mktemp -d)
trap 'rm -rf "$work"; psql -qc "DROP SCHEMA IF EXISTS bench_ab CASCADE" >/dev/null 2>&1 || true' EXIT
declare -A walls

# CPU used so far by the PostgreSQL server, in ticks (100 per second): the postmaster's own and
# that of the backends it reaped (cutime, cstime), plus the backends still running.
server_cpu() {
    local main total pid
    main=$(pgrep -xo postgres)
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$main/stat")
    for pid in $(pgrep -P "$main"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

for round in $(seq "$rounds"); do
    for side in h2 postgresql; do
        rm -rf "$work/index"
        if [ $side = h2 ]; then
            db="$work/index/index"
        else
            psql -qc "DROP SCHEMA IF EXISTS bench_ab CASCADE; CREATE SCHEMA bench_ab" >/dev/null
            db=$url
        fi
        before=$(server_cpu)
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
            "$launcher" index "${sources[@]}" --db "$db" >/dev/null 2>&1 || true
        server=$(( $(server_cpu) - before ))
        read -r wall user sys rss < "$work/time"
        if [ $side = h2 ]; then
            bytes=$(stat -c %s "$work/index/index.mv.db")
        else
            bytes=$(psql -Atc "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'bench_ab' AND c.relkind = 'r'")
        fi
        entries=$("$launcher" sources --db "$db" | awk 'NR > 1 {sum += $2} END {print sum + 0}')
        printf '%-10s round %d: %s s, CPU %s s (+ server %s s), peak RSS %d MB, %d entries, %d bytes/entry\n' \
            $side "$round" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $server / 100" | bc)" \
            $((rss / 1024)) "$entries" $((bytes / (entries > 0 ? entries : 1)))
        walls[$side]="${walls[$side]:-} $wall"
    done
done

median() {
    printf '%s\n' $1 | sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}
for side in h2 postgresql; do
    echo "$side: median $(median "${walls[$side]}") s over $rounds runs"
done
