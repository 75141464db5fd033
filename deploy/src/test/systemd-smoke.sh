#!/usr/bin/env bash
# The built package under a real systemd (run by .ci/run after package-smoke.sh, as root):
# installs the .deb into a throw-away copy of this machine's root (an overlay on a tmpfs, the way
# an image build installs into a chroot: no systemd running, so postinst only enables the unit),
# boots systemd in it with systemd-nspawn (its own PID 1, private network: loopback only), starts a
# Kafka broker inside, and checks the packaged unit exactly as shipped: `systemctl start` returns
# once the daemon said READY=1 (Type=notify), it runs as edge-gateway under the hardening with
# CAP_SYS_NICE (SCHED_FIFO relay threads) and a seccomp filter, /healthz answers, and
# `systemctl stop` ends it cleanly (exit 0, so the unit is inactive, not failed).
# Nothing of it stays on the machine: the container, its mounts and its directory go in a trap.
set -euo pipefail
cd "$(dirname "$0")/../../.."

step() { echo "systemd-smoke: $*"; }
fail() {
  echo "systemd-smoke: FAILED: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (mounts, systemd-nspawn)"
command -v systemd-nspawn >/dev/null || fail "systemd-nspawn missing (Debian package systemd-container)"
shopt -s nullglob
debs=(deploy/target/edge-gateway_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one deploy/target/edge-gateway_*.deb, found ${#debs[@]}"
deb=$(realpath "${debs[0]}")
classes=$(realpath deploy/target/test-classes)

work=$(mktemp -d)
root=$work/root
machine=egsmoke$$
nspawn=""
created_nspawn_run=no
[ -d /run/systemd/nspawn ] || created_nspawn_run=yes

cleanup() {
  local rc=$?
  set +e
  if [ -n "$nspawn" ]; then
    kill "$nspawn" 2>/dev/null # asks the container's systemd to power off
    for _ in $(seq 1 40); do
      kill -0 "$nspawn" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$nspawn" 2>/dev/null
    wait "$nspawn" 2>/dev/null
  fi
  if [ $rc -ne 0 ] && [ -f "$work/boot.log" ]; then
    echo "---- boot.log (last 20 lines)" >&2
    tail -n 20 "$work/boot.log" >&2
  fi
  mountpoint -q "$root" && { umount "$root" || umount -l "$root"; }
  mountpoint -q "$work/tmpfs" && { umount "$work/tmpfs" || umount -l "$work/tmpfs"; }
  rm -rf "$work"
  rmdir "/run/systemd/nspawn/propagate/$machine" 2>/dev/null
  if [ $created_nspawn_run = yes ]; then
    rm -rf /run/systemd/nspawn
  fi
  exit $rc
}
trap cleanup EXIT

step "install $(basename "$deb") into a copy of this root"
mkdir -p "$work/tmpfs" "$root"
mount -t tmpfs -o size=2g,mode=0700 tmpfs "$work/tmpfs"
mkdir "$work/tmpfs/upper" "$work/tmpfs/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/tmpfs/upper,workdir=$work/tmpfs/work" "$root"
if chroot "$root" dpkg-query -W edge-gateway >/dev/null 2>&1; then
  chroot "$root" dpkg --purge edge-gateway >/dev/null # a copy of a machine that has it
fi
chroot "$root" dpkg -i "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "dpkg -i in the chroot"; }
[ -L "$root/etc/systemd/system/multi-user.target.wants/edge-gateway.service" ] \
  || fail "postinst did not enable the unit in the chroot"
# This run's broker: the config as shipped points at 127.0.0.1:9092, the container's own loopback.
mkdir -p "$root/opt/egsmoke"
cp -r "$classes" "$root/opt/egsmoke/classes"

step "boot systemd in it (basic.target only: none of this machine's own services)"
systemd-nspawn -D "$root" --private-network --register=no --keep-unit -M "$machine" \
  --uuid="$(tr -d - </proc/sys/kernel/random/uuid)" --console=pipe -b -- --unit=basic.target \
  >"$work/boot.log" 2>&1 </dev/null &
nspawn=$!
pid1=""
for _ in $(seq 1 60); do
  pid1=$(pgrep -P "$nspawn" -x systemd || true)
  [ -n "$pid1" ] && nsenter -t "$pid1" -a systemctl is-system-running --wait >/dev/null 2>&1 && break
  sleep 0.5
done
[ -n "$pid1" ] || fail "the container's systemd did not start"
ct() { nsenter -t "$pid1" -a "$@"; }
state=$(ct systemctl is-system-running || true)
case "$state" in running | degraded) ;; *) fail "container state: $state" ;; esac
[ "$(ct systemctl is-enabled edge-gateway)" = enabled ] || fail "the unit is not enabled"

step "start a Kafka broker in the container on 127.0.0.1:9092"
# SmokeBroker runs until its standard input ends: a pipe from sleep, until the unit stops.
ct systemd-run --unit=egsmoke-broker --quiet -p Type=exec sh -c 'sleep infinity | exec java -Xmx512m \
  -cp /opt/egsmoke/classes:/usr/share/edge-gateway/edge-gateway.jar io.edgegateway.deploy.SmokeBroker \
  9092 edge.gateway.checkpoints edge.telemetry.v1 edge.perception.v1 edge.diagnostics.v1 edge.incidents.v1'
for _ in $(seq 1 120); do
  ct journalctl -u egsmoke-broker -o cat 2>/dev/null | grep -q '^ready ' && break
  sleep 0.5
done
ct journalctl -u egsmoke-broker -o cat | grep -q '^ready ' || fail "the broker did not start"

step "systemctl start edge-gateway (returns on READY=1)"
if ! ct timeout 150 systemctl start edge-gateway; then
  ct journalctl -u edge-gateway -o cat --no-pager -n 30 >&2
  fail "systemctl start edge-gateway"
fi
main=$(ct systemctl show -p MainPID --value edge-gateway)
[ "$(ct ps -o user= -p "$main")" = edge-gateway ] || fail "the main process does not run as edge-gateway"
[ "$(ct ps -o comm= -p "$main")" = java ] || fail "the main process is not java"
ct grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$main/status" || fail "no NoNewPrivileges"
ct grep -q '^Seccomp:[[:space:]]*2$' "/proc/$main/status" || fail "no seccomp filter"
ct grep -q '^CapAmb:[[:space:]]*0000000000800000$' "/proc/$main/status" || fail "ambient capabilities are not CAP_SYS_NICE alone"
code=000
for _ in $(seq 1 60); do
  code=$(ct curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9464/healthz || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || fail "/healthz answered $code"
ct ps -L -o cls= -p "$main" | grep -qw FF || fail "no thread of the daemon runs SCHED_FIFO (the relay threads)"
out=$(ct systemd-analyze security edge-gateway.service --no-pager | tail -n 1)
echo "systemd-smoke: $out"

step "systemctl stop edge-gateway"
ct timeout 120 systemctl stop edge-gateway || fail "systemctl stop"
result=$(ct systemctl show -p Result --value edge-gateway)
status=$(ct systemctl show -p ExecMainStatus --value edge-gateway)
[ "$result" = success ] || fail "stopped with Result=$result (exit status $status)"
step "ok: installed into a chroot, started under systemd (READY), hardened, healthy, stopped with exit $status"
