#!/bin/bash
# The package at boot, in the project's VM with systemd as PID 1 (src/test/vm/run-systemd-vm.sh):
# before the first boot, `dpkg -i` of the .deb, the man page's site A (examples/
# ip-configured-site-a.yaml) in /etc/jl2tp/ and a dummy underlay with 192.0.2.1/24; then boot and
# check (boot-test-guest.sh) that jl2tp.service is active, the tunnel, session and address exist,
# the class-data-sharing archive was made at install for the root's Java runtime and is used,
# `systemctl reload jl2tp` applies an edit, a package that ships a file in /usr/lib/jl2tp gets it
# applied by the trigger (and removed with it), a site whose local address never appears leaves
# the unit failed with the others up and the tunnel and address named in the journal, and stopping
# the unit leaves the tunnels up.
# On demand, never in `mvn verify` (a TCG VM: minutes on a quiet host, 30 min at load 13; the VM
# timeout is JL2TP_VM_TIMEOUT, default 2700 s):
#   src/test/deb/boot-test.sh [--release bookworm|trixie] [PACKAGE.deb]
#   --release bookworm (default): Debian 12: this machine's own root (it must be Debian 12) and
#             Debian 12's kernel (6.1), systemd 252, OpenJDK 17.
#   --release trixie: Debian 13: a minimal trixie root made once by make-root.sh (debootstrap,
#             cached under the VM cache) and Debian 13's kernel (6.12, JL2TP_VM_KERNEL=trixie for
#             src/test/vm/prepare.sh), systemd 257, OpenJDK 21.
# The guest's console, with every check and the unit's journal, is left in
# target/boot-test-console-RELEASE.log.
# Without PACKAGE, the newest target/deb/jl2tp_*_all.deb (made by src/test/deb/check.sh).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
die() { printf 'boot-test: ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '/^#   src\/test/,/^# Without/s/^# \{0,1\}//p' "$here/boot-test.sh" >&2; exit 2; }
release=bookworm
while [ $# -gt 0 ]; do
    case $1 in
        --release) [ $# -ge 2 ] || usage; release=$2; shift 2 ;;
        --release=*) release=${1#*=}; shift ;;
        -h|--help) usage ;;
        -*) usage ;;
        *) break ;;
    esac
done
[ $# -le 1 ] || usage
deb=${1:-$(ls -t "$repo"/target/deb/jl2tp_*_all.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || die "no package: run src/test/deb/check.sh first, or give one"
deb=$(readlink -f "$deb")

# The guest's root and kernel, and what the guest is expected to report (checked there): the
# release's codename, kernel series, Java feature version and systemd version.
case $release in
    bookworm)
        # This machine's root: it needs what the package depends on, and systemd.
        . /etc/os-release
        [ "${VERSION_CODENAME:-}" = bookworm ] || die "--release bookworm boots this machine's root, which is ${PRETTY_NAME:-not Debian 12}"
        need=(systemd kmod libjffi-jni openjdk-17-jre-headless iproute2 dpkg-dev)
        vmroot=/ expect="bookworm 6.1 17 252" ;;
    trixie)
        need=(kmod dpkg-dev)   # depmod for the guest's module tree, dpkg-deb for the trigger test
        vmroot=$("$here/make-root.sh" trixie) || die "cannot make the trixie root"
        expect="trixie 6.12 21 257" ;;
    *) die "--release: bookworm or trixie, not '$release'" ;;
esac
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
# What the guest uses goes into the results share, which the guest sees at the same path whatever
# its root: the packages, site A, the setup script and the guest script.
in=$work/results/in
mkdir -p "$in" && cp "$deb" "$in/" && cp "$repo/examples/ip-configured-site-a.yaml" "$here/boot-test-guest.sh" "$in/" \
    || die "cannot copy the package and scripts to $in"
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
dpkg-deb --root-owner-group -b "$t" "$in/jl2tp-trigger-test_1_all.deb" >/dev/null || die "dpkg-deb -b failed"

cat > "$in/setup.sh" <<SETUP
set -e
rm -f /var/lib/man-db/auto-update   # no man-db trigger: minutes under TCG
rm -f /usr/sbin/policy-rc.d   # a container's (exit 101: start nothing): not on a real machine
dpkg -i "$in/$(basename "$deb")"
install -m 0644 "$in/ip-configured-site-a.yaml" /etc/jl2tp/site-a.yaml
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
chmod +x "$in/setup.sh" "$in/boot-test-guest.sh"
chmod 0755 "$work"
start=$SECONDS
# The guest's working directory must exist in its root: the results share does in both.
cd "$work/results" || die "cannot cd to $work/results"
JL2TP_VM_ROOT=$vmroot JL2TP_VM_KERNEL=$release JL2TP_BOOT_EXPECT=$expect \
    "$repo/src/test/vm/run-systemd-vm.sh" --timeout "${JL2TP_VM_TIMEOUT:-2700}" --setup "$in/setup.sh" \
    --results "$work/results" -- "$in/boot-test-guest.sh" "$in/jl2tp-trigger-test_1_all.deb"
rc=$?
# The guest's console (setup, boot, every check and the unit's journal) outlives the scratch dir.
console=$repo/target/boot-test-console-$release.log
mkdir -p "$repo/target" && cp "$work/results/.vm/console.log" "$console" 2>/dev/null \
    && echo "boot-test: console log in $console"
echo "boot-test: $release: exit $rc after $((SECONDS - start)) s"
exit $rc
