# The Debian 13 part of `check.sh --release trixie`, sourced by it once the Debian 12 checks are
# done: uses its $here, $repo, $work, $deb, say, fail and die. Every step runs in a chroot of the
# cached trixie root (make-root.sh) under its own throw-away overlay (root-run.sh).
troot=$("$here/make-root.sh" trixie) || die "cannot make the trixie root"
tv() { sed -n "s/^$1\t//p" "$troot/etc/jl2tp-vm-root" | head -n 1; }
say "trixie: root $troot (systemd $(tv systemd), OpenJDK $(tv 'openjdk-21-jre-headless:amd64'), lintian $(tv lintian), debhelper $(tv debhelper))"
tw=$work/trixie
mkdir -p "$tw" && cp "$deb" "$tw/" || die "cannot copy the package to $tw"
in_trixie() { "$here/root-run.sh" "$troot" --bind "$tw" "$@"; }
# run_checks SCRIPT WHAT: runs $tw/SCRIPT there on the package; its OK and FAIL lines are checks
# here, and a missing END line (the script died) is a failure.
run_checks() {
    local out line
    chmod +x "$tw/$1"
    out=$(in_trixie -- "$tw/$1" "$tw/$(basename "$deb")" 2>&1)
    grep -q '^END$' <<<"$out" || fail "trixie: $2 did not finish: $out"
    while IFS= read -r line; do
        case $line in
            "OK "*) say "trixie: ${line#OK }" ;;
            "FAIL "*) fail "trixie: ${line#FAIL }" ;;
        esac
    done <<<"$out"
}

# Debian 13's lintian. Allowed: the override of Debian 12's package-supports-alternative-init-but-
# no-init.d-script, a tag Debian 13's lintian no longer has (one .deb for both releases).
lint_trixie() {
    local out   # lintian's exit code: 0 no error tag, 2 error tags, 1 it failed
    out=$(in_trixie -- /bin/sh -c 'lintian -EI --pedantic --suppress-tags initial-upload-closes-no-bugs "$1" 2>&1; echo "lintian-exit $?"' lint "$1")
    if ! grep -qE '^lintian-exit [02]$' <<<"$out"; then fail "trixie lintian did not run on $(basename "$1"): $out"; return; fi
    out=$(grep -E '^[EWIPXO]: ' <<<"$out" \
        | grep -vE '^E: jl2tp: alien-tag package-supports-alternative-init-but-no-init\.d-script \[usr/share/lintian/overrides/jl2tp:[0-9]+\]$')
    if [ -n "$out" ]; then fail "trixie lintian on $(basename "$1"):"; echo "$out"; else say "trixie: lintian: clean on $(basename "$1")"; fi
}
lint_trixie "$tw/$(basename "$deb")"

# Installed there: the postinst's archive, the launcher, jffi, the unit under systemd 257, the man pages.
cat > "$tw/installed.sh" <<'GUEST'
#!/bin/bash
# In the trixie chroot: prints OK/FAIL lines, then END.
set -u
ok() { echo "OK $*"; }
bad() { echo "FAIL $*"; }
rm -f /var/lib/man-db/auto-update
if out=$(dpkg -i "$1" 2>&1); then ok "dpkg -i: $(grep -o 'jl2tp-cds: .*' <<<"$out")"; else bad "dpkg -i: $out"; echo END; exit; fi
java=$(readlink -f "$(command -v java)")
archive=$(JL2TP_CDS=path jl2tp-apply)
[ -s "$archive" ] && ok "the postinst made the class-data-sharing archive for $java ($($java -version 2>&1 | head -n 1))" \
    || bad "no archive $archive after dpkg -i"
example=/usr/share/doc/jl2tp/examples/site-a.yaml
for mode in "" off; do
    o=$(JL2TP_CDS=$mode jl2tp-apply validate --config $example 2>/tmp/err); rc=$?
    if [ $rc = 0 ] && [ "$o" = "valid: 1 tunnel, 1 session, 0 bridges, 0 vlans in 1 file" ] && [ ! -s /tmp/err ]; then
        ok "launcher (CDS ${mode:-on}): $o"
    else bad "launcher (CDS ${mode:-on}): exit $rc, out '$o', err '$(cat /tmp/err)'"; fi
done
JL2TP_JAVA_OPTS="-Xlog:class+load=info:file=/tmp/classes.log" jl2tp-apply validate --config $example >/dev/null 2>&1
grep -q 'net.jl2tp.cli.Main source: shared objects file' /tmp/classes.log && ok "launcher: the archive is used" \
    || bad "launcher: the archive is not used"
# libjffi-jni's libjffi-1.2.so, found on the JVM's java.library.path: with extraction into a temp
# directory impossible, the netlink socket still opens (this kernel has no L2TP: ENOENT for the family).
o=$(JL2TP_JAVA_OPTS="-Djffi.extract.dir=/nonexistent -Djava.io.tmpdir=/nonexistent" jl2tp-apply show 2>&1); rc=$?
if [ $rc = 0 ] || grep -q '^jl2tp-apply: resolve generic netlink family l2tp: ENOENT' <<<"$o"; then
    ok "jffi: libjffi-jni's library ($(dpkg-query -W -f '${Version}' libjffi-jni)), extraction impossible: netlink opened"
