#!/bin/busybox sh
# A second init for the test VM, for tests that need systemd as PID 1 (run-systemd-vm.sh adds it
# to the initramfs as /init-systemd and boots with rdinit=/init-systemd). It mounts the shares as
# init.sh does, through init-lib.sh (host / over 9p read-only under a tmpfs overlay, the results
# share at its host path), but loads no test module: the guest's own modprobe finds the kernel's
# whole module tree at /lib/modules/VERSION, a link to jl2tp.moddir= (made by run-systemd-vm.sh).
# It runs the script jl2tp.setup= (if any) in a chroot of the new root, where systemd is not
# running (dpkg -i enables units there, starts none), installs jl2tp-vm-command.service, which runs
# the job from run-in-vm.sh (.vm/env) once the system is up, writes .vm/exit-code and powers off,
# and then execs /lib/systemd/systemd as PID 1.
VM_INIT_NAME=jl2tp-vm-init-systemd
. /init-lib.sh

results=$(kernel_arg jl2tp.results) moddir=$(kernel_arg jl2tp.moddir) setup=$(kernel_arg jl2tp.setup)
[ -n "$results" ] || fail "no jl2tp.results= on the kernel command line"
[ -n "$moddir" ] || fail "no jl2tp.moddir= on the kernel command line"
load_boot_modules
mount_shares .vm/env
bind_results "$results"
kver=$(uname -r)
[ -d "$R$moddir" ] || fail "no module tree $moddir"
mkdir -p "$R/lib/modules" && rm -rf "$R/lib/modules/$kver" && ln -s "$moddir" "$R/lib/modules/$kver" \
    || fail "cannot link /lib/modules/$kver to $moddir"
# A clean slate for systemd: no fstab entries, not a container, the host's services off (the
# machine id stays: a first boot would enable every preset unit).
echo "# jl2tp test VM" > $R/etc/fstab
rm -f $R/.dockerenv
for u in $(cd $R/etc/systemd/system && ls -d *.wants/* 2>/dev/null); do
    case ${u##*/} in remote-fs.target) ;; *) rm -f "$R/etc/systemd/system/$u" ;; esac
done
cat > $R/etc/systemd/system/jl2tp-vm-command.service <<UNIT
[Unit]
Description=jl2tp test VM: the job from run-in-vm.sh
After=multi-user.target
[Service]
Type=oneshot
StandardOutput=journal+console
StandardError=journal+console
ExecStart=/bin/bash --noprofile --norc -c '. "\$\$1" && cd "\$\$JL2TP_VM_CWD" && "\$\${JL2TP_VM_CMD[@]}"; rc=\$\$?; echo \$\$rc > "\$\$2/exit-code"; echo "JL2TP-VM-EXIT: \$\$rc"; sync; systemctl --force --force poweroff' guest $results/.vm/env $results/.vm
[Install]
WantedBy=multi-user.target
UNIT
mkdir -p $R/etc/systemd/system/multi-user.target.wants
ln -sf ../jl2tp-vm-command.service $R/etc/systemd/system/multi-user.target.wants/
hostname jl2tp-vm

if [ -n "$setup" ]; then
    say "setup: $setup"
    mount -t proc proc $R/proc; mount -t sysfs sysfs $R/sys; mount -t devtmpfs devtmpfs $R/dev
    mount -t tmpfs -o mode=0755 run $R/run
    chroot $R /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/bash "$setup" </dev/null \
        || fail "the setup script failed"
    umount $R/run $R/dev $R/sys $R/proc
fi
say "starting systemd after $(cut -d' ' -f1 /proc/uptime) s"
exec switch_root $R /lib/systemd/systemd --unit=multi-user.target
