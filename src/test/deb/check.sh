#!/bin/bash
# Builds the Debian package with `dpkg-buildpackage -us -uc -b` from a clean clone of this
# repository's HEAD (what is committed; edits not committed are not in it; a tree without .git, such
# as a private rsync copy, is taken as it is, without target/), then fails on any of:
#   - a lintian tag (lintian -EI --pedantic; initial-upload-closes-no-bugs is allowed),
#   - any output of `systemd-analyze verify` on the unit (against the unpacked package),
#   - a `systemd-analyze security` exposure over 4.0,
#   - a man page that does not render with `man -l --warnings` without a warning,
#   - bash completion that does not complete the subcommands and options,
#   - the launcher: validate fails, or prints anything on stderr, with or without its CDS archive,
#     or the archive is not used.
# Installs what it needs with apt (Debian 12, as root). Run by `mvn verify` (phase verify; skip
# with -Djl2tp.deb.skip=true), or alone: src/test/deb/check.sh. Leaves the .deb in
# target/deb/ (JL2TP_DEB_OUT to choose).
# With --release trixie (on demand), the same package on Debian 13 too, in a chroot of the
# cached trixie root (make-root.sh; each step under a throw-away overlay, root-run.sh): Debian 13's
# lintian clean on it, `dpkg -i` there making the class-data-sharing archive for OpenJDK 21 and the
# launcher using it with nothing on stderr and libjffi-jni's library (extraction made impossible),
# systemd 257's `systemd-analyze verify` and security exposure, the man pages with that man-db; then
# the package built there with Debian 13's toolchain (dpkg-buildpackage, OpenJDK 21, Maven 3.9,
# offline from this machine's ~/.m2), clean on that lintian, with the same files as this one.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
release=bookworm
case ${1:-} in
    "") ;;
    --release) [ "${2:-}" = trixie ] || [ "${2:-}" = bookworm ] || { echo "usage: check.sh [--release bookworm|trixie]" >&2; exit 2; }; release=$2 ;;
    *) echo "usage: check.sh [--release bookworm|trixie]" >&2; exit 2 ;;
esac
out=${JL2TP_DEB_OUT:-$repo/target/deb}
failures=0
say() { printf 'deb-check: %s\n' "$*"; }
fail() { printf 'deb-check: FAILED: %s\n' "$*"; failures=$((failures + 1)); }
die() { printf 'deb-check: ERROR: %s\n' "$*"; exit 1; }

need=(debhelper lintian asciidoctor maven openjdk-17-jdk-headless dpkg-dev git man-db bash-completion systemd libjffi-jni)
missing=()
for p in "${need[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
fi

