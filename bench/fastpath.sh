#!/usr/bin/env bash
# Control fast-path benchmark: one-way latency (same host, CLOCK_MONOTONIC) of 1 kHz reliable
# control samples (300 B), for
#   (a) direct:  Cyclone publisher -> Cyclone subscriber on one domain (one DDS hop, the floor)
#   (b) relay:   Cyclone publisher (domain A) -> edge-gateway relay -> Cyclone subscriber (domain B)
#   (c) loaded:  as (b) with humanoid-1x10 telemetry on domain A (edge-gateway simulate), queue.db
#                held by another sqlite3 connection's BEGIN EXCLUSIVE, and the broker down
#   (d) loaded direct: as (a), under the load of (c): what the load does to one DDS hop by itself
# The broker is down in (b) too (nothing listens on the configured bootstrap address).
# Each measurement starts the publisher once the subscriber has matched a writer, and leaves the
# first 500 samples (0.5 s) out of the latency statistics (warm-up; they still count for loss).
# The probe's publisher and subscriber stand for the robot's control software and run at nice
# --probe-nice (default -10, the fast path's own priority; needs root or CAP_SYS_NICE, else 0):
# on a robot, control runs above the sensor drivers that humanoid-1x10 stands for.
# usage: bench/fastpath.sh [--seconds S] [--probe-nice N]       (defaults 10, -10)
# Env: EG_JAVA_OPTS sets the daemon's JVM options (the launcher's defaults otherwise); the
#      simulator always runs with the launcher's defaults.
#      EG_BENCH_TRACE=PREFIX writes "seq sent_ns latency_ns" per sample to PREFIX.a .. PREFIX.d.
# Last line: direct_p99_us=A relay_p99_us=B loaded_p99_us=C lost=N
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=10
probe_nice=-10
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --probe-nice) probe_nice="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--probe-nice N]" >&2; exit 2 ;;
  esac
done
if ! nice -n "$probe_nice" true 2>/dev/null || [ "$(nice -n "$probe_nice" nice)" != "$probe_nice" ]; then
  echo "cannot run the probe at nice $probe_nice here; running it at nice 0" >&2
  probe_nice=0
fi
warmup=500
domain_a="${EG_BENCH_DOMAIN_A:-71}"
domain_b="${EG_BENCH_DOMAIN_B:-72}"
work="$(mktemp -d /tmp/eg-fastpath-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The probe: a Cyclone DDS C program (pub/sub) with the send time in the sample.
cp "$here/bench/fastpath/Ping.idl" "$here/bench/fastpath/latency.c" "$work/"
(cd "$work" && idlc Ping.idl 2>/dev/null && gcc -O2 -Wall -o latency latency.c Ping.c -lddsc)
probe="$work/latency"
topic="rt/bench/joint_commands" # relayed by the gateway
direct_topic="rt/bench/direct"  # not relayed: the direct measurements add no load to the relay

