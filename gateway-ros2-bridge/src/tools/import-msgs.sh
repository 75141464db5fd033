#!/usr/bin/env bash
# Copies the upstream ROS 2 common interface .msg files, per distribution, out of bare git mirrors
# of their repositories into a resource root that the gateway-ros2-bridge build bundles
# (io/edgegateway/ros2/msg/defs/<distro>/<pkg>/msg/<Type>.msg, one index.txt per distro), and
# writes PROVENANCE (repository, ref, commit of every package) and the upstream licences beside
# them. Nothing is edited: the files are the upstream bytes of the named commit.
#
# usage: import-msgs.sh OUT COMMON_INTERFACES RCL_INTERFACES GEOMETRY2 UNIQUE_IDENTIFIER_MSGS
#   each repository argument is a git directory (bare or not) of
#   ros2/common_interfaces, ros2/rcl_interfaces, ros2/geometry2, ros2/unique_identifier_msgs.
# env: DISTROS="humble jazzy rolling" (each a branch or tag present in all four repositories;
#      DISTRO_REF_<distro>=<ref> picks another ref for one distro, e.g. DISTRO_REF_kilted=rolling).
set -euo pipefail

if [ $# -ne 5 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
out=$1
declare -A repo_dir=([common_interfaces]=$2 [rcl_interfaces]=$3 [geometry2]=$4 [unique_identifier_msgs]=$5)
# package -> repository, and the package's folder inside it ("." = repository root)
declare -A pkg_repo=(
  [actionlib_msgs]=common_interfaces [diagnostic_msgs]=common_interfaces
  [geometry_msgs]=common_interfaces [nav_msgs]=common_interfaces [sensor_msgs]=common_interfaces
  [shape_msgs]=common_interfaces [std_msgs]=common_interfaces [stereo_msgs]=common_interfaces
  [trajectory_msgs]=common_interfaces [visualization_msgs]=common_interfaces
  [action_msgs]=rcl_interfaces [builtin_interfaces]=rcl_interfaces [lifecycle_msgs]=rcl_interfaces
  [rcl_interfaces]=rcl_interfaces [rosgraph_msgs]=rcl_interfaces [statistics_msgs]=rcl_interfaces
  [tf2_msgs]=geometry2 [unique_identifier_msgs]=unique_identifier_msgs)
declare -A pkg_dir=([unique_identifier_msgs]=.)
distros=${DISTROS:-humble jazzy rolling}

defs="$out/io/edgegateway/ros2/msg/defs"
mkdir -p "$defs"
prov="$defs/PROVENANCE"
{
  echo "# Upstream ROS 2 interface definitions bundled by gateway-ros2-bridge."
  echo "# Written by gateway-ros2-bridge/src/tools/import-msgs.sh; the .msg files are unmodified."
  echo "# Licence: Apache License 2.0 (each package's package.xml); LICENSE-<repository> beside."
  echo "# distro	package	repository	ref	commit	commit_date	msg_files"
} >"$prov"

for distro in $distros; do
  ref_var="DISTRO_REF_$distro"
  ref=${!ref_var:-$distro}
  ddir="$defs/$distro"
  rm -rf "$ddir"
  mkdir -p "$ddir"
  for repo in "${!repo_dir[@]}"; do
    git -C "${repo_dir[$repo]}" show "$ref:LICENSE" >"$ddir/LICENSE-$repo" 2>/dev/null \
      || git -C "${repo_dir[$repo]}" show "$ref:std_msgs/LICENSE" >"$ddir/LICENSE-$repo" 2>/dev/null \
      || rm -f "$ddir/LICENSE-$repo"
  done
  for pkg in $(printf '%s\n' "${!pkg_repo[@]}" | sort); do
    repo=${pkg_repo[$pkg]}
    git_dir=${repo_dir[$repo]}
    folder=${pkg_dir[$pkg]:-$pkg}
    commit=$(git -C "$git_dir" rev-parse "$ref^{commit}")
    date=$(git -C "$git_dir" log -1 --format=%cs "$commit")
    prefix=$([ "$folder" = . ] && echo "msg" || echo "$folder/msg")
    files=$(git -C "$git_dir" ls-tree --name-only "$commit" "$prefix/" | grep '\.msg$' || true)
    if [ -z "$files" ]; then
      echo "$distro: $pkg has no msg/ at $repo $ref; skipped" >&2
      continue
    fi
    mkdir -p "$ddir/$pkg/msg"
    n=0
    for f in $files; do
      git -C "$git_dir" show "$commit:$f" >"$ddir/$pkg/msg/$(basename "$f")"
      n=$((n + 1))
    done
    printf '%s\t%s\tros2/%s\t%s\t%s\t%s\t%d\n' "$distro" "$pkg" "$repo" "$ref" "$commit" "$date" "$n" >>"$prov"
  done
  (cd "$ddir" && find . -name '*.msg' | sed 's|^\./||; s|\.msg$||' | LC_ALL=C sort) >"$ddir/index.txt"
  echo "$distro: $(wc -l <"$ddir/index.txt") types" >&2
done
