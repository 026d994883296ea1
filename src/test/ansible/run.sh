#!/usr/bin/env bash
# The Ansible collection's tests (README "Tests"), run by mvn verify in pre-integration-test:
#   1. installs what is missing from Debian's archive (apt; nothing from PyPI, which is not reached);
#   2. builds the collection with ansible-galaxy collection build into target/ansible/ and installs
#      that tarball into target/ansible/collections (the VM's AnsibleKernelTest runs its playbooks
#      against this installed copy);
#   3. ansible-test sanity on the installed copy, every test that runs offline (see SKIPPED below);
#   4. ansible-test units (pytest from Debian) on the installed copy.
# A missing tool is an error (exit 1), never a skip. Env: JL2TP_ANSIBLE_SANITY=0 leaves out step 3
# (for a quick loop while editing the modules; mvn verify always runs it).
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
out=$root/target/ansible
src=$root/ansible/jl2tp/l2tp

log() { printf 'jl2tp-ansible: %s\n' "$*" >&2; }
die() { printf 'jl2tp-ansible: ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# Debian's packages: ansible-core (ansible-galaxy, ansible-test, ansible-playbook), pytest and the
# plugins ansible-test units calls (xdist for -n, forked for --forked, mock), and what the sanity
# tests import (pylint, pycodestyle, yamllint, voluptuous, PyYAML, Jinja2).
PACKAGES="ansible-core python3-pytest python3-pytest-xdist python3-pytest-forked python3-pytest-mock
    pylint pycodestyle yamllint python3-voluptuous python3-yaml python3-jinja2"
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
for p in $PACKAGES; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
fi
# Debian's own python3, whatever else PATH holds (a pyenv python3 does not see Debian's packages).
PY=/usr/bin/python3
for tool in /usr/bin/ansible-galaxy /usr/bin/ansible-test /usr/bin/ansible-playbook "$PY"; do
    [ -x "$tool" ] || die "$tool is missing after the install"
done
"$PY" -c 'import pytest, xdist, pytest_forked, pytest_mock, pylint, pycodestyle, yamllint, voluptuous, yaml, jinja2' \
    || die "$PY cannot import a module the tests need (above)"
version=$("$PY" -c 'from ansible.release import __version__; print(__version__)')
pyver=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
log "ansible-core $version, Python $pyver ($PY)"

# 2. Build, then install the tarball: what is tested is what was built.
start=$(now)
rm -rf "$out"
mkdir -p "$out"
ansible-galaxy collection build "$src" --output-path "$out" --force >&2
tarball=$(ls "$out"/jl2tp-l2tp-*.tar.gz 2>/dev/null | head -n 1)
[ -n "$tarball" ] && [ -s "$tarball" ] || die "ansible-galaxy collection build made no tarball in $out"
ansible-galaxy collection install "$tarball" -p "$out/collections" --force >&2
coll=$out/collections/ansible_collections/jl2tp/l2tp
[ -f "$coll/plugins/modules/jl2tp_config.py" ] || die "the installed collection has no jl2tp_config module"
[ -f "$coll/tests/unit/plugins/modules/test_jl2tp_config.py" ] || die "the tarball lacks tests/unit"
log "built $(basename "$tarball") ($(stat -c %s "$tarball") bytes) and installed it in $out/collections: $(took "$start")"

# The class-data archive of target/jl2tp-apply.jar, made here on the host with the package's own
# jl2tp-cds (the guest runs the same runtime and jar over 9p, so it matches): AnsibleKernelTest's
# playbook starts jl2tp-apply a dozen times in the emulated VM, each start about twice as slow without it.
jar=$root/target/jl2tp-apply.jar
if [ -f "$jar" ]; then
    start=$(now)
    # jl2tp-apply as the package runs it, on that jar and archive: what AnsibleKernelTest's playbook runs.
    printf '#!/bin/sh\nJL2TP_JAR=%s JL2TP_CDS_DIR=%s exec %s "$@"\n' "$jar" "$out/cds" "$root/src/main/sh/jl2tp-apply" \
        > "$out/jl2tp-apply"
    chmod 755 "$out/jl2tp-apply"
    JL2TP_LAUNCHER=$out/jl2tp-apply JL2TP_CDS_DIR=$out/cds sh "$root/src/main/sh/jl2tp-cds" >&2
    log "class-data archive for AnsibleKernelTest: $(ls "$out"/cds/*.jsa 2>/dev/null || echo none), $(took "$start")"
else
    log "no $jar (mvn package makes it): AnsibleKernelTest will say so"
fi

# ansible-test lists a collection's files with git when a .git is above it, and target/ is ignored
# there: it tests a copy of the installed collection outside the work tree. Its virtual
# environments (under ~/.ansible/test) stay beside it, and go with it.
work=$(mktemp -d "${TMPDIR:-/tmp}/jl2tp-ansible.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ansible_collections/jl2tp" "$work/home"
cp -a "$coll" "$work/ansible_collections/jl2tp/l2tp"
export HOME=$work/home
cd "$work/ansible_collections/jl2tp/l2tp"

# 3. Sanity. The sanity tests run in virtual environments that ansible-test fills from PyPI with
# pip; ansible-test-offline makes them with Debian's packages visible instead (--system-site-packages,
# nothing installed). Left out, with why:
# (pslint and shellcheck run and find nothing to check: the collection has no PowerShell or shell
# scripts. mypy, in ansible-core 2.15 and later, is left to run: it finds no typed code.)
SKIPPED=(
    # antsibull-changelog lints changelogs/: it is on PyPI only, in neither Debian 12 nor 13.
    changelog
)
if [ "${JL2TP_ANSIBLE_SANITY:-1}" != 0 ]; then
    start=$(now)
    skip=()
    for t in "${SKIPPED[@]}"; do skip+=(--skip-test "$t"); done
    log "ansible-test sanity (skipped: ${SKIPPED[*]})"
    "$PY" "$root/src/test/ansible/ansible-test-offline" sanity --local --python-interpreter "$PY" --python "$pyver" \
        --color no "${skip[@]}" 2>&1 | tee "$out/sanity.log" >&2 || die "ansible-test sanity failed (above)"
    # A sanity run that found no files (a git work tree hiding them, say) passes: not here.
    ! grep -q 'All targets skipped' "$out/sanity.log" || die "ansible-test sanity found no files to test"
    ran=$(grep -c '^Running sanity test' "$out/sanity.log" || true)
    log "ansible-test sanity passed: $ran tests, $(took "$start")"
fi

# 4. Unit tests: pytest from Debian, run by ansible-test units.
start=$(now)
ansible-test units --local --python-interpreter "$PY" --python "$pyver" --color no >&2 \
    || die "ansible-test units failed (above)"
report=$PWD/tests/output/junit/python$pyver-modules-units.xml
[ -s "$report" ] || die "ansible-test units wrote no report ($report)"
cp "$report" "$out/"
tests=$(grep -o 'tests="[0-9]*"' "$report" | head -n 1 | tr -dc 0-9)
[ "${tests:-0}" -gt 0 ] || die "ansible-test units ran no test"
log "ansible-test units passed: $tests tests, $(took "$start")"