# One measurement: subscriber on $1, publisher on $2, topic $3; prints the subscriber's summary
# line. The publisher starts once the subscriber matched a writer.
measure() {
  local sub_domain="$1" pub_domain="$2" t="$3" out="$work/sub.$RANDOM"
  nice -n "$probe_nice" "$probe" sub "$sub_domain" "$t" "$seconds" "$warmup" ${EG_BENCH_TRACE:+"$EG_BENCH_TRACE.$4"} >"$out" &
  local sub=$!
  if [ "$t" = "$topic" ]; then
    # The subscriber matches the relay's writer on its own; wait for that before publishing.
    for _ in $(seq 1 300); do grep -q ready "$out" && break; sleep 0.1; done
  else
    sleep 0.5
  fi
  nice -n "$probe_nice" "$probe" pub "$pub_domain" "$t" 1000 "$seconds" 300 "$warmup" >/dev/null
  wait "$sub" || true
  tail -1 "$out"
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

echo "(a) direct Cyclone -> Cyclone, domain $domain_a, ${seconds}s at 1 kHz" >&2
direct="$(measure "$domain_a" "$domain_a" "$direct_topic" a)"
echo "direct: $direct"

# The gateway: control rule relayed A -> B, humanoid-1 telemetry rules, unreachable broker.
launcher="$here/bin/edge-gateway"
cat >"$work/bench.yaml" <<YAML
gateway:
  robot_id: bench-fastpath
  data_dir: $work/data
ros2:
  domain_id: $domain_a
  topics:
    - match: /bench/joint_commands
      type: trajectory_msgs/msg/JointTrajectory
      class: control
      qos: {reliability: reliable, history: keep_all}
      max_sample_bytes: 4096
      relay: {to_domain: $domain_b}
      mirror: {max_rate_hz: 50}
    - {match: /joint_states, type: sensor_msgs/msg/JointState}
    - {match: /imu/torso, type: sensor_msgs/msg/Imu}
    - {match: /imu/pelvis, type: sensor_msgs/msg/Imu}
    - {match: /ft/left_wrist, type: geometry_msgs/msg/WrenchStamped}
    - {match: /ft/right_wrist, type: geometry_msgs/msg/WrenchStamped}
    - {match: /ft/left_ankle, type: geometry_msgs/msg/WrenchStamped}
    - {match: /ft/right_ankle, type: geometry_msgs/msg/WrenchStamped}
    - {match: /camera/head/compressed, type: sensor_msgs/msg/CompressedImage, class: perception, max_sample_bytes: 256KiB}
    - {match: /camera/left/compressed, type: sensor_msgs/msg/CompressedImage, class: perception, max_sample_bytes: 256KiB}
    - {match: /camera/right/compressed, type: sensor_msgs/msg/CompressedImage, class: perception, max_sample_bytes: 256KiB}
    - {match: /diagnostics, type: diagnostic_msgs/msg/DiagnosticArray, class: diagnostics}
uplink:
  kafka: {bootstrap_servers: '127.0.0.1:9'}
http:
  bind: 127.0.0.1:0
YAML
"$launcher" run --verbose --config "$work/bench.yaml" >"$work/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "started" "$work/gateway.log" && break
  sleep 0.5
done
grep -q "started" "$work/gateway.log" || { echo "gateway did not start:" >&2; tail -20 "$work/gateway.log" >&2; exit 1; }
sleep 1

echo "(b) relay idle, domain $domain_a -> gateway -> domain $domain_b" >&2
relay="$(measure "$domain_b" "$domain_a" "$topic" b)"
echo "relay: $relay"
port="$(sed -n 's/.*http listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/gateway.log" | head -1)"
# The gateway's own part (DDS receive -> relay write complete), from its sliding-window gauges.
own_latency() {
  [ -n "$port" ] || return 0
  curl -s "http://127.0.0.1:$port/metrics" | grep '^gateway_fastpath_latency_seconds' \
    | sed -n 's/.*quantile="\([0-9.]*\)".* \([0-9.eE-]*\)$/q\1=\2/p' | tr '\n' ' '
}
echo "relay own latency (s): $(own_latency)"

echo "(c) relay under humanoid-1x10, disk stalled, broker down" >&2
stall_seconds=$((2 * seconds + 20))
(echo "BEGIN EXCLUSIVE;"; sleep "$stall_seconds"; echo "ROLLBACK;") | sqlite3 "$work/data/queue.db" &
pids+=($!)
env -u EG_JAVA_OPTS "$launcher" simulate --profile humanoid-1 --domain "$domain_a" --rate-scale 10 \
  --duration "$((2 * seconds + 20))s" >"$work/simulate.log" 2>&1 &
pids+=($!)
sleep 3
loaded="$(measure "$domain_b" "$domain_a" "$topic" c)"
echo "loaded: $loaded"
echo "relay own latency (s): $(own_latency)"
echo "(d) direct Cyclone -> Cyclone under the same load" >&2
loaded_direct="$(measure "$domain_a" "$domain_a" "$direct_topic" d)"
echo "loaded direct: $loaded_direct"
# The relay's own counters: samples relayed and writes the target refused (a refused write is a
# lost control sample).
if [ -n "$port" ]; then
  echo "relay counters: $(curl -s "http://127.0.0.1:$port/metrics" \
    | grep '^gateway_fastpath_relayed_total' | tr '\n' ' ')"
fi

lost=$(( $(field lost "$direct") + $(field lost "$relay") + $(field lost "$loaded") + $(field lost "$loaded_direct") ))
echo "direct_p99_us=$(field p99_us "$direct") relay_p99_us=$(field p99_us "$relay") loaded_p99_us=$(field p99_us "$loaded") lost=$lost"
