#!/usr/bin/env bash
# Capture benchmarks (issue 15 item 6), each a ratio to a baseline measured in the same run:
#  1. CPU of humanoid-1 with the full-rate capture ring on vs off: bench/e2e.sh --scenario
#     humanoid-1 --capture off|on, interleaved (off, on, off, on, ...), median of the rounds;
#  2. ring write MB/s vs the disk's sequential write ceiling (dd bs=1M conv=fdatasync, same dir);
#  3. MCAP export MB/s vs `zstd -d` on the same batch bytes (CaptureThroughputBench).
#   bench/capture.sh [--seconds S] [--rounds N]   (defaults 30 s, 3 rounds)
# Results: bench/target/capture/{off,on}-<round>/ (the e2e results) and capture.txt.
# Last line: capture cpu_on_off_ratio=... ring_write_ratio=... export_ratio=...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=30
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: bench/capture.sh [--seconds S] [--rounds N]" >&2; exit 2 ;;
  esac
done
if [ "${EG_BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -o -pl gateway-daemon,bench -am package -DskipTests -Dspotless.check.skip=true >&2
fi
out=bench/target/capture
rm -rf "$out"
mkdir -p "$out"
cpu_of() { sed -n 's/.* cpu_pct=\([0-9.]*\) .*/\1/p' | tail -1; }
off=()
on=()
for r in $(seq 1 "$rounds"); do
  for mode in off on; do
    line=$(EG_BENCH_SKIP_BUILD=1 bench/e2e.sh --scenario humanoid-1 --seconds "$seconds" \
      --capture "$mode" --out "$out/$mode-$r" | tail -1)
    echo "capture: round $r capture $mode: $line" >&2
    cpu=$(echo "$line" | cpu_of)
    [ -n "$cpu" ] || { echo "capture: no cpu_pct in: $line" >&2; exit 1; }
    if [ "$mode" = off ]; then off+=("$cpu"); else on+=("$cpu"); fi
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2}'; }
ratios=()
for i in "${!off[@]}"; do ratios+=("$(awk -v a="${on[$i]}" -v b="${off[$i]}" 'BEGIN {printf "%.3f", a/b}')"); done
cpu_off=$(median "${off[@]}")
cpu_on=$(median "${on[@]}")
cpu_ratio=$(median "${ratios[@]}")
tput=$(java -Xmx3g -cp "bench/target/classes:bench/target/lib/*" \
  io.edgegateway.bench.capture.CaptureThroughputBench --dir "$out/work" --seconds 20 --rounds "$rounds" | tail -1)
rm -rf "$out/work"
ring_ratio=$(echo "$tput" | sed -n 's/.* ring_write_ratio=\([0-9.]*\).*/\1/p')
export_ratio=$(echo "$tput" | sed -n 's/.* export_ratio=\([0-9.]*\).*/\1/p')
{
  echo "date=$(date -u +%FT%TZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg) seconds=$seconds rounds=$rounds"
  echo "cpu_pct_off=${off[*]} cpu_pct_on=${on[*]} ratios=${ratios[*]}"
  echo "capture cpu_pct_off=$cpu_off cpu_pct_on=$cpu_on"
  echo "$tput"
  echo "capture cpu_on_off_ratio=$cpu_ratio ring_write_ratio=$ring_ratio export_ratio=$export_ratio"
} | tee "$out/capture.txt"
