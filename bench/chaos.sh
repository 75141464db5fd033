#!/usr/bin/env bash
# Crash harness: runs the daemon as a separate process under a continuous Cyclone DDS publisher
# (known per-topic sequences), SIGKILLs it at random instants, restarts it, then drains it and
# verifies with a read_committed consumer what reached Kafka.
#   bench/chaos.sh [--kills N] [--seconds S] [--topics T] [--rate HZ] [--linger-ms MS]
#                  [--domain D] [--seed N] [--work-dir DIR]
# Last line: kills=K published=P delivered=D duplicates=X lost_committed=Y lost_uncommitted=U
# Exit 0 when duplicates=0, lost_committed=0 and every loss was counted by the daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f gateway-daemon/target/edge-gateway.jar ] || [ ! -d bench/target/lib ]; then
  ./mvnw -q -o -B -DskipTests -Dspotless.check.skip=true package >&2
fi
exec java -Dedge-gateway.home="$PWD" -cp "bench/target/classes:bench/target/lib/*" \
  io.edgegateway.bench.chaos.ChaosHarness "$@"
