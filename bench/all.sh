#!/usr/bin/env bash
# Regenerates every number in docs/benchmarks.md: machine description, codec report, JMH.
#   bench/all.sh [--smoke]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "### Machine"
echo
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), nproc=$(nproc)"
echo "- RAM: $(free -m | awk '/^Mem:/ {print $2}') MiB"
echo "- Kernel: $(uname -sr)"
echo "- Java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "- zstd CLI: $(zstd --version)"
echo
echo "### Codec (bench/codec.sh 5)"
echo
bench/codec.sh 5
echo
echo "### JMH (bench/jmh.sh $*)"
echo
echo '```'
bench/jmh.sh "$@" 2>/dev/null | sed -n '/^Benchmark /,/^$/p' | grep -v '^Benchmark result'
echo '```'
