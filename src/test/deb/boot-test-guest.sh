#!/bin/bash
# Runs in the systemd VM (boot-test.sh) once multi-user.target is up: jl2tp was installed with
# dpkg -i before this first boot, /etc/jl2tp/site-a.yaml is the man page's site A and a drop-in
# shortens the unit's --wait-online to 5 s.
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

# The system this boot is meant to be (boot-test.sh --release: JL2TP_BOOT_EXPECT is the release's
# codename, kernel series, Java feature version and systemd version).
read -r want_release want_kernel want_java want_systemd <<<"${JL2TP_BOOT_EXPECT:-}"
. /etc/os-release
echo "boot-test: $PRETTY_NAME, kernel $(uname -r), $(java -version 2>&1 | head -n 1), $(systemctl --version | head -n 1)"
if [ -n "${want_systemd:-}" ]; then
    has "the root is Debian's $want_release" "^$want_release\$" echo "${VERSION_CODENAME:-}"
    has "the kernel is $want_kernel" "^${want_kernel//./\\.}\\." uname -r
    has "the Java runtime is $want_java" "version \"$want_java[.\"]" java -version
    has "systemd is $want_systemd" "^systemd $want_systemd " systemctl --version
fi

has "jl2tp.service is enabled by the package" '^enabled$' systemctl is-enabled jl2tp.service
has "jl2tp.service is active after boot" '^active$' systemctl is-active jl2tp.service
has "the boot applied the config" 'applied [0-9]+ changes; the kernel matches the config' journalctl -b -u jl2tp.service --no-pager

# The metrics timer: shipped disabled; its service, in its sandbox, writes node_exporter's textfile.
has "jl2tp-metrics.timer is not enabled by the package" '^disabled$' systemctl is-enabled jl2tp-metrics.timer
has "jl2tp-metrics.timer is not started" '^inactive$' systemctl is-active jl2tp-metrics.timer
mkdir -p /var/lib/prometheus/node-exporter
check "systemctl start jl2tp-metrics.service" systemctl start jl2tp-metrics.service
prom=/var/lib/prometheus/node-exporter/jl2tp.prom
has "jl2tp.prom is 0644" '^644$' stat -c %a "$prom"
has "jl2tp.prom has the session" '^jl2tp_session_info\{tunnel_id="3000",session_id="1000",.*\} 1$' cat "$prom"
has "jl2tp.prom: the kernel matches the config" '^jl2tp_config_in_sync 1$' cat "$prom"
has "jl2tp.prom: the last apply" '^jl2tp_last_apply_timestamp_seconds [0-9]+$' cat "$prom"
check "systemctl enable --now jl2tp-metrics.timer" systemctl enable --now jl2tp-metrics.timer
has "jl2tp-metrics.timer is active once enabled" '^active$' systemctl is-active jl2tp-metrics.timer
check "systemctl disable --now jl2tp-metrics.timer" systemctl disable --now jl2tp-metrics.timer
has "tunnel 3000 exists" 'Tunnel 3000, encap UDP' ip l2tp show tunnel
has "session 1000 exists" 'Session 1000 in tunnel 3000' ip l2tp show session
has "l2tpeth0 has its address" 'inet 203\.0\.113\.1 peer 203\.0\.113\.2/32' ip -o addr show dev l2tpeth0
has "the unit loaded l2tp_eth" '^l2tp_eth ' lsmod
has "the state directory is root's alone" '^700 root$' stat -c '%a %U' /run/jl2tp/state
has "the record is 0600 and named by inode and cookie" '^600 netns-[0-9]+-[0-9]+\.json$' \
    find /run/jl2tp/state -name 'netns-*.json' -printf '%m %f\n'
has "the lock is in it, 0600" '^600$' stat -c '%a' /run/jl2tp/state/lock
# The install (dpkg -i before this boot) made the class-data-sharing archive for this root's Java
# runtime, and the launcher uses it; jffi loads libjffi-jni's library (extraction made impossible).
archive=$(JL2TP_CDS=path /usr/bin/jl2tp-apply)
check "the install made the CDS archive for $(readlink -f "$(command -v java)") ($archive)" test -s "$archive"
has "jl2tp-apply uses the archive" 'net\.jl2tp\.cli\.Main source: shared objects file' /bin/sh -c \
    'JL2TP_JAVA_OPTS="-Xlog:class+load=info:file=/tmp/classes.log" /usr/bin/jl2tp-apply validate >/dev/null 2>&1; cat /tmp/classes.log'
