#!/bin/bash
# Re-creates the L2TP (generic netlink) fixtures: what `ip l2tp` sends and what the kernel answers.
# Needs a kernel with L2TP: run it in the test VM, writing to the results share, e.g.
#   src/test/vm/run-in-vm.sh --results /tmp/l2tp-cap -- \
#       bash src/test/resources/netlink/capture-l2tp.sh /tmp/l2tp-cap
# then copy /tmp/l2tp-cap/{requests,replies}/* here. One namespace "a" with a veth to "b",
# documentation addresses only (192.0.2.0/24, 2001:db8:1::/64).
set -u
out=${1:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
R=$out/requests P=$out/replies
mkdir -p "$R" "$P"
a=jl2tp-cap-a b=jl2tp-cap-b
ip netns add $a; ip netns add $b
ip -n $a link set lo up; ip -n $b link set lo up
ip -n $a link add pw0 type veth peer name pw0 netns $b
ip -n $a addr add 192.0.2.1/24 dev pw0; ip -n $b addr add 192.0.2.2/24 dev pw0
ip -n $a addr add 2001:db8:1::1/64 dev pw0 nodad; ip -n $b addr add 2001:db8:1::2/64 dev pw0 nodad
ip -n $a link set pw0 up; ip -n $b link set pw0 up
cap() { ip netns exec $a python3 "$here/capture.py" "$@"; }
show() { echo "+ $*"; ip netns exec $a "$@"; }

cap "$R/genl-getfamily-l2tp.hex" --type 16 -- ip l2tp show tunnel
cap "$P/genl-getfamily-l2tp.hex" --replies --type 16 -- ip l2tp show tunnel
cap "$R/tunnel-create-udp4.hex" -- ip l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5000 udp_dport 6000
cap "$R/tunnel-create-udp4-csum.hex" -- ip l2tp add tunnel tunnel_id 3001 peer_tunnel_id 4001 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5001 udp_dport 6001 udp_csum on
cap "$R/tunnel-create-ip4.hex" -- ip l2tp add tunnel tunnel_id 3002 peer_tunnel_id 4002 encap ip local 192.0.2.1 remote 192.0.2.2
cap "$R/tunnel-create-udp6.hex" -- ip l2tp add tunnel tunnel_id 3003 peer_tunnel_id 4003 encap udp local 2001:db8:1::1 remote 2001:db8:1::2 udp_sport 5003 udp_dport 6003
cap "$R/tunnel-create-udp6-nocsum.hex" -- ip l2tp add tunnel tunnel_id 3004 peer_tunnel_id 4004 encap udp local 2001:db8:1::1 remote 2001:db8:1::2 udp_sport 5004 udp_dport 6004 udp6_csum_tx off udp6_csum_rx off
cap "$R/tunnel-create-ip6.hex" -- ip l2tp add tunnel tunnel_id 3005 peer_tunnel_id 4005 encap ip local 2001:db8:1::1 remote 2001:db8:1::2
cap "$P/error-tunnel-exists.hex" --replies -- ip l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5010 udp_dport 6010
cap "$R/session-create-basic.hex" -- ip l2tp add session name l2tpeth0 tunnel_id 3000 session_id 1000 peer_session_id 2000
cap "$R/session-create-cookies.hex" -- ip l2tp add session name l2tpeth1 tunnel_id 3000 session_id 1001 peer_session_id 2001 cookie 014d3636deadbeef peer_cookie 0badc0de l2spec_type none
cap "$R/session-create-seq.hex" -- ip l2tp add session name l2tpeth2 tunnel_id 3001 session_id 1002 peer_session_id 2002 seq both
cap "$R/session-create-noname.hex" -- ip l2tp add session tunnel_id 3002 session_id 1003 peer_session_id 2003
cap "$P/error-session-no-tunnel.hex" --replies -- ip l2tp add session name l2tpeth9 tunnel_id 3999 session_id 1009 peer_session_id 2009
cap "$R/tunnel-dump.hex" -- ip l2tp show tunnel
cap "$P/tunnel-dump.hex" --replies -- ip l2tp show tunnel
cap "$R/session-dump.hex" -- ip l2tp show session
cap "$P/session-dump.hex" --replies -- ip l2tp show session
cap "$R/session-delete.hex" -- ip l2tp del session tunnel_id 3000 session_id 1001
cap "$R/tunnel-delete.hex" -- ip l2tp del tunnel tunnel_id 3005
show ip l2tp show tunnel
show ip l2tp show session
# Links with kinds the host kernel lacks: a bridge and a vlan, and the session interface.
ip -n $a link add br0 type bridge
ip -n $a link add link pw0 name pw0.5 type vlan id 5
ip -n $a link set l2tpeth0 master br0
# --type 18: with a veth peer in another namespace, ip asks RTM_GETNSID after its dump
cap "$P/link-dump-bridge-vlan-l2tp.hex" --replies --type 18 -- ip link show
show ip -d link show
ip netns del $a; ip netns del $b
