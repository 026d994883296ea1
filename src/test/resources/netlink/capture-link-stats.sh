#!/bin/bash
# Re-creates replies/link-dump-l2tp-stats.hex: a link dump (IFLA_STATS64 included) of a session
# interface whose MTU is smaller than the frames its peer sends, so that rx_errors and rx_dropped
# move (l2tp_eth_dev_recv: dev_forward_skb refuses the frame). Run it in the test VM:
#   src/test/vm/run-in-vm.sh --results /tmp/stats-cap -- \
#       bash src/test/resources/netlink/capture-link-stats.sh /tmp/stats-cap
# `ip -s -j link show dev pw1` (the witness) is printed before and after the capture.
set -u
out=${1:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
P=$out/replies
mkdir -p "$P"
a=jl2tp-st-a b=jl2tp-st-b
ip netns add $a; ip netns add $b
ip -n $a link set lo up; ip -n $b link set lo up
ip -n $a link add ul0 type veth peer name ul0 netns $b
ip -n $a addr add 192.0.2.1/24 dev ul0; ip -n $b addr add 192.0.2.2/24 dev ul0
ip -n $a link set ul0 up; ip -n $b link set ul0 up
ip -n $a l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5000 udp_dport 6000
ip -n $b l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport 6000 udp_dport 5000
ip -n $a l2tp add session name pw1 tunnel_id 3000 session_id 1000 peer_session_id 2000
ip -n $b l2tp add session name pw1 tunnel_id 4000 session_id 2000 peer_session_id 1000
ip -n $a addr add 198.51.100.1/24 dev pw1; ip -n $b addr add 198.51.100.2/24 dev pw1
ip -n $a link set pw1 mtu 1000 up; ip -n $b link set pw1 up
ip -n $a neigh add 198.51.100.2 lladdr "$(ip -n $b -j link show pw1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')" dev pw1
ip -n $b neigh add 198.51.100.1 lladdr "$(ip -n $a -j link show pw1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')" dev pw1
ip netns exec $b ping -c 3 -i 0.2 -W 1 198.51.100.1      # fits: rx_packets on a's pw1
ip netns exec $b ping -c 2 -i 0.2 -W 1 -s 1200 198.51.100.1  # 1242-byte frames: refused by a's pw1 (MTU 1000)
echo "+ ip -s -j link show dev pw1 (witness, before)"; ip -n $a -s -j link show dev pw1; echo
ip netns exec $a python3 "$here/capture.py" "$P/link-dump-l2tp-stats.hex" --replies --type 18 -- ip link show
echo "+ ip -s -j link show dev pw1 (witness, after)"; ip -n $a -s -j link show dev pw1; echo
ip -n $a l2tp show session
ip netns del $a; ip netns del $b
