#!/usr/bin/env bash
# Writes the per-distribution ROS 2 message definitions that gateway-ros2-bridge bundles, from the
# npm package @foxglove/rosmsg-msgs-common (MIT; the common interface .msg files of each ROS 2
# distribution, as Foxglove ships them to its own tools), pinned by src/msgdefs/package-lock.json:
#   OUT/io/edgegateway/ros2/msg/defs/<distro>/<pkg>/msg/<Type>.msg, <distro>/index.txt,
#   defs/PROVENANCE (package, version, integrity, file counts) and defs/LICENSE-rosmsg-msgs-common.
# Each .msg is the package's file up to its first '=====' line: the package appends every
# dependency's definition there (rosbag2's concatenated form); the dependencies are files of their
# own, so only the type's own definition is kept, byte for byte.
# usage: bundle-msgdefs.sh OUT WORKDIR   (WORKDIR: where npm ci runs; reused while the lock holds)
# Needs npm and the npm registry (or its cache); exits 3 without npm, so the build can go on with
# the built-in set.
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
out=$1
work=$2
here=$(cd "$(dirname "$0")/../msgdefs" && pwd)
distros="humble iron jazzy"
if ! command -v npm >/dev/null 2>&1; then
  echo "bundle-msgdefs: npm not found; the jar carries the built-in definitions only" >&2
  exit 3
fi
lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
mkdir -p "$work"
if [ "$(cat "$work/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" >"$work/.lock-sha256"
fi
pkg="$work/node_modules/@foxglove/rosmsg-msgs-common"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg/package.json" | head -1)
integrity=$(grep -A3 '"node_modules/@foxglove/rosmsg-msgs-common"' "$here/package-lock.json" \
  | sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p')
defs="$out/io/edgegateway/ros2/msg/defs"
mkdir -p "$defs"
cp "$pkg/LICENSE" "$defs/LICENSE-rosmsg-msgs-common"
prov="$defs/PROVENANCE"
{
  echo "# ROS 2 message definitions bundled by gateway-ros2-bridge (src/tools/bundle-msgdefs.sh)."
  echo "# source: npm @foxglove/rosmsg-msgs-common@$version ($integrity), MIT licence"
  echo "# (LICENSE-rosmsg-msgs-common); the definitions themselves are the ROS 2 packages' (Apache-2.0)."
  echo "# distro	package_dir	types"
} >"$prov"
for distro in $distros; do
  src="$pkg/msgdefs/ros2$distro"
  [ -d "$src" ] || { echo "bundle-msgdefs: $src missing" >&2; exit 1; }
  ddir="$defs/$distro"
  rm -rf "$ddir"
  # rcl_interfaces' test_msgs (test fixtures, not an interface robots publish) stay out
  (cd "$src" && find . -path '*/msg/*.msg' ! -path './test_msgs/*' | sed 's|^\./||' \
    | LC_ALL=C sort) >"$work/$distro.list"
  while IFS= read -r f; do
    mkdir -p "$ddir/$(dirname "$f")"
    # up to the separator, without the blank lines the package puts before it
    awk '/^========/ { cut = 1; exit } { line[++n] = $0 }
      END { while (n > 0 && line[n] == "") n--; for (i = 1; i <= n; i++) print line[i] }' \
      "$src/$f" >"$ddir/$f"
  done <"$work/$distro.list"
  sed 's|\.msg$||' "$work/$distro.list" >"$ddir/index.txt"
  printf '%s\tmsgdefs/ros2%s\t%d\n' "$distro" "$distro" "$(wc -l <"$ddir/index.txt")" >>"$prov"
done
echo "bundle-msgdefs: $(tail -n +5 "$prov" | awk -F'\t' '{printf "%s %s, ", $1, $3}')from @foxglove/rosmsg-msgs-common@$version" >&2
