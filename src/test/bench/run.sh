#!/bin/bash
# The scale benchmark of README "Performance": jl2tp-apply against `ip -batch` in the test VM.
# On demand, never part of `mvn verify`: 10 000 sessions take tens of minutes under TCG.
#
# usage: src/test/bench/run.sh [--kernel RELEASE] [SESSIONS [TEARDOWN_MAX]]
#        RELEASE: the Debian release whose kernel the VM boots (bookworm = Debian 12's 6.1, the
#        default; trixie = Debian 13's 6.12; see src/test/vm/prepare.sh).
#        SESSIONS, TEARDOWN_MAX: e.g. 1000,10000 1000 (the default): no
#        teardown timed above 1000 sessions. `run.sh 10000 10000` times it: 51 min under TCG, of
#        which 16 min are ip's teardown and 17 min jl2tp's (set JL2TP_BENCH_TIMEOUT above 3600).
# The experiments (teardown from 4 processes, by tunnel deletes alone; jnr-ffi's reflection loader)
# run up to JL2TP_BENCH_EXPERIMENTS_MAX sessions (default 1000).
# Needs target/jl2tp-apply.jar (mvn -o package -DskipTests). Results: target/bench/RELEASE/bench.md
# and bench.json (the table for the README), the generated configs and ip command files in work/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
kernel=${JL2TP_VM_KERNEL:-bookworm}
case ${1:-} in
    --kernel) [ $# -ge 2 ] || { echo "run.sh: --kernel wants a release (bookworm, trixie)" >&2; exit 2; }; kernel=$2; shift 2 ;;
    --kernel=*) kernel=${1#*=}; shift ;;
esac
[[ $kernel =~ ^[a-z]+$ ]] || { echo "run.sh: --kernel '$kernel': a Debian release name (bookworm, trixie)" >&2; exit 2; }
sessions=${1:-1000,10000}
teardown_max=${2:-1000}
jar=$root/target/jl2tp-apply.jar
[ -r "$jar" ] || { echo "run.sh: build first: mvn -o package -DskipTests" >&2; exit 1; }
out=$root/target/bench/$kernel
rm -rf "$out"; mkdir -p "$out"
# The launcher the package installs, on this jar, with its class-data-sharing archive (made in the guest).
guest="set -e
export JL2TP_JAR=$jar JL2TP_CDS_DIR=$out/cds JL2TP_LAUNCHER=$root/src/main/sh/jl2tp-apply
sh $root/src/main/sh/jl2tp-cds
python3 $here/bench.py --sessions $sessions --launcher $root/src/main/sh/jl2tp-apply --out $out --teardown-max $teardown_max --experiments-max ${JL2TP_BENCH_EXPERIMENTS_MAX:-1000}"
# Two namespaces of 10 000 sessions each (ip's and jl2tp's) take more than the tests' 2 GB guest.
JL2TP_VM_KERNEL=$kernel JL2TP_VM_MEMORY=${JL2TP_VM_MEMORY:-6G} "$root/src/test/vm/run-in-vm.sh" --timeout "${JL2TP_BENCH_TIMEOUT:-7200}" --results "$out" -- bash -c "$guest"
echo "run.sh: table in $out/bench.md"
