#!/bin/bash
# Makes (once) and prints the path of a minimal Debian root of another release for the package
# tests: the guest's root of `boot-test.sh --release trixie` (over 9p, read-only, like the host's
# root on Debian 12), and where that release's lintian (and toolchain) run, in a chroot.
# Made with debootstrap (installed on this machine with apt if missing) from the Debian archive
# this machine's own apt sources name (deb.debian.org here), then the packages below with that
# root's own apt: this machine's apt configuration is never touched.
# Cached under $JL2TP_VM_CACHE/roots/RELEASE-HASH (default /var/cache/jl2tp-vm), made once,
# under a lock (concurrent callers wait), in a scratch directory renamed when complete; HASH is of
# this script and the package list, so changing either makes a new root (older ones are removed).
# Usage: make-root.sh RELEASE   (trixie). Prints the root's path; progress goes to stderr.
# Env: JL2TP_VM_CACHE, JL2TP_VM_MIRROR (the archive, e.g. http://deb.debian.org/debian).
set -uo pipefail
die() { printf 'make-root: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf 'make-root: %s\n' "$*" >&2; }
release=${1:-}
case $release in
    trixie) ;;
    *) die "usage: make-root.sh trixie (Debian 12 is this machine's own root)" ;;
esac
# What the boot test's guest needs (systemd as PID 1, the package's Depends, ip l2tp, dbus as on a
# usual system), that release's lintian, and its toolchain to build the package there.
packages=(systemd systemd-sysv dbus udev kmod iproute2 default-jre-headless libjffi-jni
    lintian dpkg-dev debhelper asciidoctor maven default-jdk-headless git)

cache=${JL2TP_VM_CACHE:-/var/cache/jl2tp-vm}/roots
hash=$(cat "${BASH_SOURCE[0]}" <(printf '%s\n' "${packages[@]}") | sha256sum | cut -c1-12)
root=$cache/$release-$hash
mkdir -p "$cache" || die "cannot create $cache"
exec 9>"$cache/.lock" && flock 9 || die "cannot lock $cache/.lock"
if [ -f "$root/etc/jl2tp-vm-root" ]; then echo "$root"; exit 0; fi

# The archive: the one the VM harness fetches kernels from (this machine's Debian mirror, not
# -security, else Debian's CDN; JL2TP_VM_MIRROR first).
. "$(dirname "${BASH_SOURCE[0]}")/../vm/prepare.sh"
mirror=$(_vm_mirror)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap debian-archive-keyring >&2 \
        || die "apt-get install debootstrap failed"
fi
[ -f "$keyring" ] || die "no $keyring (apt-get install debian-archive-keyring)"

start=$SECONDS
tmp=$cache/.tmp-$release-$hash
rm -rf "$tmp"
say "debootstrap --variant=minbase $release $tmp $mirror (a few minutes)"
debootstrap --variant=minbase --keyring="$keyring" "$release" "$tmp" "$mirror" > "$cache/.debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/.debootstrap.log" >&2; die "debootstrap failed (log: $cache/.debootstrap.log)"; }
rm -f "$tmp/etc/apt/sources.list"
cat > "$tmp/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: $release $release-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $mirror-security
Suites: $release-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d" && chmod 0755 "$tmp/usr/sbin/policy-rc.d"
echo jl2tp-vm > "$tmp/etc/hostname"
say "apt-get install ${packages[*]}"
# In a private mount namespace: /proc, /sys and /dev go away with it, however it ends.
unshare --mount --propagation private /bin/bash -c '
    set -e
    r=$1; shift
    mount -t proc proc "$r/proc"; mount -t sysfs sysfs "$r/sys"; mount --bind /dev "$r/dev"
    c() { chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
    c apt-get update -qq
    c apt-get install -y -qq --no-install-recommends "$@"
    c apt-get upgrade -y -qq
    c apt-get clean
    c systemd-machine-id-setup
' make-root "$tmp" "${packages[@]}" > "$cache/.install.log" 2>&1 \
    || { tail -n 20 "$cache/.install.log" >&2; die "installing the packages in the $release root failed (log: $cache/.install.log)"; }
rm -f "$tmp/usr/sbin/policy-rc.d"
{ echo "release=$release hash=$hash made=$(date -u +%FT%TZ) mirror=$mirror"; chroot "$tmp" dpkg-query -W; } > "$tmp/etc/jl2tp-vm-root" \
    || die "cannot write $tmp/etc/jl2tp-vm-root"
rm -rf "${tmp:?}"/tmp/* "${tmp:?}"/var/tmp/*
for old in "$cache/$release"-*; do
    [ -e "$old" ] && [ "$old" != "$root" ] || continue
    say "removing the older root $old"; rm -rf "$old"
done
mv "$tmp" "$root" || die "cannot rename $tmp to $root"
say "made $root in $((SECONDS - start)) s ($(du -sh "$root" | cut -f1))"
echo "$root"
