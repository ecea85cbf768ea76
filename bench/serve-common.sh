# Sourced by the serve benchmarks (serve-bench.sh, serve-ab.sh, serve-ratio.sh, serve-rss.sh,
# serve-profile.sh), from the checkout's top folder.

# Exits unless DB is an index and WORKDIR holds the request list LIST that a run of
# bench/serve-bench.sh WORKDIR DB leaves in WORKDIR/run.
require_serve_run() {  # WORKDIR DB LIST
    [ -f "$2.mv.db" ] || { echo "no index at $2.mv.db" >&2; exit 2; }
    [ -f "$1/run/$3.paths" ] || { echo "no $1/run/$3.paths: run bench/serve-bench.sh $1 $2 first" >&2; exit 2; }
}

# Writes the wrk script every serve benchmark runs: GET each path of the file named by $PATHS in
# turn, with Accept-Encoding $ENCODING and Cookie $COOKIE when they are set.
write_paths_lua() {  # FILE
    cat > "$1" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local headers = {}
if (os.getenv("ENCODING") or "") ~= "" then headers["Accept-Encoding"] = os.getenv("ENCODING") end
if (os.getenv("COOKIE") or "") ~= "" then headers["Cookie"] = os.getenv("COOKIE") end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end
LUA
}

# Starts the in-memory reference route (bench class InMemoryServer) on PORT for the images under
# DIR, writing to LOG, in the background (its pid in $!). It runs with the JVM flags the launcher
# gives serve (heap, collector, malloc), so that ratios against it measure lookup, file I/O and
# inflating rather than two JVM configurations; SERVE_JAVA_OPTS are added after them, and a
# collector named there replaces the launcher's, as in the launcher.
start_in_memory_route() {  # PORT DIR LOG
    local java=${JAVA_HOME:+$JAVA_HOME/bin/}java flags threshold
    flags=$(sed -n 's/.*serve) gc=\([^;]*\); memory="\([^"]*\)".*/\1 \2/p' target/image-server)
    [ -n "$flags" ] || { echo "cannot read serve's JVM flags from target/image-server" >&2; return 1; }
    threshold=$(sed -n 's/.*MALLOC_MMAP_THRESHOLD_:-\([0-9]*\).*/\1/p' target/image-server)
    case " ${SERVE_JAVA_OPTS:-} " in
        *" -XX:+Use"*"GC "*) flags=${flags/-XX:+UseSerialGC/} ;;
    esac
    # shellcheck disable=SC2086
    MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-$threshold} "$java" $flags ${SERVE_JAVA_OPTS:-} --finalization=disabled \
        -cp target/image-server.jar:target/test-classes imageserver.bench.InMemoryServer "$1" "$2" > "$3" 2>&1 &
}

# Waits until the in-memory route on MEM_PORT serves the first image of WORKDIR's request list
# and the image-server on each other PORT answers its health check.
wait_until_serving() {  # WORKDIR MEM_PORT PORT...
    local work=$1 mem=$2 port
    shift 2
    until curl -sf -o /dev/null "localhost:$mem$(head -1 "$work/run/mem.paths")"; do sleep 0.2; done
    for port in "$@"; do
        until curl -sf -o /dev/null "localhost:$port/api/health"; do sleep 0.2; done
    done
}

# Milliseconds in one of wrk's latency figures (850.00us, 8.01ms, 1.02s).
to_ms() {
    echo "$1" | awk '/us$/ {print $1 / 1000; next} /ms$/ {print $1 + 0; next} /s$/ {print $1 * 1000; next} {print $1}'
}
