#!/usr/bin/env bash
# End-to-end benchmark: simulated humanoid -> DDS -> edge-gateway daemon (bin/edge-gateway run, a
# separate process) -> SQLite -> embedded Kafka (in the benchmark's JVM), plus the ceilings of each
# stage in the same run (ddsperf, raw Fast-DDS, bare Kafka producer, sqlite3, zstd CLI).
#   bench/e2e.sh --scenario humanoid-1|humanoid-1x10|max|many-topics [--seconds S] [--warmup W]
#   (default 60 s; W: seconds of publishing before the CPU window opens, default min(10, 2S/9))
# In the CPU window /metrics is scraped every 15 s (a robot's Prometheus), outside it every 250 ms.
# many-topics: 250 topics of 11 common types at 10-100 Hz (HumanoidProfile.manyTopics()), all kept.
# Phases: the simulator publishes for S s; the broker is stopped for the last third of them (the
# backlog builds up in SQLite) and restarted when the simulator ends (the drain is measured).
# Results: bench/target/e2e/<scenario>.{properties,csv} and e2e-<scenario>.png.
# EG_JAVA_OPTS: the daemon's JVM options (default: the launcher's); EG_BENCH_JFR=file.jfr records
# a JFR profile of the daemon; EG_BENCH_DOMAIN=N the DDS domain when --domain is not given
# (default 73; the ceilings use N+1 and N+2); EG_BENCH_SHARED_MEMORY=1 puts Fast-DDS shared memory
# on for the daemon's telemetry participant (ros2.shared_memory), the simulator and the raw subscribers.
# The simulator publishes only once its writers matched the daemon's and the raw subscriber's readers.
# Last line: scenario=... ingest_ratio=... uplink_ratio=... cpu_pct=... rss_mb=... loss=...
#   cpu_ratio_vs_raw=... (daemon CPU / a raw Fast-DDS subscriber's on the same topics, same window)
#   dds_lost=... dds_lost_by_topic=... rcvbuf_errors=... before_match=... match_wait_s=... shared_memory=...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${EG_BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -o -pl gateway-daemon,bench -am package -DskipTests -Dspotless.check.skip=true >&2
fi
exec java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.edgegateway.bench.e2e.E2eBench \
  --home "$PWD" "$@"
