#!/bin/bash
# Runs the project's kernel tests (JUnit tag "kernel", see net.jl2tp.testing.KernelTest) in ONE
# VM with ONE JVM: the JUnit Platform console launcher, over target/test-classes. `mvn verify`
# calls it in the integration-test phase; by hand, after `mvn test-compile`:
#     src/test/vm/run-kernel-tests.sh
#     JL2TP_KERNEL_TEST=VmSmokeKernelTest src/test/vm/run-kernel-tests.sh    # one class alone
# JL2TP_KERNEL_TEST: a simple class name, a qualified one, Class#method, or a launcher selector
# with its prefix (method:net.jl2tp.Foo#bar, package:net.jl2tp.x, uid:...).
# Reports: target/vm-reports/ (JUnit XML). Last line: "kernel tests: N passed, N failed, N skipped".
# Fails when a test failed, when the guest gave no result, or when ZERO kernel tests ran.
# A test running past 5 minutes fails (JUnit's default timeout), the others go on.
# Env: JL2TP_VM_TIMEOUT (seconds for the whole VM, default 1800), and those of run-in-vm.sh.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root" || exit 1
die() { printf 'run-kernel-tests: ERROR: %s\n' "$*" >&2; echo "kernel tests: 0 passed, 0 failed, 0 skipped"; exit 1; }

for d in target/classes target/test-classes; do
    [ -d "$d" ] || die "no $d: compile first (mvn test-compile)"
done
cpfile=target/test-classpath.txt
if [ ! -s "$cpfile" ] || [ pom.xml -nt "$cpfile" ]; then
    echo "run-kernel-tests: writing $cpfile (mvn dependency:build-classpath)" >&2
    mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2 \
        || die "mvn dependency:build-classpath failed"
fi
classpath="$root/target/test-classes:$root/target/classes:$(cat "$cpfile")"

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

results=$root/target/vm-results
reports=$root/target/vm-reports
rm -rf "$results" "$reports"
mkdir -p "$results" "$reports" || die "cannot create $results"

# -XX:TieredStopAtLevel=1 and SerialGC: the JVM starts faster under TCG.
"$here/run-in-vm.sh" --timeout "${JL2TP_VM_TIMEOUT:-1800}" --results "$results" -- \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" "${launcher[@]}" execute \
    "${filters[@]}" "${select[@]}" --details=tree --reports-dir "$results/junit" \
    --config=junit.jupiter.execution.timeout.default=5m
vmrc=$?

cp "$results"/junit/*.xml "$reports"/ 2>/dev/null
echo
java "$here/ReportSummary.java" "$reports" > "$results/summary.txt" 2>&1
src=$?
sed '$d' "$results/summary.txt"
if [ "$vmrc" = 124 ] || [ "$vmrc" = 125 ]; then
    echo "run-kernel-tests: ERROR: the VM gave no result (exit code $vmrc, see above)" >&2
elif [ "$vmrc" != 0 ] && [ "$src" = 0 ]; then
    echo "run-kernel-tests: ERROR: the test JVM exited with $vmrc although the reports show no failure" >&2
fi
tail -n 1 "$results/summary.txt"
[ "$vmrc" = 0 ] && [ "$src" = 0 ] || exit 1
