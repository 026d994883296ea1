#!/bin/bash
# Prepares everything the VM harness needs, and caches it:
#   - Debian packages: qemu-system-x86, busybox-static, iputils-ping, iproute2, strace, kmod (rmmod
#     for L2tpModulesMissingKernelTest; the host image has none), xz-utils
#     (apt-get install --no-install-recommends; `apt-get update` only when something is missing),
#   - the Debian generic kernel that a release's linux-image-amd64 depends on (JL2TP_VM_KERNEL:
#     bookworm = Debian 12, 6.1, the default; trixie = Debian 13, 6.12), resolved and fetched through
#     a private apt configuration under the cache (its own sources list, lists and archive
#     directories: the machine's apt set-up is neither read for packages nor changed), unpacked with
#     `dpkg-deb -x` into the cache (the host's /boot and /lib/modules are never touched); a merged-/usr
#     tree (usr/lib/modules) gets lib -> usr/lib, compressed modules (.ko.xz, .ko.zst) are
#     decompressed for busybox's modprobe, and the tree is depmod'ed,
#   - an uncompressed vmlinux (boots ~2.5 s faster under TCG than the xz bzImage),
#   - a small initramfs (busybox + the modules below + init.sh and init-lib.sh), keyed by kernel
#     version and by the hash of this script, init.sh and init-lib.sh.
# Cache: ${JL2TP_VM_CACHE:-/var/cache/jl2tp-vm}. Needs root.
#
# Executed: prepares and prints the paths. Sourced: defines jl2tp_vm_prepare, which sets
# VM_RELEASE, VM_KVER, VM_KERNEL, VM_INITRD, VM_MODDIR.
# Env: JL2TP_VM_CACHE (cache dir), JL2TP_VM_KERNEL (the Debian release whose kernel to boot:
# bookworm or trixie; default bookworm), JL2TP_VM_KERNEL_PKG (use this linux-image-* package of
# that release instead of the one linux-image-amd64 depends on), JL2TP_VM_MIRROR (the Debian
# archive; default: the machine's own deb.debian.org-style URI, else http://deb.debian.org/debian).
# A kernel that cannot be resolved or fetched is an error (exit 1), never a skip.

# Modules that go into the initramfs (with their dependencies). The first four are loaded by init
# to mount the shares; the rest are loaded before the guest command unless told otherwise.
JL2TP_VM_BOOT_MODULES="virtio_pci 9pnet_virtio 9p overlay"
JL2TP_VM_TEST_MODULES="l2tp_core l2tp_netlink l2tp_eth l2tp_ip l2tp_ip6 8021q bridge veth dummy inet_diag udp_diag"
JL2TP_VM_PACKAGES="qemu-system-x86 busybox-static iputils-ping iproute2 strace kmod xz-utils"
# The releases whose kernels the harness boots, with their Debian version (for messages).
JL2TP_VM_RELEASES="bookworm:12 trixie:13"

