#!/bin/bash
# Runs the project's kernel tests (JUnit tag "kernel", see net.jl2tp.testing.KernelTest) on each
# kernel of the matrix: per kernel ONE VM with ONE JVM, the JUnit Platform console launcher over
# target/test-classes. `mvn verify` calls it in the integration-test phase; by hand, after
# `mvn test-compile`:
#     src/test/vm/run-kernel-tests.sh                                        # every kernel
#     JL2TP_VM_KERNEL=trixie src/test/vm/run-kernel-tests.sh                 # Debian 13's alone
#     JL2TP_KERNEL_TEST=VmSmokeKernelTest src/test/vm/run-kernel-tests.sh    # one class alone
# JL2TP_KERNEL_TEST: a simple class name, a qualified one, Class#method, or a launcher selector
# with its prefix (method:net.jl2tp.Foo#bar, package:net.jl2tp.x, uid:...).
# Kernels: JL2TP_VM_KERNEL (one release) or JL2TP_VM_KERNELS (a list), default "bookworm trixie"
# (Debian 12's 6.1 and Debian 13's 6.12; see prepare.sh). Every kernel is prepared (fetched) before
# any VM boots: one that cannot be fetched fails the run, it is never skipped.
# JL2TP_VM_PARALLEL_KERNELS=1 boots the kernels' VMs at the same time (default: one after the other).
# Reports: target/vm-reports/RELEASE/ (JUnit XML). One line per kernel, then the last line:
# "kernel tests: KVER: N passed, N failed, N skipped; KVER: ...".
# Fails when a test failed, when a guest gave no result, or when ZERO kernel tests ran on a kernel.
# A test running past 5 minutes fails (JUnit's default timeout), the others go on.
# Env: JL2TP_VM_TIMEOUT (seconds for each VM, default 1800), and those of run-in-vm.sh.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root" || exit 1
die() { printf 'run-kernel-tests: ERROR: %s\n' "$*" >&2; echo "kernel tests: 0 passed, 0 failed, 0 skipped"; exit 1; }

kernels=${JL2TP_VM_KERNEL:-${JL2TP_VM_KERNELS:-bookworm trixie}}
[[ $kernels =~ ^[a-z]+( [a-z]+)*$ ]] || die "JL2TP_VM_KERNEL(S)='$kernels': Debian release names, e.g. 'bookworm trixie'"

for d in target/classes target/test-classes; do
    [ -d "$d" ] || die "no $d: compile first (mvn test-compile)"
done
cpfile=target/test-classpath.txt
if [ ! -s "$cpfile" ] || [ pom.xml -nt "$cpfile" ]; then
    echo "run-kernel-tests: writing $cpfile (mvn dependency:build-classpath)" >&2
    mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2 \
        || die "mvn dependency:build-classpath failed"
fi
# The jars first, the two class directories last: a class-data-sharing archive covers the jars
# only (the JVM refuses an archive whose classpath has a non-empty directory before a used jar).
jars=$(cat "$cpfile")
classpath="$jars:$root/target/test-classes:$root/target/classes"

select=(--scan-classpath "$root/target/test-classes")
if [ -n "${JL2TP_KERNEL_TEST:-}" ]; then
    t=$JL2TP_KERNEL_TEST
    case $t in
        *:*) select=(--select "$t") ;;
        *)  cls=${t%%#*}
            if [[ $cls != *.* ]]; then   # a simple class name: find it
                cls=$(cd target/test-classes && find . -name "$cls.class" | sed 's|^\./||; s|\.class$||; s|/|.|g')
                [ -n "$cls" ] || die "no test class named ${t%%#*} in target/test-classes"
                [ "$(echo "$cls" | wc -l)" = 1 ] || die "${t%%#*} is ambiguous: $(echo $cls)"
            fi
            case $t in
                *#*) select=(--select-method "$cls#${t#*#}") ;;
                *)   select=(--select-class "$cls") ;;
            esac ;;
    esac
    echo "run-kernel-tests: only ${select[*]}" >&2
fi

# Discover on the host first (a second here, a minute under TCG): no kernel test means no boot, and
# the guest's launcher then loads only the kernel test classes instead of scanning them all.
launcher=(org.junit.platform.console.ConsoleLauncher)
filters=(--disable-banner --disable-ansi-colors --include-tag kernel
         --include-classname '^(Test.*|.+[.$]Test.*|.*Tests?|.*IT)$')
found=$(java -cp "$classpath" "${launcher[@]}" discover "${filters[@]}" "${select[@]}" --details=flat 2>&1) \
    || { echo "$found" >&2; die "test discovery failed"; }
count=$(echo "$found" | sed -n 's/^\[ *\([0-9]*\) tests found *\]$/\1/p')
if [ "${count:-0}" = 0 ]; then
    echo "$found" >&2
    die "ZERO kernel tests found (tag kernel${JL2TP_KERNEL_TEST:+, $JL2TP_KERNEL_TEST})"