else bad "jffi without extraction: exit $rc: $o"; fi
unit=/usr/lib/systemd/system/jl2tp.service
v=$(systemd-analyze verify "$unit" 2>&1)
[ -z "$v" ] && ok "systemd-analyze verify ($(systemctl --version | head -n 1)): clean" || bad "systemd-analyze verify: $v"
sec=$(systemd-analyze security --offline=yes "$unit" 2>&1 | sed -n 's/.*Overall exposure level for jl2tp.service: \([0-9.]*\).*/\1/p')
if [ -n "$sec" ] && awk -v s="$sec" 'BEGIN { exit !(s <= 4.0) }'; then ok "systemd-analyze security: exposure $sec"
else bad "systemd-analyze security: exposure '${sec:-none}' (over 4.0 or none)"; fi
for page in man8/jl2tp-apply.8.gz man5/jl2tp.yaml.5.gz; do
    w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l /usr/share/man/$page 2>&1 >/tmp/page)
    if [ -z "$w" ] && grep -q '^NAME' /tmp/page; then ok "man -l $page: renders ($(wc -l < /tmp/page) lines)"
    else bad "man -l $page: ${w:-no NAME}"; fi
done
echo END
GUEST
run_checks installed.sh "the installed-package checks"

# With OpenJDK 25, which Debian 13 also has (not its default; installed, it becomes `java`): the
# trigger on /usr/lib/jvm makes the archive for it, and nothing reaches stderr (Java 24+ warns when
# jffi loads its JNI library unless the launcher enables native access).
cat > "$tw/java25.sh" <<'GUEST'
#!/bin/bash
set -u
dpkg -i "$1" >/dev/null 2>&1 || { echo "FAIL dpkg -i"; echo END; exit; }
apt-get update -qq >/dev/null 2>&1
out=$(apt-get install -y -qq --no-install-recommends openjdk-25-jre-headless 2>&1) \
    || { echo "FAIL apt-get install openjdk-25-jre-headless: $(tail -n 3 <<<"$out")"; echo END; exit; }
java=$(readlink -f "$(command -v java)")
archive=$(JL2TP_CDS=path jl2tp-apply)
[ -s "$archive" ] && echo "OK OpenJDK 25: the trigger made the archive for $java" || echo "FAIL OpenJDK 25: no archive $archive for $java"
o=$(jl2tp-apply validate --config /usr/share/doc/jl2tp/examples/site-a.yaml 2>&1)
[ "$o" = "valid: 1 tunnel, 1 session, 0 bridges, 0 vlans in 1 file" ] && echo "OK OpenJDK 25: validate: $o" || echo "FAIL OpenJDK 25: validate: $o"
o=$(jl2tp-apply show 2>&1)
grep -q '^jl2tp-apply: resolve generic netlink family l2tp: ENOENT' <<<"$o" && [ "$(wc -l <<<"$o")" = 1 ] \
    && echo "OK OpenJDK 25: jffi loads with no warning" || echo "FAIL OpenJDK 25: show: $o"
echo END
GUEST
run_checks java25.sh "the OpenJDK 25 checks"

# Built there, with Debian 13's toolchain, Maven offline from this machine's repository.
m2=${HOME:-/root}/.m2/repository
if [ -d "$m2" ] && mkdir -p "$tw/build" && cp -a "$work/src" "$tw/build/src"; then
    t0=$SECONDS
    # The build dependencies are checked, but for build-essential (a C compiler: none is used for
    # this Architecture: all package, and the root does not carry one).
    if in_trixie --bind "$m2" -- /bin/sh -c 'cd "$1/src" || exit 1
        if ! out=$(dpkg-checkbuilddeps 2>&1); then
            case $out in *"unmet build dependencies: build-essential:native") ;; *) echo "$out"; exit 1 ;; esac
        fi
        MAVEN_ARGS="-o -Dmaven.repo.local=$2" dpkg-buildpackage -us -uc -b -d' build "$tw/build" "$m2" \
        > "$tw/build.log" 2>&1; then
        tdeb=$(ls "$tw"/build/jl2tp_*_all.deb 2>/dev/null | head -n 1)
        tchanges=$(ls "$tw"/build/jl2tp_*.changes 2>/dev/null | head -n 1)
        say "trixie: dpkg-buildpackage there: $(basename "$tdeb") in $((SECONDS - t0)) s"
        lint_trixie "$tchanges"
        if diff <(dpkg-deb -c "$deb" | awk '{print $6}' | sort) <(dpkg-deb -c "$tdeb" | awk '{print $6}' | sort) > "$tw/files.diff"; then
            say "trixie: its package has the same files as this one's"
        else fail "trixie: its package's files differ from this one's:"; cat "$tw/files.diff"; fi
    else tail -n 30 "$tw/build.log"; fail "trixie: dpkg-buildpackage there failed (log above)"; fi
else fail "trixie: no Maven repository $m2 to build offline with (or cannot copy the source)"; fi
