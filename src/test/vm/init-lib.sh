# What the test VM's two inits share (init.sh, and init-systemd.sh for systemd as PID 1): in the
# initramfs as /init-lib.sh, sourced first thing by each, with VM_INIT_NAME set for its messages.
# Sourcing it installs busybox's applets and mounts /proc, /sys and /dev of the initramfs.
/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null

# The guest's root, once mount_shares has made it.
R=/mnt/root

say() { echo "$VM_INIT_NAME: $*"; }
halt_vm() { sync; poweroff -f; sleep 5; echo o > /proc/sysrq-trigger; sleep 60; }
# The host's run-in-vm.sh reports this line's text as the failure.
fail() { echo "JL2TP-VM-FAILED: $*"; halt_vm; }

# kernel_arg NAME: the value of NAME=VALUE on the kernel command line, or nothing.
kernel_arg() {
    for arg in $(cat /proc/cmdline); do
        case $arg in "$1"=*) echo "${arg#*=}"; return ;; esac
    done
}

# The modules that the shares need (9p, overlay; listed in the initramfs by prepare.sh).
load_boot_modules() {
    for m in $(cat /etc/jl2tp-vm-boot-modules); do
        modprobe "$m" || fail "modprobe $m"
    done
}

# mount_shares JOB_FILE: the writable 9p share "results" at /mnt/results, which must hold
# JOB_FILE (the job run-in-vm.sh wrote), and the host's / over 9p, read-only, under a tmpfs
# overlay at $R: the guest can write anywhere there without ever reaching the host.
mount_shares() {
    mkdir -p /mnt/lower /mnt/rw $R /mnt/results
    mount -t 9p -o trans=virtio,version=9p2000.L,cache=none,msize=512000 results /mnt/results \
        || fail "cannot mount the results share (9p)"
    [ -r "/mnt/results/$1" ] || fail "no job in the results share"
    mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 root /mnt/lower \
        || fail "cannot mount the host root (9p)"
    mount -t tmpfs -o mode=0755 rw /mnt/rw
    mkdir -p /mnt/rw/upper /mnt/rw/work
    mount -t overlay -o lowerdir=/mnt/lower,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work overlay $R \
        || fail "cannot mount the overlay on the host root"
}

# bind_results PATH: the results share at PATH in the guest's root, where the host has it.
bind_results() {
    mkdir -p "$R$1"
    mount --bind /mnt/results "$R$1" || fail "cannot bind the results share to $1"
}