fi
if [ -z "${JL2TP_KERNEL_TEST:-}" ]; then
    select=()
    for c in $(echo "$found" | grep -o '\[class:[^]]*\])$' | sed 's/^\[class:\(.*\)\])$/\1/'); do
        select+=(--select-class "$c")
    done
fi
echo "run-kernel-tests: $count kernel test(s) found: ${select[*]}" >&2

# Each kernel fetched and its initramfs built first, one at a time (the cache's lock): a kernel
# that cannot be had fails here, before any VM boots. Its version names its results.
. "$here/prepare.sh"   # for _vm_release_number
declare -A kver
for k in $kernels; do
    [ -n "$(_vm_release_number "$k")" ] || die "JL2TP_VM_KERNEL(S): '$k' is not one of $(echo "$JL2TP_VM_RELEASES" | sed 's/:[0-9]*//g')"
    out=$(JL2TP_VM_KERNEL=$k "$here/prepare.sh") || die "cannot prepare Debian $k's kernel (see above): the kernel tests need every kernel of the matrix"
    kver[$k]=$(echo "$out" | sed -n 's/^kernel *//p')
done

results=$root/target/vm-results
reports=$root/target/vm-reports
rm -rf "$results" "$reports"
mkdir -p "$results" "$reports" || die "cannot create $results"

# The guest JVM. -XX:TieredStopAtLevel=1 and SerialGC: it starts faster under TCG. VFORK: a
# command starts with one exec instead of two (no jspawnhelper), which counts under emulation.
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Djdk.lang.Process.launchMechanism=VFORK)
# Tests run in parallel in the guest (JL2TP_VM_TEST_THREADS, default 3: the VM's 2 CPUs, and a
# test often waits for a command or a ping): each has its own namespaces and state directory.
threads=${JL2TP_VM_TEST_THREADS:-3}
[[ $threads =~ ^[1-9][0-9]*$ ]] || die "JL2TP_VM_TEST_THREADS wants a whole number, not '$threads'"
parallel=(--config=junit.jupiter.execution.parallel.enabled=true
          --config=junit.jupiter.execution.parallel.mode.default=concurrent
          --config=junit.jupiter.execution.parallel.mode.classes.default=concurrent
          --config=junit.jupiter.execution.parallel.config.strategy=fixed
          --config=junit.jupiter.execution.parallel.config.fixed.parallelism="$threads"
          --config=junit.jupiter.execution.parallel.config.fixed.max-pool-size="$threads")
[ "$threads" = 1 ] && parallel=()
# Classes with @Order first, among the concurrent ones and among the isolated ones, which run
# after them (AnsibleKernelTest, @Order(1), first of those: before NetnsReuseKernelTest).
parallel+=(--config=junit.jupiter.testclass.order.default='org.junit.jupiter.api.ClassOrderer$OrderAnnotation')

# Class data sharing: an archive of the JDK's and the jars' classes that the kernel tests load,
# dumped here on the host in seconds, mapped by the guest's JVM (same filesystem, same JDK, same
# jars) instead of loading, parsing and verifying them under emulation. Its class list is made,
# never committed: the first time for a JDK and set of jars, by a run of the same launcher here on
# the host (the kernel tests are skipped here, but the launcher, discovery, engine and reports load
# what they load in the guest: the start-up); after every VM run, the classes the guest's JVM loaded
# (-XX:DumpLoadedClassList) are added, so the list grows to what the tests' bodies use too. It is
# kept with the VM cache (JL2TP_VM_CACHE), so a fresh clone or `mvn clean` starts from it.
# A stale list only archives less; an archive that does not match is ignored (-Xshare:auto).
# JL2TP_VM_CDS=0 turns it all off.
classlist=
if [ "${JL2TP_VM_CDS:-1}" != 0 ]; then
    listdir=${JL2TP_VM_CACHE:-/var/cache/jl2tp-vm}/classlists
    mkdir -p "$listdir" 2>/dev/null && [ -w "$listdir" ] || listdir=$root/target/vm-classlists
    mkdir -p "$listdir" || die "cannot create $listdir"
    classlist=$listdir/kernel-tests-$( { java -version 2>&1; echo "$jars"; } | sha256sum | cut -c1-16).classlist
    if [ ! -s "$classlist" ]; then
        t0=$(date +%s%N)
        if java -Xshare:off -XX:DumpLoadedClassList="$classlist.$$" "${jvm[@]}" -cp "$classpath" "${launcher[@]}" \
                execute "${filters[@]}" "${select[@]}" --details=tree --reports-dir "$results/host-training" "${parallel[@]}" \
                > "$results/host-training.log" 2>&1 && [ -s "$classlist.$$" ]; then
            grep -v 'net[./]jl2tp' "$classlist.$$" > "$classlist.$$.kept" && mv "$classlist.$$.kept" "$classlist"
            echo "run-kernel-tests: class list made on the host in $(( ($(date +%s%N) - t0) / 1000000 )) ms: $classlist" >&2
        else
            echo "run-kernel-tests: WARNING: the host run that makes the class list failed (see $results/host-training.log)" >&2
        fi
        rm -f "$classlist.$$" "$classlist.$$.kept"
    fi