has "jffi uses libjffi-jni's library" 'tunnel-id: 3000' \
    env JL2TP_JAVA_OPTS="-Djffi.extract.dir=/nonexistent -Djava.io.tmpdir=/nonexistent" /usr/bin/jl2tp-apply show
# --netns in the unit's sandbox (these properties of it): the hint says why, not "run as root".
ip netns add boot-test
has "--netns in the unit's sandbox says why it is refused" 'RestrictNamespaces=yes\): run jl2tp-apply --netns outside the unit' \
    systemd-run --wait --pipe --quiet -p CapabilityBoundingSet=CAP_NET_ADMIN -p RestrictNamespaces=yes \
    -p ProtectProc=invisible -p ProcSubset=pid /usr/bin/jl2tp-apply status --netns boot-test
ip netns delete boot-test

# The watch service: shipped disabled; in its sandbox it joins the multicast groups, reports a
# foreign delete of the owned session as one JSON line in the journal, reconciles it, and ends
# cleanly on systemctl stop (SIGTERM).
watchlog() { journalctl -b -u jl2tp-watch.service --no-pager -o cat; }
has "jl2tp-watch.service is not enabled by the package" '^disabled$' systemctl is-enabled jl2tp-watch.service
has "jl2tp-watch.service is not started" '^inactive$' systemctl is-active jl2tp-watch.service
check "systemctl start jl2tp-watch.service" systemctl start jl2tp-watch.service
end=$((SECONDS + 180)); until watchlog | grep -q 'watch: watching'; do [ $SECONDS -lt $end ] || break; sleep 1; done
has "the watch runs in its sandbox" 'jl2tp-apply: watch: watching this network namespace; reconciling after 2 s' watchlog
ip l2tp del session tunnel_id 3000 session_id 1000
sleep 1
end=$((SECONDS + 120)); until ip l2tp show session | grep -q 'Session 1000 in tunnel 3000'; do [ $SECONDS -lt $end ] || break; sleep 1; done
has "the watch reported the delete" '"kind":"session","object":"3000/1000 \(l2tpeth0\)","change":"removed","relation":"owned"' watchlog
end=$((SECONDS + 30)); until watchlog | grep -q '"kind":"reconcile"'; do [ $SECONDS -lt $end ] || break; sleep 1; done
has "the watch reconciled it" '"kind":"reconcile".*"change":"applied"' watchlog
has "session 1000 is back" 'Session 1000 in tunnel 3000' ip l2tp show session
check "systemctl stop jl2tp-watch.service" systemctl stop jl2tp-watch.service
has "the watch ended cleanly on SIGTERM" '^inactive$' systemctl is-active jl2tp-watch.service

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

# jl2tp-apply try where systemd is PID 1: the rollback is armed as a transient unit (out of the
# caller's session); unconfirmed, it rolls back at the deadline; confirmed, the candidate is installed.
mkdir -p /tmp/candidate
sed 's/203\.0\.113\.5, peer: 203\.0\.113\.6/203.0.113.9, peer: 203.0.113.6/' /etc/jl2tp/site-a.yaml > /tmp/candidate/site-a.yaml
# 40 s: the checks below take seconds each under TCG, and must all run before the deadline.
out=$(/usr/bin/jl2tp-apply try --candidate /tmp/candidate/site-a.yaml --timeout 40 2>&1 </dev/null); rc=$?
echo "$out" | sed 's/^/  try: /'
unit=$(grep -oE 'jl2tp-try-[0-9a-f]{16}\.service' <<<"$out" | head -n 1)
[ $rc = 0 ] && [ -n "$unit" ] && ok "try arms its rollback as a systemd unit ($unit)" || bad "try: exit $rc, no unit named"
has "the watcher unit is active" '^active$' systemctl is-active "${unit:-none}"
has "the try applied the candidate" 'inet 203\.0\.113\.9 peer' ip -o addr show dev l2tpeth0
has "status shows the pending try" 'pending, started .* rolls back at' /usr/bin/jl2tp-apply status
has "an apply is refused while it is pending (exit 4)" '^4$' sh -c '/usr/bin/jl2tp-apply >/dev/null 2>&1; echo $?'
end=$((SECONDS + 150))
while [ $SECONDS -lt $end ]; do /usr/bin/jl2tp-apply status 2>/dev/null | grep -q 'rolled back at' && break; sleep 1; done
has "unconfirmed, it rolled back at its deadline" 'rolled back at' /usr/bin/jl2tp-apply status
has "the address is as before the try" 'inet 203\.0\.113\.5 peer 203\.0\.113\.6/32' ip -o addr show dev l2tpeth0
has "the journal has the rollback" 'rolled back try [0-9a-f]{16} at .*the kernel is as it was before the try' \
    journalctl -u "${unit:-none}" --no-pager
