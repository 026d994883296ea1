#!/bin/bash
# The package at boot, in the project's VM with systemd as PID 1 (src/test/vm/run-systemd-vm.sh):
# before the first boot, `dpkg -i` of the .deb, the man page's site A (examples/
# ip-configured-site-a.yaml) in /etc/jl2tp/ and a dummy underlay with 192.0.2.1/24; then boot and
# check (boot-test-guest.sh) that jl2tp.service is active, the tunnel, session and address exist,
# `systemctl reload jl2tp` applies an edit, a package that ships a file in /usr/lib/jl2tp gets it
# applied by the trigger (and removed with it), a site whose local address never appears leaves
# the unit failed with the others up and the tunnel and address named in the journal, and stopping
# the unit leaves the tunnels up.
# On demand, never in `mvn verify` (a TCG VM: 15 min on a quiet host, 30 min at load 13; the VM
# timeout is JL2TP_VM_TIMEOUT, default 2700 s): src/test/deb/boot-test.sh [PACKAGE.deb]
# The guest's console, with every check and the unit's journal, is left in target/boot-test-console.log.
# Without PACKAGE, the newest target/deb/jl2tp_*_all.deb (made by src/test/deb/check.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
die() { printf 'boot-test: ERROR: %s\n' "$*" >&2; exit 1; }
deb=${1:-$(ls -t "$repo"/target/deb/jl2tp_*_all.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || die "no package: run src/test/deb/check.sh first, or give one"
deb=$(readlink -f "$deb")

# The guest's root is this machine's: it needs what the package depends on, and systemd.
need=(systemd kmod libjffi-jni openjdk-17-jre-headless iproute2 dpkg-dev)
missing=()
for p in "${need[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
fi

work=$(mktemp -d /var/tmp/jl2tp-boot.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$work"' EXIT
# A package that only ships a config file in /usr/lib/jl2tp: tunnel 3001 beside site A's.
t=$work/trigger
mkdir -p "$t/DEBIAN" "$t/usr/lib/jl2tp"
cat > "$t/DEBIAN/control" <<CTL
Package: jl2tp-trigger-test
Version: 1
Architecture: all
Maintainer: jl2tp team <jl2tp@example.org>
Depends: jl2tp
Description: test package with a jl2tp site file
CTL
cat > "$t/usr/lib/jl2tp/50-trigger-test.yaml" <<YAML
l2tp:
  version: 1
  tunnels:
    to-site-c:
      tunnel-id: 3001
      peer-tunnel-id: 4001
      local: 192.0.2.1
      remote: 192.0.2.3
      udp-source-port: 5001
      udp-destination-port: 6001
      sessions:
        l2tpeth1: { session-id: 1001, peer-session-id: 2001 }
YAML
dpkg-deb --root-owner-group -b "$t" "$work/jl2tp-trigger-test_1_all.deb" >/dev/null || die "dpkg-deb -b failed"

cat > "$work/setup.sh" <<SETUP
set -e
rm -f /var/lib/man-db/auto-update   # no man-db trigger: minutes under TCG
rm -f /usr/sbin/policy-rc.d   # a container's (exit 101: start nothing): not on a real machine
dpkg -i "$deb"
install -m 0644 "$repo/examples/ip-configured-site-a.yaml" /etc/jl2tp/site-a.yaml
cat > /etc/systemd/system/jl2tp-test-underlay.service <<UNIT
[Unit]
Description=test underlay: dummy0 with 192.0.2.1/24
Before=network.target
Wants=network.target
[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/sbin/ip link add dummy0 type dummy
ExecStart=/sbin/ip addr add 192.0.2.1/24 dev dummy0
ExecStart=/sbin/ip link set dummy0 up
[Install]
WantedBy=multi-user.target
UNIT
systemctl enable jl2tp-test-underlay.service
# The unreachable-site check waits 5 s rather than the unit's 60.
mkdir -p /etc/systemd/system/jl2tp.service.d
printf '[Service]\nExecStart=\nExecStart=/usr/bin/jl2tp-apply --wait-online 5\n' > /etc/systemd/system/jl2tp.service.d/test-wait.conf
SETUP
chmod +x "$work/setup.sh"
chmod 0755 "$work"
start=$SECONDS
"$repo/src/test/vm/run-systemd-vm.sh" --timeout "${JL2TP_VM_TIMEOUT:-2700}" --setup "$work/setup.sh" \
    --results "$work/results" -- "$here/boot-test-guest.sh" "$work/jl2tp-trigger-test_1_all.deb"
rc=$?
# The guest's console (setup, boot, every check and the unit's journal) outlives the scratch dir.
mkdir -p "$repo/target" && cp "$work/results/.vm/console.log" "$repo/target/boot-test-console.log" 2>/dev/null \
    && echo "boot-test: console log in $repo/target/boot-test-console.log"
echo "boot-test: exit $rc after $((SECONDS - start)) s"
exit $rc
