#!/bin/bash
# Boots the project's test VM (a Debian kernel under qemu) and runs COMMAND in it as root, in the
# same working directory as here, with the host's root shared read-only (a tmpfs overlay on top),
# fresh /run and /tmp, and the L2TP, 8021q, bridge, veth and dummy modules loaded. Exits with the
# command's exit code; no result from the guest (boot failure, panic, timeout) is a failure.
#
# usage: run-in-vm.sh [--timeout SECONDS] [--results DIR] -- COMMAND [ARG...]
#   --timeout  kill qemu after this many seconds (default $JL2TP_VM_TIMEOUT or 600)
#   --results  host directory shared writable with the guest, at the same path there (default: a
#              temporary one, removed afterwards); the guest sees it as $JL2TP_VM_RESULTS
# Env: JL2TP_VM_NO_L2TP=1  load no l2tp module and turn module autoloading off (to test the
#                          "modules missing" error); the other modules are still loaded
#      JL2TP_VM_ACCEL=tcg|kvm  force the accelerator (default: kvm only on real vmx/svm KVM)
#      JL2TP_VM_KERNEL_ARGS  more kernel parameters (e.g. loglevel=7 to see the boot)
#      JL2TP_VM_QEMU_ARGS    more qemu options, split on spaces (to experiment)
#      JL2TP_VM_MEMORY       guest memory (default 2G; the 10 000-session benchmark wants more)
#      JL2TP_VM_ROOT         the directory shared as the guest's root (default /, this machine's;
#                            e.g. a Debian 13 root from src/test/deb/make-root.sh); the working
#                            directory and COMMAND must exist there (or be under --results)
#      JL2TP_VM_CACHE, JL2TP_VM_KERNEL_PKG: see prepare.sh
# The guest gets PATH, JAVA_HOME (derived from `java` if unset), HOME, LANG, LC_ALL, TZ, CI, every
# JL2TP_* variable, JL2TP_IN_VM=1, JL2TP_VM_RESULTS, and TERM=dumb.
# Exit codes: the command's; 124 timeout; 125 no result from the guest; 2 usage; 1 setup failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/prepare.sh"

usage() { sed -n '/^# usage:/,/^# Exit codes/s/^# \{0,1\}//p' "$here/run-in-vm.sh" >&2; exit 2; }

timeout_s=${JL2TP_VM_TIMEOUT:-600}
results=""
while [ $# -gt 0 ]; do
    case $1 in
        --timeout) [ $# -ge 2 ] || usage; timeout_s=$2; shift 2 ;;
        --timeout=*) timeout_s=${1#*=}; shift ;;
        --results) [ $# -ge 2 ] || usage; results=$2; shift 2 ;;
        --results=*) results=${1#*=}; shift ;;
        --) shift; break ;;
        -h|--help) usage ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || usage
vmroot=${JL2TP_VM_ROOT:-/}
[ -d "$vmroot" ] && [ -x "$vmroot/bin/bash" ] || vm_die "JL2TP_VM_ROOT '$vmroot' is not a root (no /bin/bash in it)"
vmroot=$(cd "$vmroot" && pwd -P)
[[ $vmroot =~ ^/[A-Za-z0-9._/+-]*$ ]] || vm_die "JL2TP_VM_ROOT '$vmroot': only [A-Za-z0-9._/+-] allowed"
[[ $timeout_s =~ ^[1-9][0-9]*$ ]] || vm_die "--timeout wants a whole number of seconds, not '$timeout_s'"

jl2tp_vm_prepare

if [ -n "$results" ]; then
    mkdir -p "$results" && results=$(cd "$results" && pwd) || vm_die "cannot create $results"
else
    results=$(mktemp -d /tmp/jl2tp-vm.XXXXXX) || vm_die "mktemp failed"
    trap 'rm -rf "$results"' EXIT
fi
# The path goes on the kernel command line and is mounted at the same place in the guest.
[[ $results =~ ^/[A-Za-z0-9._/+-]+$ ]] || vm_die "results directory '$results': only [A-Za-z0-9._/+-] allowed"
vmdir=$results/.vm
rm -rf "$vmdir" && mkdir -p "$vmdir" || vm_die "cannot write $vmdir"

# Job for init.sh: modules to load, paths to show again under the fresh /tmp and /run.
modules=$JL2TP_VM_TEST_MODULES autoload=1
if [ -n "${JL2TP_VM_NO_L2TP:-}" ] && [ "${JL2TP_VM_NO_L2TP}" != 0 ]; then
    modules=$(printf '%s\n' $modules | grep -v '^l2tp_' | tr '\n' ' ')
    autoload=0
