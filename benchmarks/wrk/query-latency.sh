#!/bin/bash
# Query API latency with wrk at fixed rates (docs/performance.md, "Query API latency").
# usage: query-latency.sh <port of instance A> <dir with query-bench-*.txt> [pid of the serving JVM] [kinds]
#   kinds: default "health local forwarded" (health = /v1/health, the same-run baseline); add "fanout" for
#   top-talkers.
# Runs a 10 s warm-up, then 20 s per rate (100, 250, 500 requests/s) and kind. For each run it prints the machine
# load, wrk's p50/p99, the rate reached, the pacing script's count of late sends and, with a pid, the CPU the
# serving JVM (broker + both instances) used per request, from /proc/<pid>/stat (user + system ticks), less what the
# same JVM uses with no requests (measured for 20 s first: the broker and the stream threads tick while idle).
set -euo pipefail
port=$1
dir=$2
pid=${3:-}
kinds=${4:-health local forwarded}
here=$(cd "$(dirname "$0")" && pwd)
ticks_per_s=$(getconf CLK_TCK)

cpu_ticks() {
  [ -n "$pid" ] && awk '{print $14 + $15}' "/proc/$pid/stat" || echo 0
}

idle_per_s=0
if [ -n "$pid" ]; then
  before=$(cpu_ticks)
  sleep 20
  idle_per_s=$(awk -v t=$(($(cpu_ticks) - before)) -v hz="$ticks_per_s" 'BEGIN {print t / hz / 20}')
  echo "serving JVM CPU with no requests: $idle_per_s s per s"
fi
PATHS_FILE=$dir/query-bench-local.txt RATE=100 wrk -t1 -c20 -d10s -s "$here/query-fixed-rate.lua" \
    "http://127.0.0.1:$port" > /dev/null
for rate in 100 250 500; do
  for kind in $kinds; do
    echo "=== $kind, $rate requests/s asked; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    before=$(cpu_ticks)
    out=$(PATHS_FILE=$dir/query-bench-$kind.txt RATE=$rate wrk -t1 -c20 -d20s --latency \
        -s "$here/query-fixed-rate.lua" "http://127.0.0.1:$port")
    after=$(cpu_ticks)
    echo "$out" | grep -E '^ +(50|99)%|Requests/sec|requests in|paced|Non-2xx|Socket errors'
    if [ -n "$pid" ]; then
      requests=$(echo "$out" | awk '/requests in/ {print $1}')
      awk -v t=$((after - before)) -v hz="$ticks_per_s" -v n="$requests" -v idle="$idle_per_s" 'BEGIN {
          busy = t / hz - 20 * idle
          printf "serving JVM CPU: %.2f ms per request (%.1f s in 20 s, %.1f s above idle, %d requests)\n",
              1000 * busy / n, t / hz, busy, n }'
    fi
  done
done
