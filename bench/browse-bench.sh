#!/bin/bash
# A folder's page and its pages of files, for a folder of 100 files and one of 100,000 (and the
# files of one of them deep in it): each folder is a source of its own in one index, served by
# target/image-server; wrk times each over loopback.
#
#   bench/browse-bench.sh [WORKDIR]
#
# WORKDIR (default a temporary folder) keeps the folders and the index between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
port=${PORT:-8947}
for n in 100 100000; do
    if [ ! -d "$work/f$n" ]; then
        mkdir -p "$work/f$n"
        (cd "$work/f$n" && seq -f "img%06g.jpg" 1 "$n" | xargs touch)
    fi
done
target/image-server index "$work/f100" "$work/f100000" --db "$work/index" > /dev/null
target/image-server serve --db "$work/index" --port "$port" --host 127.0.0.1 > "$work/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null' EXIT
base=http://127.0.0.1:$port
until curl -sf "$base/api/health" > /dev/null; do sleep 0.2; done
page() {  # the /browse/HASH of the source named $1
    curl -s "$base/browse" | grep -o "href=\"/browse/[0-9a-f]*\"><img[^>]*><span class=\"name\">$1<" | cut -d/ -f3 | cut -d'"' -f1
}
small=$(page f100)
large=$(page f100000)
deep=$(curl -s "$base/api/browse/$large?offset=99990&limit=1" | grep -o '"hash": "[0-9a-f]*"' | cut -d'"' -f4)
cases=("100-file folder's page|/browse/$small"
       "100,000-file folder's page|/browse/$large"
       "100,000-file folder's page at its 99,991st file|/browse/$large?at=$deep"
       "100,000-file folder's files 99,001-99,120|/api/browse/$large?offset=99000&limit=120")
# Each once first, unmeasured, so that none is measured while the JIT compiles what it runs.
for case in "${cases[@]}"; do wrk -t1 -c1 -d2s "$base${case#*|}" > /dev/null; done
# One connection, kept alive, for 5 s each: the server's time per request, without curl's start.
for case in "${cases[@]}"; do
    printf '%-52s ' "${case%%|*}"
    wrk -t1 -c1 -d5s "$base${case#*|}" | awk '/Latency/ {printf "latency %s avg, %s max; ", $2, $4} /Requests\/sec/ {print $2 " req/s"}'
done
