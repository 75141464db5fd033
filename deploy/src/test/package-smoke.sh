#!/usr/bin/env bash
# CI install test of the built package (run by .ci/run after ./mvnw verify, as root):
#   dpkg -i the .deb from deploy/target; the config is a conffile and validates; the installed
#   daemon runs as the edge-gateway user against a real Kafka broker and a simulated robot until a
#   batch lands; SIGTERM stops it with exit 0; an upgrade to a newer version keeps the edited
#   config and the queue; dpkg --purge removes state, config and user.
# Idempotent, and leaves the machine as it found it, also on failure (trap): the package purged,
# the processes it started ended, the sysctl values it changed restored.
# No systemd as PID 1 is needed: the daemon runs in the foreground through setpriv with the
# unit's user, groups and ambient CAP_SYS_NICE.
set -euo pipefail
cd "$(dirname "$0")/../../.."

step() { echo "package-smoke: $*"; }
fail() {
  echo "package-smoke: FAILED: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (dpkg -i)"
shopt -s nullglob
debs=(deploy/target/edge-gateway_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one deploy/target/edge-gateway_*.deb, found ${#debs[@]} (run ./mvnw package first)"
deb=$(realpath "${debs[0]}")
[ -d deploy/target/test-classes/io/edgegateway/deploy ] || fail "deploy/target/test-classes missing (run ./mvnw verify first)"

work=$(mktemp -d)
pids=()   # broker, simulator
daemon="" # the daemon's pid while it runs
# Commands run as root here (simulate, tail) unpack Fast-DDS under $HOME/.cache: keep that in $work.
export HOME="$work/home"
mkdir -p "$HOME"
sysctl_file=deploy/src/deb/sysctl/60-edge-gateway.conf
sysctl_keys=$(sed -n 's/^\([a-z0-9_.]*\) *=.*/\1/p' "$sysctl_file")
for key in $sysctl_keys; do
  echo "$key = $(sysctl -n "$key")" >>"$work/sysctl.before"
done

purge() {
  if dpkg-query -W -f='${db:Status-Status}' edge-gateway 2>/dev/null | grep -qv '^not-installed$'; then
    dpkg --purge edge-gateway >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; return 1; }
  fi
}

cleanup() {
  local rc=$?
  set +e
  for pid in $daemon "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in $daemon "${pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  exec 3>&-
  if [ $rc -ne 0 ]; then
    for log in "$work"/*.log; do
      echo "---- $(basename "$log") (last 40 lines)" >&2
      tail -n 40 "$log" >&2
    done
  fi
  purge
  sysctl -q -p "$work/sysctl.before" >/dev/null 2>&1
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

# A port nothing listens on (connecting to it is refused), from the range above the ephemeral one.
free_port() {
  local port
  while :; do
    port=$((61001 + RANDOM % 4000))
    (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  echo "$port"
}

# await SECONDS DESCRIPTION COMMAND...: retry COMMAND every 0.5 s until it succeeds.
await() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "timed out waiting for $what"
    sleep 0.5
  done
}

# A clean start: a package left by an interrupted earlier run is purged first.
purge
! getent passwd edge-gateway >/dev/null || fail "a user edge-gateway exists without the package; remove it first"

step "install $(basename "$deb")"
dpkg -i "$deb" >"$work/install.log" 2>&1 || fail "dpkg -i (see install.log)"
dpkg-query -W -f='${Conffiles}\n' edge-gateway | grep -q '^ */etc/edge-gateway/gateway.yaml [0-9a-f]\{32\}$' \
  || fail "/etc/edge-gateway/gateway.yaml is not a conffile"
getent passwd edge-gateway >/dev/null || fail "no system user edge-gateway"
getent group edge-gateway >/dev/null || fail "no group edge-gateway"
for dir in /var/lib/edge-gateway /var/cache/edge-gateway; do
  [ "$(stat -c %U:%G:%a "$dir")" = edge-gateway:edge-gateway:750 ] || fail "$dir: $(stat -c %U:%G:%a "$dir")"
done
[ -L /etc/systemd/system/multi-user.target.wants/edge-gateway.service ] || fail "unit not enabled"
out=$(systemd-analyze verify edge-gateway.service 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify is not clean: $out"
for key in $sysctl_keys; do
  want=$(sed -n "s/^$key *= *//p" "$sysctl_file")
  [ "$(sysctl -n "$key")" = "$want" ] || echo "package-smoke: note: $key not applied here (read-only /proc/sys?)"
done

step "validate the packaged config (as root and as edge-gateway)"
edge-gateway validate --config /etc/edge-gateway/gateway.yaml >"$work/validate.log" 2>&1 || fail "validate (see validate.log)"
runuser -u edge-gateway -- edge-gateway validate --config /etc/edge-gateway/gateway.yaml >>"$work/validate.log" 2>&1 \
  || fail "validate as edge-gateway (see validate.log)"

step "start a Kafka broker"
mkfifo "$work/broker.in"
java -Xmx512m -cp "deploy/target/test-classes:/usr/share/edge-gateway/edge-gateway.jar" io.edgegateway.deploy.SmokeBroker 0 \
  edge.gateway.checkpoints edge.telemetry.v1 edge.perception.v1 edge.diagnostics.v1 edge.incidents.v1 \
  <"$work/broker.in" >"$work/broker.log" 2>&1 &
pids+=($!)
exec 3>"$work/broker.in" # the broker runs until this closes
await 90 "the broker" grep -q '^ready ' "$work/broker.log"
bootstrap=$(sed -n 's/^ready //p' "$work/broker.log")

# Edit the installed config for this run (this is also the edit the upgrade must keep): this
# broker, an HTTP port and DDS domains of its own (discovery reaches every process on a domain).
domain=$((150 + $$ % 60))
http_port=$(free_port)
conf=/etc/edge-gateway/gateway.yaml
sed -i -e "s|bootstrap_servers: .*|bootstrap_servers: $bootstrap|" \
  -e "s|^  domain_id: .*|  domain_id: $domain|" \
  -e "s|to_domain: 1|to_domain: $((domain + 1))|" \
  -e "s|bind: .*|bind: 127.0.0.1:$http_port|" "$conf"
echo "# edited by package-smoke $$" >>"$conf"
edge-gateway validate --config "$conf" >>"$work/validate.log" 2>&1 || fail "validate the edited config"

step "run the installed daemon as edge-gateway (domain $domain, broker $bootstrap)"
edge-gateway simulate --profile humanoid-1 --domain "$domain" --duration 120s >"$work/simulate.log" 2>&1 &
pids+=($!)
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/edge-gateway LANG=C.UTF-8 \
  setpriv --reuid=edge-gateway --regid=edge-gateway --init-groups \
  --inh-caps=-all,+sys_nice --ambient-caps=-all,+sys_nice --bounding-set=-all,+sys_nice \
  edge-gateway run --config "$conf" >"$work/daemon.log" 2>&1 &
daemon=$!
await 90 "/healthz" curl -fsS "http://127.0.0.1:$http_port/healthz"
await 60 "/readyz" curl -fsS "http://127.0.0.1:$http_port/readyz"
[ "$(ps -o user= -p "$daemon")" = edge-gateway ] || fail "the daemon does not run as edge-gateway"
[ "$(ps -o comm= -p "$daemon")" = java ] || fail "the launcher did not exec java"
timeout 90 edge-gateway tail --bootstrap "$bootstrap" --topic edge.telemetry.v1 --from-beginning --max 1 \
  >"$work/tail.log" 2>&1 || fail "no batch reached edge.telemetry.v1 (see tail.log)"
grep -q " batch=" "$work/tail.log" || fail "tail printed no message of a batch"

step "SIGTERM"
kill -TERM "$daemon"
rc=0
wait "$daemon" || rc=$?
daemon=""
[ $rc -eq 0 ] || fail "the daemon exited $rc on SIGTERM (see daemon.log)"
[ -n "$(ls -A /var/lib/edge-gateway)" ] || fail "no queue in /var/lib/edge-gateway"
[ -n "$(ls -A /var/cache/edge-gateway)" ] || fail "Fast-DDS did not unpack its libraries in /var/cache/edge-gateway"
[ -z "$(find /var/cache/edge-gateway /var/lib/edge-gateway ! -user edge-gateway)" ] \
  || fail "files not owned by edge-gateway in its state or cache directory"
(cd /var/lib/edge-gateway && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$work/queue.before"
sha256sum "$conf" >"$work/conf.before"

step "upgrade to a newer version (new example config): keeps the edited config and the queue"
mkdir "$work/pkg"
dpkg-deb -R "$deb" "$work/pkg"
version=$(dpkg-deb -f "$deb" Version)
sed -i "s/^Version: .*/Version: ${version}+smoke1/" "$work/pkg/DEBIAN/control"
echo "# a newer example" >>"$work/pkg/etc/edge-gateway/gateway.yaml"
(cd "$work/pkg" && find etc usr -type f -print0 | sort -z | xargs -0 md5sum) >"$work/pkg/DEBIAN/md5sums"
dpkg-deb -Znone -b "$work/pkg" "$work/upgrade.deb" >/dev/null
dpkg -i --force-confold "$work/upgrade.deb" >"$work/upgrade.log" 2>&1 || fail "upgrade (see upgrade.log)"
[ "$(dpkg-query -W -f='${Version}' edge-gateway)" = "${version}+smoke1" ] || fail "not upgraded"
sha256sum -c --quiet "$work/conf.before" || fail "the upgrade replaced the edited config"
[ -f "$conf.dpkg-dist" ] || fail "the new example is not beside it as gateway.yaml.dpkg-dist"
(cd /var/lib/edge-gateway && sha256sum -c --quiet "$work/queue.before") || fail "the upgrade changed the queue"
runuser -u edge-gateway -- edge-gateway queue stats --config "$conf" >"$work/queue.log" 2>&1 \
  || fail "queue stats after the upgrade (see queue.log)"

step "remove keeps config, queue and user; purge deletes them"
dpkg --remove edge-gateway >"$work/remove.log" 2>&1 || fail "dpkg --remove (see remove.log)"
[ ! -e /usr/bin/edge-gateway ] || fail "/usr/bin/edge-gateway is left after remove"
sha256sum -c --quiet "$work/conf.before" || fail "remove changed the config"
(cd /var/lib/edge-gateway && sha256sum -c --quiet "$work/queue.before") || fail "remove changed the queue"
getent passwd edge-gateway >/dev/null || fail "remove deleted the user"
dpkg --purge edge-gateway >"$work/purge.log" 2>&1 || fail "dpkg --purge (see purge.log)"
[ "$(dpkg-query -W -f='${db:Status-Status}' edge-gateway 2>/dev/null || echo not-installed)" = not-installed ] \
  || fail "edge-gateway is still known to dpkg after purge"
for path in /var/lib/edge-gateway /var/cache/edge-gateway /etc/edge-gateway /usr/share/edge-gateway \
  /usr/bin/edge-gateway /etc/systemd/system/multi-user.target.wants/edge-gateway.service \
  /etc/systemd/system/edge-gateway.service \
  /var/lib/systemd/deb-systemd-helper-enabled/edge-gateway.service.dsh-also \
  /var/lib/systemd/deb-systemd-helper-masked/edge-gateway.service; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || fail "$path is left after purge"
done
! getent passwd edge-gateway >/dev/null || fail "user edge-gateway is left after purge"
! getent group edge-gateway >/dev/null || fail "group edge-gateway is left after purge"
step "ok: installed, validated, ran as edge-gateway (a batch read back from Kafka), stopped on SIGTERM, upgraded, removed, purged"
