#!/usr/bin/env bash
# Compression report: BatchCodec (plain and columnar) versus the zstd -3 CLI on the same
# humanoid-1 bytes, generated in-process.   bench/codec.sh [seconds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -pl bench -am package -DskipTests >&2
exec java -cp "bench/target/classes:bench/target/lib/*" io.edgegateway.bench.CodecReport "$@"
