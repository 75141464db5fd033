#!/usr/bin/env bash
# Compression report: BatchCodec (plain, columnar, columnar + trained zstd dictionary) versus the
# zstd -3 CLI on the same humanoid-1 bytes, generated in-process; the dictionary table uses
# 2 x seconds of telemetry (first half trains, second half is measured) and batches of 200, 50 and
# 10 ms.   bench/codec.sh [seconds]   (default 5; about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -pl bench -am package -DskipTests >&2
exec java -cp "bench/target/classes:bench/target/lib/*" io.edgegateway.bench.CodecReport "$@"