fi
if [ -s "$classlist" ]; then
    cdsdir=$root/target/vm-cds
    key=$( { java -version 2>&1; echo "$jars"; cat "$classlist"; } | sha256sum | cut -c1-16)
    jsa=$cdsdir/kernel-tests-$key.jsa
    if [ ! -s "$jsa" ]; then
        rm -rf "$cdsdir" && mkdir -p "$cdsdir"
        t0=$(date +%s%N)
        if java -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile="$classlist" \
                -XX:SharedArchiveFile="$jsa.tmp" -cp "$jars" > "$cdsdir/dump.log" 2>&1; then
            mv "$jsa.tmp" "$jsa"
            echo "run-kernel-tests: class-data archive dumped in $(( ($(date +%s%N) - t0) / 1000000 )) ms: $jsa" >&2
        else
            echo "run-kernel-tests: WARNING: class-data archive dump failed (see $cdsdir/dump.log); going on without" >&2
        fi
    fi
    [ -s "$jsa" ] && jvm+=(-Xshare:auto -XX:SharedArchiveFile="$jsa")
fi

# run_on KERNEL: the kernel tests in one VM booted on Debian KERNEL's kernel; the guest's result in
# $results/KERNEL, the reports in $reports/KERNEL, the summary in $results/KERNEL/summary.txt.
run_on() {
    local k=$1 res=$results/$1 rep=$reports/$1 vmrc src
    mkdir -p "$res" "$rep"
    JL2TP_VM_KERNEL=$k "$here/run-in-vm.sh" --timeout "${JL2TP_VM_TIMEOUT:-1800}" --results "$res" -- \
        java "${jvm[@]}" ${classlist:+-XX:DumpLoadedClassList="$res/classlist.txt"} -cp "$classpath" "${launcher[@]}" execute \
        "${filters[@]}" "${select[@]}" --details=tree --reports-dir "$res/junit" \
        --config=junit.jupiter.execution.timeout.default=5m "${parallel[@]}"
    vmrc=$?
    cp "$res"/junit/*.xml "$rep"/ 2>/dev/null
    java "$here/ReportSummary.java" "$rep" "${kver[$k]} (Debian $(_vm_release_number "$k"), $k)" > "$res/summary.txt" 2>&1
    src=$?
    if [ "$vmrc" = 124 ] || [ "$vmrc" = 125 ]; then
        echo "run-kernel-tests: ERROR: the VM on ${kver[$k]} gave no result (exit code $vmrc, see above)" >> "$res/summary.txt"
    elif [ "$vmrc" != 0 ] && [ "$src" = 0 ]; then
        echo "run-kernel-tests: ERROR: the test JVM on ${kver[$k]} exited with $vmrc although the reports show no failure" >> "$res/summary.txt"
    fi
    [ "$vmrc" = 0 ] && [ "$src" = 0 ]
}

declare -A rc
if [ "${JL2TP_VM_PARALLEL_KERNELS:-0}" = 1 ]; then
    # Each VM's output to its own file, shown whole afterwards in kernel order.
    declare -A pid
    for k in $kernels; do
        mkdir -p "$results/$k"
        run_on "$k" > "$results/$k.log" 2>&1 &
        pid[$k]=$!
    done
    for k in $kernels; do wait "${pid[$k]}"; rc[$k]=$?; echo "===== $k (${kver[$k]})"; cat "$results/$k.log"; done
else
    for k in $kernels; do run_on "$k"; rc[$k]=$?; done
fi

# The classes the guests loaded that the list did not name yet (the JDK's and the jars', not the
# project's own): added for the next run, in the order they were loaded.
if [ -s "$classlist" ]; then
    for k in $kernels; do [ -s "$results/$k/classlist.txt" ] && cat "$results/$k/classlist.txt"; done \
        | grep -v -e 'net[./]jl2tp' -e '^#' | awk 'NR == FNR { seen[$0] = 1; next } !seen[$0]++' \
        "$classlist" - > "$classlist.new.$$"
    if [ -s "$classlist.new.$$" ]; then
        cat "$classlist" "$classlist.new.$$" > "$classlist.$$" && mv "$classlist.$$" "$classlist"
        echo "run-kernel-tests: $(wc -l < "$classlist.new.$$") class(es) added to $classlist" >&2
    fi
    rm -f "$classlist.new.$$" "$classlist.$$"
fi

echo
status=0 line=""
for k in $kernels; do
    # The summary's banners, then its errors, then its counts (an error may come after the counts).
    grep -v -e '^kernel tests' -e '^run-kernel-tests: ERROR' "$results/$k/summary.txt"
    counts=$(grep '^kernel tests' "$results/$k/summary.txt" | tail -n 1)
    grep '^run-kernel-tests: ERROR' "$results/$k/summary.txt" >&2
    echo "$counts"
    line="$line${line:+; }${kver[$k]}: ${counts#*: }"
    [ "${rc[$k]}" = 0 ] || status=1
done
echo "kernel tests: $line"
exit $status
