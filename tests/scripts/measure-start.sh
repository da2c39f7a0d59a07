#!/usr/bin/env bash
# Start-to-first-step and RSS of `relay-mesos run` (the embedded demo, SQLite in a fresh folder, web UI off) for several
# builds, alternating run by run so that every build sees the same machine load; the load is printed beside each run.
#   RUNS=3 tests/scripts/measure-start.sh before=/tmp/old/relay-mesos.dll after=/tmp/new/relay-mesos.dll published=/tmp/pub/relay-mesos
# A path ending in .dll runs through `dotnet`, anything else is executed. Start to first step: launch until the first
# "step N:" log line (under heavy load a term can lose its lease before its first step is logged). RSS: VmRSS at SETTLE s after launch (default 30), while the demo runs.
set -euo pipefail
RUNS=${RUNS:-3}
SETTLE=${SETTLE:-30}
measure() {
  local label=$1 path=$2 dir pid t0 first="" rss
  dir=$(mktemp -d /tmp/relay-start-XXXXXX)
  t0=$(date +%s.%N)
  if [[ $path == *.dll ]]; then
    (cd "$dir" && exec dotnet "$path" run --set relay.web.enabled=false >run.log 2>&1) &
  else
    (cd "$dir" && exec "$path" run --set relay.web.enabled=false >run.log 2>&1) &
  fi
  pid=$!
  for _ in $(seq 1 2400); do
    if grep -qE "step [0-9]+:" "$dir/run.log" 2>/dev/null; then first=$(date +%s.%N); break; fi
    sleep 0.05
  done
  while (( $(echo "$(date +%s.%N) - $t0 < $SETTLE" | bc) )); do sleep 0.5; done
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status 2>/dev/null || echo "?")
  kill -TERM $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  printf '%-8s start-to-first-step %6.2f s   RSS at %s s %4s MB   load %s\n' "$label" "$(echo "${first:-$t0} - $t0" | bc)" "$SETTLE" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf "$dir"
}
for _ in $(seq 1 "$RUNS"); do
  for pair in "$@"; do
    measure "${pair%%=*}" "${pair#*=}"
  done
done
