#!/usr/bin/env bash
# Serve benchmark: req/s and latency of /api/{hash}/data for folder files, stored and deflated
# ZIP entries (real ~120 KB JPEG, PNG and WebP images in nested folders, bench/GenerateImages.java), side by side in one run with the ceiling of the HTTP layer (the same
# Helidon settings sending the bytes from memory, written as image-server writes a body; also
# through Helidon's own send(byte[]), which copies it), the same route reading each file from
# disk per request (the floor of file I/O without zero-copy; bench class InMemoryServer) and
# nginx (sendfile) on the same folder; then the viewer page and the random redirect; the RSS.
# Needs wrk, nginx and cwebp (Debian: apt-get install wrk nginx-light webp).
# The server starts through the launcher, target/image-server, with its flags for serve, and the
# in-memory route with the same flags; SERVE_JAVA_OPTS are added after them, for both
# (e.g. SERVE_JAVA_OPTS="-XX:+UseG1GC -Xmx4g").
# Usage: [SERVE_JAVA_OPTS=...] [WARMUP=SECONDS] bench/serve-bench.sh [WORKDIR] [DB] [SECONDS]
#   WARMUP (default 15) is the load each route gets before the measured runs: a fresh JVM takes
#   20-30 s of full load to reach its steady rate, and the two servers' routes share the JIT.
#   DB defaults to a fresh index of the images alone; pass the 1.1M index of bench/index-bench.sh
#   to measure at that size (the images are added to it incrementally).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/image-server-serve-bench}
db=${2:-$work/db/index}
seconds=${3:-10}
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
jar=target/image-server.jar
cp="$jar:target/test-classes"
[ -x target/image-server ] && [ -d target/test-classes ] || mvn -q -B test-compile package -DskipTests
img="$work/img"
[ -d "$img/dirs" ] || "$java" bench/GenerateImages.java "$img"
mkdir -p "$work/run"
"$java" -jar "$jar" index "$img/dirs" "$img/stored.zip" "$img/deflated.zip" --db "$db" >/dev/null 2>&1

hashes() { "$java" -cp "$cp" imageserver.bench.SourceHashes "$db" "$1" "$img/dirs" 2>/dev/null; }
hashes "$img/dirs" | sed 's#.*#/api/&/data#' > "$work/run/dir.paths"
hashes "$img/stored.zip" | sed 's#.*#/api/&/data#' > "$work/run/stored.paths"
hashes "$img/deflated.zip" | sed 's#.*#/api/&/data#' > "$work/run/deflated.paths"
# The same files, in the same (path) order as the hashes: by name from memory, by path from nginx.
find "$img/dirs" -type f -printf '%P\n' | LC_ALL=C sort | sed 's#.*/##; s#^#/mem/#' > "$work/run/mem.paths"
sed 's#^/mem/#/disk/#' "$work/run/mem.paths" > "$work/run/disk.paths"
sed 's#^/mem/#/mem-send/#' "$work/run/mem.paths" > "$work/run/mem-send.paths"
sed 's#^/mem/#/map/#' "$work/run/mem.paths" > "$work/run/map.paths"
find "$img/dirs" -type f -printf '%P\n' | LC_ALL=C sort | sed 's#^#/#' > "$work/run/nginx.paths"

cat > "$work/run/nginx.conf" <<NGINX
worker_processes 2;
pid $work/run/nginx.pid;
error_log $work/run/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $work/run/nginx-access.log;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  types { image/jpeg jpg; image/png png; image/webp webp; }
  server { listen 127.0.0.1:18082; root $img/dirs; }
}
NGINX

