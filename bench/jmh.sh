#!/usr/bin/env bash
# Builds the bench module and runs its JMH benchmarks.
#   bench/jmh.sh            default: 1 fork, 3 warmups of 2 s, 5 measurements of 3 s
#   bench/jmh.sh --smoke    seconds-long: 1 fork, 1 warmup and 1 measurement of 1 s each
#   bench/jmh.sh [--smoke] [JMH args...]   e.g. bench/jmh.sh --smoke CodecBenchmark
#   bench/jmh.sh IngestPathBenchmark -prof gc   bytes allocated per ingested sample (gc.alloc.rate.norm)
set -euo pipefail
cd "$(dirname "$0")/.."
jmh_args=(-f 1 -wi 3 -w 2s -i 5 -r 3s)
if [[ "${1:-}" == "--smoke" ]]; then
  shift
  jmh_args=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
fi
./mvnw -q -o -pl bench -am package -DskipTests >&2
exec java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main \
  "${jmh_args[@]}" -rf json -rff bench/target/jmh-result.json "$@"
