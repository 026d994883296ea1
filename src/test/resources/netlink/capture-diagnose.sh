#!/bin/bash
# Re-creates the fixtures of what diagnose reads besides the L2TP dumps, in one tunnel with two sessions:
# - replies/link-dump-l2tp-stats.hex: a link dump (IFLA_STATS64 included) where session interface pw1
#   has MTU 1000 and its peer sends longer frames, so that its rx_errors and rx_dropped move
#   (l2tp_eth_dev_recv: dev_forward_skb refuses the frame);
# - requests/ and replies/udp-sock-diag-dump.hex: what `ss -4 -uanm` sends over NETLINK_SOCK_DIAG and
#   the kernel's answer, the tunnel's socket holding packets for a session id a does not have (b's
#   session w2 sends to peer session 1999).
# Run it in the test VM (its initramfs has inet_diag and udp_diag):
#   src/test/vm/run-in-vm.sh --results /tmp/diag-cap -- \
#       bash src/test/resources/netlink/capture-diagnose.sh /tmp/diag-cap
# The witnesses, `ip -s -j link show dev pw1` and `ss -4 -Huanm`, are printed around the captures.
set -u
out=${1:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
R=$out/requests P=$out/replies
mkdir -p "$R" "$P"
a=jl2tp-dg-a b=jl2tp-dg-b
ip netns add $a; ip netns add $b
ip -n $a link set lo up; ip -n $b link set lo up
ip -n $a link add ul0 type veth peer name ul0 netns $b
ip -n $a addr add 192.0.2.1/24 dev ul0; ip -n $b addr add 192.0.2.2/24 dev ul0
ip -n $a link set ul0 up; ip -n $b link set ul0 up
ip -n $a l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5000 udp_dport 6000
ip -n $b l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport 6000 udp_dport 5000
ip -n $a l2tp add session name pw1 tunnel_id 3000 session_id 1000 peer_session_id 2000
ip -n $b l2tp add session name w1 tunnel_id 4000 session_id 2000 peer_session_id 1000
ip -n $a l2tp add session name pw2 tunnel_id 3000 session_id 1001 peer_session_id 2001
ip -n $b l2tp add session name w2 tunnel_id 4000 session_id 2001 peer_session_id 1999
ip -n $a addr add 198.51.100.1/30 dev pw1; ip -n $b addr add 198.51.100.2/30 dev w1
ip -n $a addr add 198.51.100.5/30 dev pw2; ip -n $b addr add 198.51.100.6/30 dev w2
ip -n $a link set pw1 mtu 1000 up; ip -n $b link set w1 up
ip -n $a link set pw2 up; ip -n $b link set w2 up
mac() { ip -n "$1" -j link show "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])'; }
ip -n $a neigh add 198.51.100.2 lladdr "$(mac $b w1)" dev pw1
ip -n $b neigh add 198.51.100.1 lladdr "$(mac $a pw1)" dev w1
ip netns exec $b ping -c 3 -i 0.2 -W 1 198.51.100.1           # fits: rx_packets on a's pw1
ip netns exec $b ping -c 2 -i 0.2 -W 1 -s 1200 198.51.100.1   # 1242-byte frames: refused by a's pw1 (MTU 1000)
ip netns exec $b ping -c 3 -i 0.2 -W 1 198.51.100.5           # ARP for session 1999: a's tunnel socket keeps it
echo "+ ip -s -j link show dev pw1 (witness, before)"; ip -n $a -s -j link show dev pw1; echo
echo "+ ss -4 -Huanm (witness, before)"; ip netns exec $a ss -4 -Huanm
ip netns exec $a python3 "$here/capture.py" "$P/link-dump-l2tp-stats.hex" --replies --type 18 -- ip link show
ip netns exec $a python3 "$here/capture.py" "$R/udp-sock-diag-dump.hex" --type 20 -- ss -4 -uanm
ip netns exec $a python3 "$here/capture.py" "$P/udp-sock-diag-dump.hex" --replies --type 20 -- ss -4 -uanm
echo "+ ip -s -j link show dev pw1 (witness, after)"; ip -n $a -s -j link show dev pw1; echo
echo "+ ss -4 -Huanm (witness, after)"; ip netns exec $a ss -4 -Huanm
ip netns del $a; ip netns del $b