cleanup() { kill "${server_pid:-}" "${mem_pid:-}" 2>/dev/null || true; nginx -p "$work/run" -c "$work/run/nginx.conf" -s stop 2>/dev/null || true; }
trap cleanup EXIT
JAVA_OPTS="${SERVE_JAVA_OPTS:-}" target/image-server serve --db "$db" --host 127.0.0.1 --port 18080 > "$work/run/serve.log" 2>&1 &
server_pid=$!
# shellcheck source=bench/serve-common.sh
. bench/serve-common.sh
write_paths_lua "$work/run/paths.lua"
start_in_memory_route 18081 "$img/dirs" "$work/run/mem.log"
mem_pid=$!
nginx -p "$work/run" -c "$work/run/nginx.conf"
wait_until_serving "$work" 18081 18080

# Requests carry a browser's Accept-Encoding, as the viewer's do (deflated ZIP entries then go out
# as archived, wrapped as gzip); the zip-deflated-identity row sends none, so the server inflates.
browser_encoding="gzip, deflate, br, zstd"
run() {  # name port paths connections [Accept-Encoding] -> "req/s p50 p99"
    local out
    out=$(ENCODING="${5-$browser_encoding}" PATHS="$work/run/$3.paths" wrk -t2 -c"$4" -d"${seconds}s" --latency -s "$work/run/paths.lua" "http://127.0.0.1:$2" 2>&1)
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}') $(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "[%s]", $0}')"
}
# Warm up the JITs of both Java servers before measuring.
for target in "18080 dir" "18080 stored" "18080 deflated" "18080 deflated identity" "18081 mem" "18081 mem-send" "18081 disk"; do
    set -- $target
    encoding=$browser_encoding; [ "${3:-}" = identity ] && encoding=
    ENCODING=$encoding PATHS="$work/run/$2.paths" wrk -t2 -c64 -d"${WARMUP:-15}s" -s "$work/run/paths.lua" "http://127.0.0.1:$1" >/dev/null
done

printf "%-26s %5s %10s %10s %10s %8s %8s\n" target conns req/s p50 p99 "x mem" "x disk"
for conns in 16 64; do
    mem=$(run mem 18081 mem "$conns"); memrps=${mem%% *}
    disk=$(run disk 18081 disk "$conns"); diskrps=${disk%% *}
    for target in "in-memory-route 18081 mem" "in-memory-helidon-send 18081 mem-send" "disk-read-route 18081 disk" "folder-files 18080 dir" "zip-stored 18080 stored" "zip-deflated 18080 deflated" "zip-deflated-identity 18080 deflated" "nginx-sendfile 18082 nginx"; do
        set -- $target
        if [ "$1" = in-memory-route ]; then result=$mem
        elif [ "$1" = disk-read-route ]; then result=$disk
        elif [ "$1" = zip-deflated-identity ]; then result=$(run "$1" "$2" "$3" "$conns" "")
        else result=$(run "$1" "$2" "$3" "$conns"); fi
        rps=${result%% *}
        printf "%-26s %5s %10s %10s %10s %8.2f %8.2f %s\n" "$1" "$conns" $(echo "$result" | cut -d' ' -f1-3) \
            "$(echo "$rps / $memrps" | bc -l)" "$(echo "$rps / $diskrps" | bc -l)" "$(echo "$result" | cut -d' ' -f4-)"
    done
done
# The viewer page of a file, and the random redirect of / (302, not followed).
hashes "$img/dirs" | sed 's#.*#/&#' > "$work/run/viewer.paths"
echo "/" > "$work/run/random.paths"
for conns in 16 64; do
    for target in "viewer-page viewer" "random-redirect random"; do
        set -- $target
        result=$(run "$1" 18080 "$2" "$conns")
        printf "%-26s %5s %10s %10s %10s %8s %8s %s\n" "$1" "$conns" $(echo "$result" | cut -d' ' -f1-3) "" "" "$(echo "$result" | cut -d' ' -f4-)"
    done
done
# RssFile: pages mapped from files (the AOT cache, files served from memory mappings), which are the page cache.
echo "image-server RSS after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status) ($(awk '/RssAnon|RssFile/ {printf "%s %s %s ", $1, $2, $3}' /proc/$server_pid/status | sed 's/ $//'))"
