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
# Env: JL2TP_VM_TIMEOUT (seconds, default 1200), and those of run-in-vm.sh.
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
        *#*) select=(--select-method "$t") ;;
        *.*) select=(--select-class "$t") ;;
        *)   found=$(cd target/test-classes && find . -name "$t.class" | sed 's|^\./||; s|\.class$||; s|/|.|g')
             [ -n "$found" ] || die "no test class named $t in target/test-classes"
             [ "$(echo "$found" | wc -l)" = 1 ] || die "$t is ambiguous: $(echo $found)"
             select=(--select-class "$found") ;;
    esac
    echo "run-kernel-tests: only ${select[*]}" >&2
fi

results=$root/target/vm-results
reports=$root/target/vm-reports
rm -rf "$results" "$reports"
mkdir -p "$results" "$reports" || die "cannot create $results"

# -XX:TieredStopAtLevel=1 and SerialGC: the JVM starts markedly faster under TCG.
"$here/run-in-vm.sh" --timeout "${JL2TP_VM_TIMEOUT:-1200}" --results "$results" -- \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" \
    org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --disable-ansi-colors --details=tree \
    --include-tag kernel --include-classname '^(Test.*|.+[.$]Test.*|.*Tests?|.*IT)$' \
    "${select[@]}" --reports-dir "$results/junit"
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