hasnt "the candidate was not installed" '203\.0\.113\.9' cat /etc/jl2tp/site-a.yaml
out=$(/usr/bin/jl2tp-apply try --candidate /tmp/candidate/site-a.yaml --timeout 120 2>&1 </dev/null)
unit=$(grep -oE 'jl2tp-try-[0-9a-f]{16}\.service' <<<"$out" | head -n 1)
has "confirm installs the candidate" 'installed /tmp/candidate/site-a\.yaml as /etc/jl2tp/site-a\.yaml' /usr/bin/jl2tp-apply confirm
has "the installed file is the candidate, 0644 root" '^644 root .*203\.0\.113\.9' sh -c \
    'printf "%s " "$(stat -c "%a %U" /etc/jl2tp/site-a.yaml)"; grep -o "203\.0\.113\.9" /etc/jl2tp/site-a.yaml'
end=$((SECONDS + 30))
while [ $SECONDS -lt $end ]; do systemctl is-active --quiet "${unit:-none}" || break; sleep 1; done
hasnt "the confirmed try's watcher unit has ended" '^active$' systemctl is-active "${unit:-none}"
has "the files and the kernel agree after confirm" '^in sync' /usr/bin/jl2tp-apply --dry-run

# A site whose local address never appears: the unit (--wait-online 5, boot-test.sh's drop-in)
# brings up the other new tunnel, holds this one, names it with its address and ends failed.
cat > /etc/jl2tp/60-late.yaml <<'YAML'
l2tp:
  version: 1
  tunnels:
    to-site-d:
      tunnel-id: 3002
      peer-tunnel-id: 4002
      local: 192.0.2.1
      remote: 192.0.2.4
      udp-source-port: 5002
      udp-destination-port: 6002
      sessions:
        l2tpeth2: { session-id: 1002, peer-session-id: 2002 }
    late:
      tunnel-id: 3003
      peer-tunnel-id: 4003
      local: 198.51.100.1
      remote: 198.51.100.2
      udp-source-port: 5003
      udp-destination-port: 6003
      sessions:
        l2tpeth3: { session-id: 1003, peer-session-id: 2003 }
YAML
since=$(date '+%Y-%m-%d %H:%M:%S'); sleep 1
if systemctl restart jl2tp.service >/dev/null 2>&1; then bad "systemctl restart with an unreachable site: succeeded"
else ok "systemctl restart with an unreachable site fails"; fi
has "the unit is left failed" '^failed$' systemctl is-active jl2tp.service
has "the reachable new tunnel 3002 came up" 'Tunnel 3002, encap UDP' ip l2tp show tunnel
has "with its session 1002" 'Session 1002 in tunnel 3002' ip l2tp show session
has "tunnel 3000 stays" 'Tunnel 3000, encap UDP' ip l2tp show tunnel
hasnt "the unreachable tunnel 3003 is not made" 'Tunnel 3003' ip l2tp show tunnel
has "the journal says what it waits for" "waiting: tunnel 'late' \(3003\) waits for its local address 198\.51\.100\.1" \
    journalctl -u jl2tp.service --since "$since" --no-pager
has "the journal names the tunnel and its address" \
    "tunnel 'late' \(3003\) did not come up: its local address 198\.51\.100\.1 \(absent\) after 5 s \(--wait-online\); everything else is applied" \
    journalctl -u jl2tp.service --since "$since" --no-pager
has "systemctl status shows the failure" 'Active: failed' systemctl status --no-pager jl2tp.service

check "systemctl stop jl2tp" systemctl stop jl2tp.service
has "stopping the unit leaves the tunnels up" 'Tunnel 3000, encap UDP' ip l2tp show tunnel

echo "boot-test: jl2tp.service journal:"
journalctl -b -u jl2tp.service --no-pager | sed 's/^/  /'
[ $fails = 0 ] && echo "boot-test: all checks passed" || echo "boot-test: $fails check(s) failed"
exit $((fails > 0))
