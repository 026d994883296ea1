#!/bin/busybox sh
# PID 1 of the jl2tp test VM, from the initramfs (busybox only). It stays PID 1 and runs the
# guest command in a chroot, so it always gets to report the exit code and power off.
#
# Layout: host / over 9p, read-only, under a tmpfs overlay (the guest can write, never reaching
# the host); fresh tmpfs on /run, /tmp, /dev/shm; the writable 9p share "results" mounted at the
# same path as on the host (kernel parameter jl2tp.results=PATH). Its .vm/ holds the job from
# run-in-vm.sh (job: MODULES, KEEP, AUTOLOAD; env: the command's environment and argv) and
# receives exit-code and times.
VM_INIT_NAME=jl2tp-vm-init
. /init-lib.sh
uptime_cs() { read -r up _ < /proc/uptime; echo "${up%.*}${up#*.}"; }

echo
say "kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s"
results=$(kernel_arg jl2tp.results)
[ -n "$results" ] || fail "no jl2tp.results= on the kernel command line"
load_boot_modules
mount_shares .vm/job
MODULES="" KEEP="" AUTOLOAD=1
. /mnt/results/.vm/job

mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 shm $R/dev/shm
mount -t tmpfs -o mode=0755 run $R/run
mount -t tmpfs -o mode=1777 tmp $R/tmp
# Paths the fresh /tmp or /run would hide (a work tree cloned under /tmp): the host's view again,
# under their own overlay.
n=0
for p in $KEEP; do
    n=$((n + 1))
    mkdir -p /mnt/rw/keep$n/upper /mnt/rw/keep$n/work $R$p
    mount -t overlay -o lowerdir=/mnt/lower$p,upperdir=/mnt/rw/keep$n/upper,workdir=/mnt/rw/keep$n/work \
        overlay $R$p || fail "cannot mount the overlay on $p"
done
bind_results "$results"

for m in $MODULES; do
    modprobe "$m" || fail "modprobe $m"
done
# The kernel's module autoloader runs /sbin/modprobe in this initramfs, which has the modules:
# turn it off when the l2tp modules are meant to be missing.
[ "$AUTOLOAD" = 1 ] || echo /bin/false > /proc/sys/kernel/modprobe

hostname jl2tp-vm
ip link set lo up

start=$(uptime_cs)
say "ready after $(cut -d' ' -f1 /proc/uptime) s: running the command"
chroot $R /usr/bin/env -i /bin/bash --noprofile --norc -c \
    '. "$1" && cd "$JL2TP_VM_CWD" && exec "${JL2TP_VM_CMD[@]}"' guest "$results/.vm/env" </dev/null
rc=$?
end=$(uptime_cs)
echo "boot_cs=$start command_cs=$((end - start))" > /mnt/results/.vm/times
echo "$rc" > /mnt/results/.vm/exit-code
echo "JL2TP-VM-EXIT: $rc"
halt_vm