vm_log() { printf 'jl2tp-vm: %s\n' "$*" >&2; }
vm_die() { printf 'jl2tp-vm: ERROR: %s\n' "$*" >&2; exit 1; }
# Milliseconds since the epoch, and a duration in ms as seconds with one decimal.
vm_now_ms() { local t=${EPOCHREALTIME/./}; echo $((10#$t / 1000)); }
vm_secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }

_vm_apt_updated=0
_vm_apt_update() {
    [ "$_vm_apt_updated" = 1 ] && return 0
    vm_log "apt-get update"
    apt-get update -qq >&2 || vm_die "apt-get update failed"
    _vm_apt_updated=1
}

_vm_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

_vm_install_packages() {
    local p missing=()
    for p in $JL2TP_VM_PACKAGES; do _vm_installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    vm_log "installing ${missing[*]}"
    _vm_apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
        || vm_die "apt-get install ${missing[*]} failed"
}

# The Debian archive to fetch kernels from: JL2TP_VM_MIRROR, else the first URI of the machine's
# sources that serves "debian" (not its security archive), else deb.debian.org.
_vm_mirror() {
    if [ -n "${JL2TP_VM_MIRROR:-}" ]; then echo "${JL2TP_VM_MIRROR%/}"; return; fi
    local uri
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}:[^ ]*\/debian\/\{0,1\}\) .*/\2/p' \
                 -e 's/^URIs: *\(https\{0,1\}:[^ ]*\/debian\/\{0,1\}\)$/\1/p' | head -n 1)
    uri=${uri:-http://deb.debian.org/debian}
    echo "${uri%/}"
}

# apt-get or apt-cache (first argument) with the release's private configuration: its sources
# list, package lists and archive cache under $JL2TP_VM_CACHE/apt/RELEASE, nothing of the machine's.
_vm_apt() {
    local tool=$1; shift
    local d=$JL2TP_VM_CACHE/apt/$VM_RELEASE
    "$tool" -o Dir::Etc::SourceList="$d/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State::Lists="$d/lists" -o Dir::Cache="$d/cache" -o APT::Get::List-Cleanup=0 "$@"
}

# The release's private apt configuration, made once; `update` (argument) refreshes its lists.
_vm_apt_release() {
    local d=$JL2TP_VM_CACHE/apt/$VM_RELEASE mirror sec
    mkdir -p "$d/lists/partial" "$d/cache/archives/partial" || vm_die "cannot create $d"
    chown -R _apt "$d/lists" "$d/cache" 2>/dev/null   # apt downloads as _apt where it can
    mirror=$(_vm_mirror)
    sec=${mirror%/debian}/debian-security
    {
        echo "deb $mirror $VM_RELEASE main"
        echo "deb $mirror $VM_RELEASE-updates main"
        echo "deb $sec $VM_RELEASE-security main"
    } > "$d/sources.list.new" && mv "$d/sources.list.new" "$d/sources.list"
    if [ "${1:-}" = update ] || ! ls "$d/lists/"*_Packages* >/dev/null 2>&1; then
        vm_log "apt-get update ($VM_RELEASE, private lists in $d)"
        _vm_apt apt-get update -qq >&2 || vm_die "apt-get update of $VM_RELEASE ($mirror) failed"
        touch "$d/lists"
    fi
}

# The linux-image-X.Y.Z-N-amd64 package that the release's linux-image-amd64 depends on (generic
# flavour). apt-cache takes over a second: the answer is kept until the private lists change.
_vm_kernel_package() {
    if [ -n "${JL2TP_VM_KERNEL_PKG:-}" ]; then echo "$JL2TP_VM_KERNEL_PKG"; return; fi
    local memo=$JL2TP_VM_CACHE/apt/$VM_RELEASE/kernel-package pkg
    if [ -s "$memo" ] && [ "$memo" -nt "$JL2TP_VM_CACHE/apt/$VM_RELEASE/lists" ]; then cat "$memo"; return; fi
    pkg=$(_vm_apt apt-cache depends linux-image-amd64 2>/dev/null \
        | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | grep -v -- '-cloud-' | sort -V | tail -n 1)
    [ -n "$pkg" ] && echo "$pkg" > "$memo"
    echo "$pkg"
}

# Offset of the first occurrence of a byte string (grep -P escapes) in a file, or nothing.
_vm_offset() { LC_ALL=C grep -obUaP "$1" "$2" 2>/dev/null | head -n 1 | cut -d: -f1; }

# Extract the ELF vmlinux from a bzImage (xz, gzip or zstd payload), like the kernel's
# scripts/extract-vmlinux. Returns non-zero when none is found.
_vm_extract_vmlinux() {
    local img=$1 out=$2 magic tool off
    for magic in '\xFD7zXZ\x00:xz' '\x1F\x8B\x08:gzip' '\x28\xB5\x2F\xFD:zstd'; do
        tool=${magic##*:}
        command -v "$tool" >/dev/null || continue
        off=$(_vm_offset "${magic%:*}" "$img")
        [ -n "$off" ] || continue
        tail -c +"$((off + 1))" "$img" | "$tool" -dc > "$out.tmp" 2>/dev/null
        if [ "$(head -c 4 "$out.tmp" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
            mv "$out.tmp" "$out"; return 0
        fi
    done
    rm -f "$out.tmp"
    return 1
}

_vm_fetch_kernel() {
    local pkg=$1 dir=$2 tmp deb
    tmp=$(mktemp -d "$JL2TP_VM_CACHE/download.XXXXXX")
    chown _apt "$tmp" 2>/dev/null   # apt-get download drops to _apt when it can write there
    vm_log "downloading $pkg (apt-get download)"
    if ! (cd "$tmp" && _vm_apt apt-get download -q "$pkg" >&2); then
        rm -rf "$tmp"; return 1
    fi
    deb=$(ls "$tmp"/*.deb)
    vm_log "unpacking $(basename "$deb") into $dir"
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp" \
        && dpkg-deb -x "$deb" "$dir.tmp" || { rm -rf "$tmp" "$dir.tmp"; vm_die "dpkg-deb -x $deb failed"; }
    rm -rf "$tmp"
    _vm_unpack_modules "$dir.tmp" "${pkg#linux-image-}" || { rm -rf "$dir.tmp"; vm_die "cannot prepare the modules of $pkg"; }
    mv "$dir.tmp" "$dir"
}

# A merged-/usr package (trixie) has its modules under usr/lib/modules: lib -> usr/lib makes the
# tree look like bookworm's. Compressed modules are decompressed: busybox's modprobe and depmod
# load plain .ko only (and the guest's kmod loads those too). Any modules.dep the package has
# names the compressed files: it goes, depmod makes it again.
_vm_unpack_modules() {
    local tree=$1 kver=$2 n
    if [ ! -e "$tree/lib" ] && [ -d "$tree/usr/lib/modules" ]; then
        ln -s usr/lib "$tree/lib" || return 1
    fi
    [ -d "$tree/lib/modules/$kver" ] || { vm_log "no lib/modules/$kver in the package"; return 1; }
    n=$(find "$tree/lib/modules/$kver/" \( -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz' \) | wc -l)
    [ "$n" = 0 ] && return 0
    vm_log "decompressing $n modules of $kver"
    find "$tree/lib/modules/$kver/" -name '*.ko.xz' -print0 | xargs -0 -r -n 200 -P "$(nproc)" xz -d || return 1
    find "$tree/lib/modules/$kver/" -name '*.ko.gz' -print0 | xargs -0 -r -n 200 gzip -d || return 1
    if find "$tree/lib/modules/$kver/" -name '*.ko.zst' | grep -q .; then
        command -v zstd >/dev/null || { vm_log "zstd-compressed modules and no zstd"; return 1; }
        find "$tree/lib/modules/$kver/" -name '*.ko.zst' -print0 | xargs -0 -r -n 200 zstd -q -d --rm || return 1
    fi
    rm -f "$tree/lib/modules/$kver"/modules.dep "$tree/lib/modules/$kver"/modules.*.bin
}

# Module file paths (relative to the module dir) for the named modules and their dependencies,
# one a line; built-in modules give nothing. Fails naming a module that is neither.
_vm_module_files() {
    local moddir=$1; shift
    local m files
    for m in "$@"; do
        # modules.dep lines: "kernel/net/l2tp/l2tp_eth.ko: dep.ko dep.ko"; names may use - for _.
        files=$(awk -v want="$m" -F': ?' '{
                n = $1; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n); gsub(/-/, "_", n)
                if (n == want) { print $1; c = split($2, d, " "); for (i = 1; i <= c; i++) print d[i]; found = 1 }
            } END { exit !found }' "$moddir/modules.dep") \
            || grep -q "/$m.ko" "$moddir/modules.builtin" \
            || { vm_log "module $m is not in $moddir"; return 1; }
        [ -n "$files" ] && echo "$files"
    done
    return 0
}

_vm_build_initramfs() {
    local kdir=$1 moddir=$2 out=$3 root files f m load
    root=$(mktemp -d "$JL2TP_VM_CACHE/initramfs.XXXXXX")
    mkdir -p "$root"/{bin,dev,proc,sys,mnt,etc,lib/modules/"$VM_KVER"}
    cp /bin/busybox "$root/bin/busybox"
    install -m 0755 "$JL2TP_VM_DIR/init.sh" "$root/init"
    install -m 0644 "$JL2TP_VM_DIR/init-lib.sh" "$root/init-lib.sh"
    files=$(_vm_module_files "$moddir" $JL2TP_VM_BOOT_MODULES $JL2TP_VM_TEST_MODULES) \
        || { rm -rf "$root"; vm_die "missing kernel modules"; }
    for f in $(echo "$files" | sort -u); do
        mkdir -p "$root/lib/modules/$VM_KVER/$(dirname "$f")"
        cp "$moddir/$f" "$root/lib/modules/$VM_KVER/$f"
    done
    cp "$moddir"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$VM_KVER/" 2>/dev/null
    (cd "$root" && /bin/busybox depmod -b "$root" "$VM_KVER") \
        || vm_die "busybox depmod failed for the initramfs"
    # Boot modules that are not built in, in order, for init to load.
    load=""
    for m in $JL2TP_VM_BOOT_MODULES; do
        grep -q "/$m.ko" "$moddir/modules.builtin" || load="$load $m"
    done
    echo "$load" > "$root/etc/jl2tp-vm-boot-modules"
    echo "$VM_KVER" > "$root/etc/jl2tp-vm-kver"
    (cd "$root" && find . | LC_ALL=C sort | /bin/busybox cpio -o -H newc > "$out.tmp" 2>/dev/null) \
        || { rm -rf "$root"; vm_die "building the initramfs failed"; }
    rm -rf "$root"
    mv "$out.tmp" "$out"
}

# The release's Debian version number ("12"), or nothing for a release the harness does not know.
_vm_release_number() {
    local r
    for r in $JL2TP_VM_RELEASES; do [ "${r%%:*}" = "$1" ] && { echo "${r#*:}"; return; }; done
}

_vm_prepare_locked() {
    local pkg kdir img
    _vm_install_packages
    VM_RELEASE=${JL2TP_VM_KERNEL:-bookworm}
    [ -n "$(_vm_release_number "$VM_RELEASE")" ] \
        || vm_die "JL2TP_VM_KERNEL='$VM_RELEASE': not one of $(echo "$JL2TP_VM_RELEASES" | sed 's/:[0-9]*//g')"
    _vm_apt_release
    pkg=$(_vm_kernel_package)
    if [ -z "$pkg" ]; then
        _vm_apt_release update
        pkg=$(_vm_kernel_package)
        [ -n "$pkg" ] || vm_die "cannot resolve the kernel package from $VM_RELEASE's linux-image-amd64"
    fi
    case "$pkg" in *-cloud-*) vm_die "$pkg is the cloud flavour (no 9p); need the generic one";; esac
    kdir="$JL2TP_VM_CACHE/$pkg"
    if [ ! -d "$kdir" ]; then
        if ! _vm_fetch_kernel "$pkg" "$kdir"; then
            # Old package lists name a version the mirror no longer has: update and resolve again.
            _vm_apt_release update
            [ -n "${JL2TP_VM_KERNEL_PKG:-}" ] || pkg=$(_vm_kernel_package)
            kdir="$JL2TP_VM_CACHE/$pkg"
            [ -d "$kdir" ] || _vm_fetch_kernel "$pkg" "$kdir" || vm_die "apt-get download $pkg ($VM_RELEASE) failed"
        fi
    fi
    VM_KVER=${pkg#linux-image-}
    VM_MODDIR="$kdir/lib/modules/$VM_KVER"
    [ -d "$VM_MODDIR" ] || vm_die "no module tree in $kdir (is $pkg a kernel image package?)"
    if [ ! -s "$VM_MODDIR/modules.dep" ]; then
        vm_log "depmod $VM_KVER (busybox)"
        /bin/busybox depmod -b "$kdir" "$VM_KVER" || vm_die "busybox depmod failed"
    fi
    VM_KERNEL="$kdir/vmlinux"
    if [ ! -s "$VM_KERNEL" ]; then
        img="$kdir/boot/vmlinuz-$VM_KVER"
        [ -s "$img" ] || vm_die "no $img"
        vm_log "extracting vmlinux from $(basename "$img")"
        _vm_extract_vmlinux "$img" "$VM_KERNEL" || { vm_log "no vmlinux found: booting the bzImage"; VM_KERNEL=$img; }
    fi
    local key
    key=$(cat "$JL2TP_VM_DIR/prepare.sh" "$JL2TP_VM_DIR/init.sh" "$JL2TP_VM_DIR/init-lib.sh" | sha256sum | cut -c1-16)
    VM_INITRD="$kdir/initramfs-$key.cpio"
    if [ ! -s "$VM_INITRD" ]; then
        vm_log "building initramfs for $VM_KVER ($key)"
        # Another checkout may use another version of these scripts: drop only week-old images.
        find "$kdir" -maxdepth 1 -name 'initramfs-*.cpio' -mtime +7 -delete
        _vm_build_initramfs "$kdir" "$VM_MODDIR" "$VM_INITRD"
    fi
}

jl2tp_vm_prepare() {
    [ "$(id -u)" = 0 ] || vm_die "the VM harness needs root (apt-get, the kernel cache, qemu's 9p export of /)"
    JL2TP_VM_CACHE=${JL2TP_VM_CACHE:-/var/cache/jl2tp-vm}
    mkdir -p "$JL2TP_VM_CACHE" || vm_die "cannot create $JL2TP_VM_CACHE"
    local lock
    exec {lock}>"$JL2TP_VM_CACHE/.lock"
    flock "$lock"
    _vm_prepare_locked
    flock -u "$lock"
    exec {lock}>&-
}

JL2TP_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    start=$(vm_now_ms)
    jl2tp_vm_prepare
    printf 'release  %s\nkernel   %s\nvmlinux  %s\ninitrd   %s\nmodules  %s\n' "$VM_RELEASE" "$VM_KVER" "$VM_KERNEL" "$VM_INITRD" "$VM_MODDIR"
    vm_log "prepared in $(vm_secs $(($(vm_now_ms) - start))) s"
fi
