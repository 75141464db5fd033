#!/usr/bin/env bash
# Uplink drain benchmark (issue 16 item 3): a SQLite backlog of real humanoid-1 batches drained by
# the gateway's sender + KafkaUplink (transactions with checkpoints) vs a bare idempotent producer
# on the same batch values, interleaved rounds in one JVM with one embedded broker.
#   bench/uplink.sh [--mb N] [--rounds R] [--producer key=value]...   (default 128 MB, 5 rounds)
# --producer properties go to both producers (the gateway's as uplink.kafka.properties).
# Last line: uplink_ratio=... gateway_mb_s=... bare_mb_s=... rounds=...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${EG_BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -o -pl bench -am package -DskipTests -Dspotless.check.skip=true >&2
fi
exec java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.edgegateway.bench.uplink.UplinkBench "$@"