fi
keep=""
case $PWD in
    /tmp/?*|/run/?*)
        keep=$(echo "$PWD" | cut -d/ -f1-3)
        [[ $keep =~ ^/[A-Za-z0-9._/+-]+$ ]] || vm_die "working directory '$keep' under /tmp or /run: only [A-Za-z0-9._/+-] allowed" ;;
esac
printf 'MODULES="%s"\nKEEP="%s"\nAUTOLOAD=%s\n' "$modules" "$keep" "$autoload" > "$vmdir/job"

# The command's environment and argv, sourced by the guest's bash.
if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null && [ "$vmroot" = / ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
# Another root has its own Java runtime: a JAVA_HOME of this machine's that it lacks is not passed.
[ -z "${JAVA_HOME:-}" ] || [ -x "${vmroot%/}$JAVA_HOME/bin/java" ] || unset JAVA_HOME
{
    for v in PATH JAVA_HOME HOME LANG LC_ALL TZ CI $(compgen -e | grep '^JL2TP_'); do
        [ -n "${!v+x}" ] && printf 'export %s=%q\n' "$v" "${!v}"
    done
    printf 'export JL2TP_IN_VM=1 JL2TP_VM_RESULTS=%q TERM=dumb\n' "$results"
    printf 'JL2TP_VM_CWD=%q\n' "$PWD"
    printf 'JL2TP_VM_CMD=('; printf ' %q' "$@"; printf ' )\n'
} > "$vmdir/env"

accel=(-accel tcg -cpu max)
case ${JL2TP_VM_ACCEL:-auto} in
    kvm) accel=(-accel kvm -cpu host) ;;
    tcg) ;;
    *) if grep -qwE 'vmx|svm' /proc/cpuinfo && [ ! -d /sys/module/kvm_pvm ] && [ -w /dev/kvm ]; then
           accel=(-accel kvm -cpu host)
       fi ;;
esac

log=$vmdir/console.log
cmdline="$*"
[ ${#cmdline} -le 200 ] || cmdline="${cmdline:0:200}..."
rootnote=""; [ "$vmroot" = / ] || rootnote=", root $vmroot"
vm_log "booting $VM_KVER (${accel[1]}$rootnote), timeout ${timeout_s}s: $cmdline"
t0=$(vm_now_ms)
# In the background, so that a TERM or INT sent to this script is handled at once: it ends qemu.
trap 'kill "$(cat "$vmdir/qemu.pid" 2>/dev/null)" 2>/dev/null; vm_log "interrupted: qemu stopped"; exit 130' INT TERM
{
    timeout --foreground -k 5 "$timeout_s" qemu-system-x86_64 -M pc "${accel[@]}" -smp 2 -m "${JL2TP_VM_MEMORY:-2G}" \
        -nographic -nic none -no-reboot -pidfile "$vmdir/qemu.pid" \
        -kernel "$VM_KERNEL" -initrd "$VM_INITRD" \
        -append "console=ttyS0 quiet panic=-1 ${JL2TP_VM_KERNEL_ARGS:-} jl2tp.results=$results" \
        -virtfs "local,path=$vmroot,mount_tag=root,security_model=none,readonly=on,multidevs=remap" \
        -virtfs "local,path=$results,mount_tag=results,security_model=none" \
        ${JL2TP_VM_QEMU_ARGS:-} </dev/null
    { echo $? > "$vmdir/qemu-rc"; } 2>/dev/null
} 2>&1 | sed -u -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' | tee "$log" &
wait $!
trap - INT TERM
qrc=$(cat "$vmdir/qemu-rc" 2>/dev/null || echo unknown)
wall=$(($(vm_now_ms) - t0))

rc=$(cat "$vmdir/exit-code" 2>/dev/null)
if [[ $rc =~ ^[0-9]+$ ]]; then
    boot_cs=0 command_cs=0
    [ -s "$vmdir/times" ] && eval "$(grep -E '^boot_cs=[0-9]+ command_cs=[0-9]+$' "$vmdir/times")"
    vm_log "boot $(vm_secs $((boot_cs * 10))) s (guest uptime at command start)," \
        "command $(vm_secs $((command_cs * 10))) s, qemu wall $(vm_secs "$wall") s; exit code $rc"
    exit "$rc"
fi
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
    vm_log "ERROR: timeout: no result from the guest after ${timeout_s}s; qemu killed"
    exit 124
fi
why=$(grep -m1 -o 'JL2TP-VM-FAILED: .*' "$log" || grep -m1 -o 'Kernel panic.*' "$log" || true)
vm_log "ERROR: no result from the guest after $(vm_secs "$wall") s (qemu exit code $qrc): ${why:-boot failure or guest crash; see the console output above}"
exit 125
