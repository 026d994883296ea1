#!/bin/bash
# Runs in the systemd VM (boot-test.sh) once multi-user.target is up: jl2tp was installed with
# dpkg -i before this first boot and /etc/jl2tp/site-a.yaml is the man page's site A.
# Usage: boot-test-guest.sh TRIGGER-TEST.deb
set -u
fails=0
ok() { echo "boot-test: ok: $*"; }
bad() { echo "boot-test: FAILED: $*"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
has() { local what=$1 pattern=$2; shift 2; local out; out=$("$@" 2>&1)
    if grep -qE -- "$pattern" <<<"$out"; then ok "$what"; else bad "$what: no /$pattern/ in: $out"; fi; }
hasnt() { local what=$1 pattern=$2; shift 2; local out; out=$("$@" 2>&1)
    if grep -qE -- "$pattern" <<<"$out"; then bad "$what: /$pattern/ in: $out"; else ok "$what"; fi; }

has "jl2tp.service is enabled by the package" '^enabled$' systemctl is-enabled jl2tp.service
has "jl2tp.service is active after boot" '^active$' systemctl is-active jl2tp.service
has "the boot applied the config" 'applied [0-9]+ changes; the kernel matches the config' journalctl -b -u jl2tp.service --no-pager
has "tunnel 3000 exists" 'Tunnel 3000, encap UDP' ip l2tp show tunnel
has "session 1000 exists" 'Session 1000 in tunnel 3000' ip l2tp show session
has "l2tpeth0 has its address" 'inet 203\.0\.113\.1 peer 203\.0\.113\.2/32' ip -o addr show dev l2tpeth0
has "the unit loaded l2tp_eth" '^l2tp_eth ' lsmod

sed -i 's/203\.0\.113\.1, peer: 203\.0\.113\.2/203.0.113.5, peer: 203.0.113.6/' /etc/jl2tp/site-a.yaml
check "systemctl reload jl2tp" systemctl reload jl2tp.service
has "reload applied the edit" 'inet 203\.0\.113\.5 peer 203\.0\.113\.6/32' ip -o addr show dev l2tpeth0
hasnt "reload removed the old address" '203\.0\.113\.1 ' ip -o addr show dev l2tpeth0

out=$(dpkg -i "$1" 2>&1); rc=$?
echo "$out" | sed 's/^/  dpkg -i: /'
[ $rc = 0 ] && ok "dpkg -i of a package with a file in /usr/lib/jl2tp" || bad "dpkg -i: exit $rc"
has "the trigger applied the package's tunnel 3001" 'Tunnel 3001, encap UDP' ip l2tp show tunnel
has "and kept tunnel 3000" 'Tunnel 3000, encap UDP' ip l2tp show tunnel
out=$(dpkg -r jl2tp-trigger-test 2>&1); rc=$?
[ $rc = 0 ] && ok "dpkg -r of that package" || bad "dpkg -r: exit $rc: $out"
hasnt "the trigger removed tunnel 3001 with it" 'Tunnel 3001' ip l2tp show tunnel

check "systemctl stop jl2tp" systemctl stop jl2tp.service
has "stopping the unit leaves the tunnels up" 'Tunnel 3000, encap UDP' ip l2tp show tunnel

echo "boot-test: jl2tp.service journal:"
journalctl -b -u jl2tp.service --no-pager | sed 's/^/  /'
[ $fails = 0 ] && echo "boot-test: all checks passed" || echo "boot-test: $fails check(s) failed"
exit $((fails > 0))
