#!/bin/bash
# Runs COMMAND as root in a chroot of a root made by make-root.sh (another Debian release), under a
# throw-away overlay, so that the cached root is never changed: with /proc, /sys, /dev, a fresh
# /tmp, this machine's resolv.conf, and each --bind DIR at the same path inside (read-write).
# Usage: root-run.sh ROOT [--bind DIR]... -- COMMAND [ARG...]
# Exits with COMMAND's exit code (1 if the chroot cannot be set up).
set -uo pipefail
die() { printf 'root-run: ERROR: %s\n' "$*" >&2; exit 1; }
[ $# -ge 1 ] && [ -f "$1/etc/jl2tp-vm-root" ] || die "usage: root-run.sh ROOT [--bind DIR]... -- COMMAND (ROOT made by make-root.sh)"
root=$1; shift
binds=()
while [ $# -gt 0 ]; do
    case $1 in
        --bind) [ $# -ge 2 ] && [ -d "$2" ] || die "--bind wants a directory"; binds+=("$(readlink -f "$2")"); shift 2 ;;
        --) shift; break ;;
        *) die "unknown option $1" ;;
    esac
done
[ $# -gt 0 ] || die "no COMMAND"
scratch=$(mktemp -d /var/tmp/jl2tp-root-run.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$scratch"' EXIT
# In a private mount namespace: every mount goes away with it, however the command ends.
unshare --mount --propagation private /bin/bash -c '
    s=$1 root=$2 nb=$3; shift 3
    binds=("${@:1:nb}"); shift "$nb"
    m=$s/merged
    mkdir -p "$s/upper" "$s/work" "$m" || exit 1
    mount -t overlay -o "lowerdir=$root,upperdir=$s/upper,workdir=$s/work" overlay "$m" || exit 1
    mount -t proc proc "$m/proc" && mount -t sysfs sysfs "$m/sys" && mount --bind /dev "$m/dev" \
        && mount -t tmpfs -o mode=1777 tmp "$m/tmp" || exit 1
    cp -L /etc/resolv.conf "$m/etc/resolv.conf" 2>/dev/null
    for d in "${binds[@]}"; do
        mkdir -p "$m$d" && mount --bind "$d" "$m$d" || exit 1
    done
    exec chroot "$m" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
' root-run "$scratch" "$root" "${#binds[@]}" "${binds[@]}" "$@"
