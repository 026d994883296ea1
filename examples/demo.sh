#!/usr/bin/env bash
# A newcomer's first run of jl2tp-apply: two throw-away network namespaces joined by a veth pair,
# the man page's site A and site B applied from examples/ip-configured-site-{a,b}.yaml (dry-run
# first), a ping across the pseudowire, `status`, and everything removed again.
#
# Needs root. On a kernel without L2TP (a container, this project's build machine) it runs itself
# inside the project's test VM (src/test/vm/run-in-vm.sh, which installs qemu with apt).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/jl2tp-apply.jar
if [[ ! -f $jar ]]; then
    echo "== building $jar"
    mvn -B -q package -DskipTests
fi

has_l2tp() {
    [[ -d /sys/module/l2tp_netlink ]] || modprobe -q l2tp_eth 2>/dev/null
}

if [[ -z ${JL2TP_IN_VM:-} ]] && ! has_l2tp; then
    echo "== this kernel has no L2TP (uname -r: $(uname -r)): running the demo in the project's VM"
    exec src/test/vm/run-in-vm.sh --timeout 600 -- "$PWD/examples/demo.sh"
fi

if [[ $(id -u) != 0 ]]; then
    echo "demo.sh: run as root (network namespaces and L2TP need CAP_NET_ADMIN)" >&2
    exit 1
fi

a=jl2tp-demo-a
b=jl2tp-demo-b
# Flags for a short-lived JVM: no optimising JIT, a small collector (the installed launcher does the same).
jl2tp() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"; }
step() { printf '\n== %s\n' "$*"; }

cleanup() {
    ip netns del "$a" 2>/dev/null || true
    ip netns del "$b" 2>/dev/null || true
}
trap cleanup EXIT

step "two namespaces, $a and $b, joined by a veth pair: 192.0.2.1/24 <-> 192.0.2.2/24"
ip netns add "$a"
ip netns add "$b"
ip link add veth0 netns "$a" type veth peer name veth0 netns "$b"
ip -n "$a" addr add 192.0.2.1/24 dev veth0
ip -n "$b" addr add 192.0.2.2/24 dev veth0
ip -n "$a" link set veth0 up
ip -n "$b" link set veth0 up

for site in a b; do
    ns=jl2tp-demo-$site
    config=examples/ip-configured-site-$site.yaml
    step "jl2tp-apply --netns $ns --dry-run --config $config"
    jl2tp --netns "$ns" --dry-run --config "$config"
    step "jl2tp-apply --netns $ns --config $config"
    jl2tp --netns "$ns" --config "$config"
done

step "ping from site A to site B's end of the pseudowire (203.0.113.2)"
ip netns exec "$a" ping -c 3 -i 0.2 -W 5 203.0.113.2

step "jl2tp-apply --netns $a status"
jl2tp --netns "$a" status

step "jl2tp-apply --netns $a --dry-run --exit-code (in sync: exit 0)"
jl2tp --netns "$a" --dry-run --exit-code --config examples/ip-configured-site-a.yaml

step "an empty config removes what jl2tp made, session first"
empty=$(mktemp --suffix=.yaml)
echo 'l2tp: {version: 1}' > "$empty"
for site in a b; do
    jl2tp --netns "jl2tp-demo-$site" --config "$empty"
done
rm -f "$empty"

step "done: the namespaces go now"
