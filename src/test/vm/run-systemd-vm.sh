#!/bin/bash
# Like run-in-vm.sh, but with systemd as PID 1 in the guest: boots the same kernel with the same
# shares, through init-systemd.sh (added to the cached initramfs as /init-systemd), and runs
# COMMAND from a systemd service once multi-user.target is up. No l2tp module is loaded
# beforehand: the guest's modprobe sees the kernel's whole module tree. Exits as run-in-vm.sh does
# (it is what boots qemu: this script only adds the initramfs and the kernel parameters).
#
# usage: run-systemd-vm.sh [--timeout SECONDS] [--setup SCRIPT] --results DIR -- COMMAND [ARG...]
#   --setup    a bash script run as root in a chroot of the guest's root before systemd starts
#              (not running systemd: e.g. dpkg -i, so that the boot is the package's first);
#              it must be under DIR or elsewhere on the guest's root
#   --results  as for run-in-vm.sh; required here
# Env: as run-in-vm.sh (JL2TP_VM_ROOT: another root, such as a Debian 13 one, with systemd in it;
# JL2TP_VM_KERNEL: the release whose kernel boots); JL2TP_VM_KERNEL_ARGS and JL2TP_VM_QEMU_ARGS
# are added to.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/prepare.sh"
usage() { sed -n '/^# usage:/,/^# Env:/s/^# \{0,1\}//p' "$here/run-systemd-vm.sh" >&2; exit 2; }

timeout_args=() setup="" results=""
while [ $# -gt 0 ]; do
    case $1 in
        --timeout) [ $# -ge 2 ] || usage; timeout_args=(--timeout "$2"); shift 2 ;;
        --setup) [ $# -ge 2 ] || usage; setup=$(readlink -f "$2"); shift 2 ;;
        --results) [ $# -ge 2 ] || usage; results=$2; shift 2 ;;
        --) shift; break ;;
        *) usage ;;
    esac
done
[ $# -gt 0 ] && [ -n "$results" ] || usage
# The guest's root: this machine's (run-in-vm.sh's JL2TP_VM_ROOT, default /) must have systemd.
vmroot=${JL2TP_VM_ROOT:-/}
[ -x "${vmroot%/}/lib/systemd/systemd" ] || vm_die "no /lib/systemd/systemd in the guest's root $vmroot: apt-get install systemd"
jl2tp_vm_prepare
mkdir -p "$results" && results=$(cd "$results" && pwd) || vm_die "cannot create $results"

initrd=$results/initramfs-systemd.cpio
tree=$(mktemp -d) || vm_die "mktemp failed"
install -m 0755 "$here/init-systemd.sh" "$tree/init-systemd"
(cd "$tree" && echo init-systemd | /bin/busybox cpio -o -H newc > "$tree/extra.cpio" 2>/dev/null) \
    && cat "$VM_INITRD" "$tree/extra.cpio" > "$initrd" || { rm -rf "$tree"; vm_die "cannot make $initrd"; }
rm -rf "$tree"

# The guest's /lib/modules/VERSION: the cached tree's modules, with kmod's indexes (the cache has
# busybox depmod's modules.dep only, which the guest's kmod modprobe cannot use). Another root
# than this machine's does not have the cache: the modules are hard-linked into the results share.
mods=$results/modules/lib/modules/$VM_KVER
link_modules() {
    if [ "$vmroot" = / ]; then ln -s "$VM_MODDIR/kernel" "$mods/kernel"
    else cp -al "$VM_MODDIR/kernel" "$mods/kernel" 2>/dev/null || cp -a "$VM_MODDIR/kernel" "$mods/kernel"; fi
}
rm -rf "$results/modules" && mkdir -p "$mods" && link_modules \
    && cp "$VM_MODDIR"/modules.order "$VM_MODDIR"/modules.builtin "$VM_MODDIR"/modules.builtin.modinfo "$mods/" \
    && depmod -b "$results/modules" "$VM_KVER" || vm_die "depmod for the guest failed (apt-get install kmod?)"
args="rdinit=/init-systemd jl2tp.moddir=$mods systemd.show_status=0"
[ -z "$setup" ] || args="$args jl2tp.setup=$setup"
JL2TP_VM_KERNEL_ARGS="$args ${JL2TP_VM_KERNEL_ARGS:-}" \
JL2TP_VM_QEMU_ARGS="-initrd $initrd ${JL2TP_VM_QEMU_ARGS:-}" \
    exec "$here/run-in-vm.sh" "${timeout_args[@]}" --results "$results" -- "$@"