work=$(mktemp -d /var/tmp/jl2tp-deb.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$work"' EXIT
# A git work tree: its HEAD (what is committed). A tree without .git (a private copy made with
# rsync): the files as they are, without target/.
if [ -d "$repo/.git" ]; then
    git clone -q "$repo" "$work/src" || die "cannot clone $repo"
else
    mkdir "$work/src" && (cd "$repo" && tar -c --exclude=./target --exclude=./debian/generated .) | tar -x -C "$work/src" \
        || die "cannot copy $repo"
fi

say "dpkg-buildpackage -us -uc -b"
(cd "$work/src" && dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log"; die "dpkg-buildpackage failed (log above)"; }
deb=$(ls "$work"/jl2tp_*_all.deb 2>/dev/null | head -n 1)
changes=$(ls "$work"/jl2tp_*.changes 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$changes" ] || die "no jl2tp_*_all.deb / .changes made"
mkdir -p "$out" && cp "$deb" "$out/" || die "cannot copy the package to $out"
say "built $(basename "$deb")"

lintian -EI --pedantic --suppress-tags initial-upload-closes-no-bugs "$changes" > "$work/lintian" 2>&1
if grep -qE '^[EWIPXO]: ' "$work/lintian"; then fail "lintian:"; grep -E '^[EWIPXO]: ' "$work/lintian"; else say "lintian: clean"; fi

root=$work/root
dpkg-deb -x "$deb" "$root" || die "dpkg-deb -x failed"
unit=$root/lib/systemd/system/jl2tp.service
[ -f "$unit" ] || unit=$root/usr/lib/systemd/system/jl2tp.service
# The units it refers to (sysinit.target, network-online.target...) are this machine's.
cp -an /lib/systemd/system/. "${unit%/jl2tp.service}/"
v=$(MANPATH=$root/usr/share/man systemd-analyze verify --root="$root" "$unit" 2>&1)
if [ -n "$v" ]; then fail "systemd-analyze verify:"; echo "$v"; else say "systemd-analyze verify: clean"; fi
sec=$(systemd-analyze security --offline=yes --root="$root" "$unit" 2>&1 | sed -n 's/.*Overall exposure level for jl2tp.service: \([0-9.]*\).*/\1/p')
if [ -z "$sec" ]; then fail "systemd-analyze security gave no exposure level"
elif awk -v s="$sec" 'BEGIN { exit !(s > 4.0) }'; then fail "systemd-analyze security: exposure $sec is over 4.0"
else say "systemd-analyze security: exposure $sec"; fi

# The metrics timer and its service: shipped, clean, hardened like jl2tp.service, and not enabled
# or started on install (no symlink in the package, no enable or start in the maintainer scripts).
units=${unit%/jl2tp.service}
for u in jl2tp-metrics.service jl2tp-metrics.timer jl2tp-watch.service; do
    if [ ! -f "$units/$u" ]; then fail "no $u in the package"; continue; fi
    v=$(MANPATH=$root/usr/share/man systemd-analyze verify --root="$root" "$units/$u" 2>&1)
    if [ -n "$v" ]; then fail "systemd-analyze verify $u:"; echo "$v"; else say "systemd-analyze verify $u: clean"; fi
done
sec=$(systemd-analyze security --offline=yes --root="$root" "$units/jl2tp-metrics.service" 2>&1 | sed -n 's/.*Overall exposure level for jl2tp-metrics.service: \([0-9.]*\).*/\1/p')
if [ -z "$sec" ]; then fail "systemd-analyze security gave no exposure level for jl2tp-metrics.service"
elif awk -v s="$sec" 'BEGIN { exit !(s > 4.0) }'; then fail "systemd-analyze security: jl2tp-metrics.service exposure $sec is over 4.0"
else say "systemd-analyze security: jl2tp-metrics.service exposure $sec"; fi
# The watch service: hardened like jl2tp.service, and like the timer not enabled nor started on install.
sec=$(systemd-analyze security --offline=yes --root="$root" "$units/jl2tp-watch.service" 2>&1 | sed -n 's/.*Overall exposure level for jl2tp-watch.service: \([0-9.]*\).*/\1/p')
if [ -z "$sec" ]; then fail "systemd-analyze security gave no exposure level for jl2tp-watch.service"
elif awk -v s="$sec" 'BEGIN { exit !(s > 4.0) }'; then fail "systemd-analyze security: jl2tp-watch.service exposure $sec is over 4.0"
else say "systemd-analyze security: jl2tp-watch.service exposure $sec"; fi
dpkg-deb -e "$deb" "$work/control" || die "dpkg-deb -e failed"
# debhelper's snippets: with --no-enable, the timer is enabled again on upgrade only where the admin
# had enabled it (inside `if deb-systemd-helper debian-installed`); without, on every new install.
enabling=$(awk '/^# Automatically added by/ { guarded = 0 }
    /debian-installed .jl2tp-metrics.timer./ { guarded = 1 }
    /deb-systemd-helper (--quiet )?enable .jl2tp-metrics/ && !guarded { print }
    /deb-systemd-invoke .*(start|restart).*jl2tp-metrics/ { print }' "$work/control/postinst")
if dpkg-deb -c "$deb" | grep -q '\.wants/'; then fail "the package ships an enabled unit: $(dpkg-deb -c "$deb" | grep '\.wants/')"
elif [ -n "$enabling" ]; then fail "the postinst enables or starts jl2tp-metrics: $enabling"
elif ! grep -q "debian-installed 'jl2tp-metrics.timer'" "$work/control/postinst"; then fail "the postinst does not know jl2tp-metrics.timer"
else say "jl2tp-metrics.timer: shipped, not enabled nor started on install"; fi
watching=$(awk '/^# Automatically added by/ { guarded = 0 }
    /debian-installed .jl2tp-watch.service./ { guarded = 1 }
    /deb-systemd-helper (--quiet )?enable .jl2tp-watch/ && !guarded { print }
    /deb-systemd-invoke .*(start|restart).*jl2tp-watch/ { print }' "$work/control/postinst")
if [ -n "$watching" ]; then fail "the postinst enables or starts jl2tp-watch: $watching"
elif ! grep -q "debian-installed 'jl2tp-watch.service'" "$work/control/postinst"; then fail "the postinst does not know jl2tp-watch.service"
else say "jl2tp-watch.service: shipped, not enabled nor started on install"; fi

for page in man8/jl2tp-apply.8.gz man5/jl2tp.yaml.5.gz; do
    f=$root/usr/share/man/$page
    if [ ! -f "$f" ]; then fail "no man page $page"; continue; fi
    w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$f" 2>&1 >"$work/page") 
    if [ -n "$w" ] || ! grep -q '^NAME' "$work/page" || ! grep -q 'SEE ALSO' "$work/page"; then
        fail "man -l $page: ${w:-no NAME or SEE ALSO section}"
    else say "man -l $page: renders ($(wc -l < "$work/page") lines)"; fi
done

# Completion: what bash would offer after each command line.
complete_words() {
    bash -c '. /usr/share/bash-completion/bash_completion 2>/dev/null
        . "$1"; shift
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        read -r -a COMP_WORDS <<< "$COMP_LINE"
        case $COMP_LINE in *" ") COMP_WORDS+=("") ;; esac
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        f=$(complete -p jl2tp-apply | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
        "$f" jl2tp-apply "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' complete "$root/usr/share/bash-completion/completions/jl2tp-apply" "$@" 2>&1
}
check_completion() {
    local line=$1; shift
    local got; got=$(complete_words "$line" | tr -s ' \n' '  ')
    for want in "$@"; do
        if [[ " $got " != *" $want "* ]]; then fail "completion of '$line' lacks '$want' (got: $got)"; return; fi
    done
    say "completion of '$line': $*"
}
check_completion "jl2tp-apply " validate show status render schema try confirm rollback watch
check_completion "jl2tp-apply s" show status schema
check_completion "jl2tp-apply --" --dry-run --exit-code --prune --config --output --netns --lock-timeout --site --help --version
check_completion "jl2tp-apply render --" --site --config --output
check_completion "jl2tp-apply validate --" --config --output
check_completion "jl2tp-apply status --n" --netns
check_completion "jl2tp-apply status --" --output --textfile --netns --site
check_completion "jl2tp-apply status --output " text json prometheus
check_completion "jl2tp-apply d" diagnose
check_completion "jl2tp-apply diagnose --" --interval --config --output --netns --site
check_completion "jl2tp-apply diagnose --output " text json
check_completion "jl2tp-apply try --" --timeout --candidate --extend --config --prune --netns --output --lock-timeout --site
check_completion "jl2tp-apply confirm --" --extend --netns --lock-timeout
check_completion "jl2tp-apply rollback --" --netns --lock-timeout
check_completion "jl2tp-apply watch --" --reconcile --quiet-period --prune --output --netns --config --site --lock-timeout
# The watcher a try starts is internal: hidden from completion as from --help.
case " $(complete_words "jl2tp-apply " | tr -s ' \n' '  ') " in
    *" try-watcher "*) fail "completion offers the hidden try-watcher" ;;
    *) say "completion hides try-watcher" ;;
esac

# The launcher, as installed, with its CDS archive made by jl2tp-cds in a scratch cache.
export JL2TP_JAR=$root/usr/share/jl2tp/jl2tp-apply.jar JL2TP_CDS_DIR=$work/cache JL2TP_LAUNCHER=$root/usr/bin/jl2tp-apply
example=$root/usr/share/doc/jl2tp/examples/site-a.yaml
cds=$("$root/usr/share/jl2tp/jl2tp-cds")
archive=$(JL2TP_CDS=path "$JL2TP_LAUNCHER")
if [ ! -s "$archive" ]; then fail "jl2tp-cds made no archive: $cds"; else say "$cds"; fi
for mode in cds off; do
    o=$(JL2TP_CDS=${mode/cds/} "$JL2TP_LAUNCHER" validate --config "$example" 2>"$work/err"); rc=$?
    if [ $rc != 0 ] || [ "$o" != "valid: 1 tunnel, 1 session, 0 bridges, 0 vlans in 1 file" ] || [ -s "$work/err" ]; then
        fail "launcher (CDS ${mode/cds/on}): exit $rc, out '$o', err '$(cat "$work/err")'"
    else say "launcher (CDS ${mode/cds/on}): $o"; fi
done
shared=$(JL2TP_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" "$JL2TP_LAUNCHER" validate --config "$example" >/dev/null 2>&1
    grep -c 'net.jl2tp.cli.Main source: shared objects file' "$work/classes.log")
[ "$shared" = 1 ] && say "launcher: the archive is used" || fail "launcher: the archive is not used"
# A stale or broken archive is ignored in silence.
chmod u+w "$archive"; head -c 4096 /dev/urandom > "$archive"
o=$("$JL2TP_LAUNCHER" validate --config "$example" 2>"$work/err"); rc=$?
if [ $rc != 0 ] || [ -s "$work/err" ]; then fail "launcher with a broken archive: exit $rc, err '$(cat "$work/err")'"
else say "launcher with a broken archive: $o"; fi

# The JSON Schema for editors: installed where the examples' modeline points, the bytes that
# `jl2tp-apply schema` prints and that the repository holds (README "JSON Schema").
schema=$root/usr/share/jl2tp/jl2tp.schema.json
modeline="# yaml-language-server: \$schema=/usr/share/jl2tp/jl2tp.schema.json"
if [ ! -s "$schema" ]; then fail "no /usr/share/jl2tp/jl2tp.schema.json in the package"
elif ! "$JL2TP_LAUNCHER" schema 2>"$work/err" | cmp -s - "$schema" || [ -s "$work/err" ]; then
    fail "jl2tp-apply schema does not print /usr/share/jl2tp/jl2tp.schema.json ($(cat "$work/err"))"
elif ! cmp -s "$schema" "$work/src/schema/jl2tp.schema.json"; then fail "the installed schema is not schema/jl2tp.schema.json"
elif [ "$(head -n 1 "$example")" != "$modeline" ]; then fail "$example does not start with '$modeline'"
else say "schema: /usr/share/jl2tp/jl2tp.schema.json ($(wc -c < "$schema") bytes) = jl2tp-apply schema; the examples point at it"; fi

[ "$release" = trixie ] && . "$here/check-trixie.sh"

if [ "$failures" -gt 0 ]; then say "$failures check(s) failed"; exit 1; fi
say "all checks passed"
