#!/usr/bin/env bash
# Broker-outage benchmark: the daemon takes the humanoid-1 telemetry load (simulated on DDS in the
# same JVM) while its embedded Kafka broker is stopped for --outage seconds and then started again
# on the same port and log directory. Reports how much queued up, how long the backlog took to
# drain, and checks in Kafka (read_committed) that every sealed batch arrived exactly once.
# Same scenario as BrokerOutageEndToEndTest (gateway-daemon), at full length.
# usage: bench/outage.sh [--seconds S] [--outage S]
#   --outage S   broker down for S seconds (default 1800: 30 minutes)
#   --seconds S  total run time, at least 10 + S_outage (default: 10 + outage + 60); the run goes
#                on past it until the backlog is drained (at most max(600, 2 x outage) s)
# Gateway logs go to a temporary file (printed on failure); EG_BENCH_DOMAIN sets the DDS domain (73).
# Last line: outage_s=… backlog_batches=… backlog_mb=… backlog_s=… reconnect_s=… drain_s=…
#            drain_x_realtime=…
#            sealed_batches=… kafka_batches=… evicted=… lost=… duplicates=…
# Exit code 0 if nothing was lost or duplicated.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds|--outage) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--outage S]" >&2; exit 2 ;;
  esac
done
cd "$here"
./mvnw -q -o -pl gateway-daemon -am package -DskipTests >&2
state="${EG_STATE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edge-gateway}"
mkdir -p "$state"
log="$(mktemp /tmp/eg-outage-bench.XXXXXX.log)"
cp="gateway-daemon/target/test-classes:gateway-daemon/target/classes:gateway-daemon/target/lib/*"
# Fast-DDS's native library prints "infoPtr = ..." lines on stdout; they are dropped.
set +e
java -Xms512m -Xmx2g -XX:+UseG1GC -Duser.home="$state" -cp "$cp" \
  io.edgegateway.daemon.BrokerOutageScenario --domain "${EG_BENCH_DOMAIN:-73}" "${args[@]}" \
  2>"$log" | grep --line-buffered -v '^infoPtr = '
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "outage bench failed (exit $status); last gateway log lines ($log):" >&2
  tail -30 "$log" >&2
else
  rm -f "$log"
fi
exit "$status"
