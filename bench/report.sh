#!/usr/bin/env bash
# Regenerates docs/benchmarks.md's measured sections and plots in one go:
#   - the micro block (bench/all.sh: machine, codec report, JMH) unless --no-micro,
#   - the end-to-end block: bench/e2e.sh for humanoid-1, humanoid-1x10 and max, with a table and a
#     PNG plot (docs/img/e2e-<scenario>.png) per scenario.
#   bench/report.sh [--seconds S] [--no-micro] [--smoke]     (default 60 s per scenario)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
micro=1
smoke=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --no-micro) micro=0; shift ;;
    --smoke) smoke=(--smoke); shift ;;
    *) echo "usage: $0 [--seconds S] [--no-micro] [--smoke]" >&2; exit 2 ;;
  esac
done
./mvnw -q -o -pl gateway-daemon,bench -am package -DskipTests -Dspotless.check.skip=true >&2
out="bench/target/e2e"
rm -rf "$out"
mkdir -p "$out"
args=(bench/target/e2e docs/benchmarks.md docs/img)
if [ "$micro" = 1 ]; then
  bench/all.sh "${smoke[@]}" >"$out/micro.md"
  args+=("$out/micro.md")
fi
for s in humanoid-1 humanoid-1x10 max many-topics; do
  EG_BENCH_SKIP_BUILD=1 bench/e2e.sh --scenario "$s" --seconds "$seconds" 2>"$out/$s.stderr" \
    | tee "$out/$s.log" | tail -1
done
java -cp "bench/target/classes:bench/target/lib/*" io.edgegateway.bench.e2e.E2eReport "${args[@]}"
