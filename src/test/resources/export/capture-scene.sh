#!/bin/bash
# Re-creates the fixtures of the show/status unit tests (net.jl2tp.export, ShowStatus*Test): a
# host "a" with L2TP tunnels and sessions made by `ip` as in ip-l2tp(8), a peer "b", pings across
# the pseudowires so that the counters move, then the kernel's answers to the dumps jl2tp reads in
# "a" (l2tp family, tunnels, sessions, links, addresses). Needs a kernel with L2TP: in the test VM,
#   src/test/vm/run-in-vm.sh --results /tmp/scene -- bash src/test/resources/export/capture-scene.sh /tmp/scene
# then copy /tmp/scene/*.hex here. Documentation addresses only.
#
# Host a:
#   tunnel 3000 udp 192.0.2.1:5000 -> 192.0.2.2:6000, session 1000 (kernel-named l2tpeth0) in
#     bridge br0 (with dummy lan0), vlan l2tpeth0.5 in bridge brvlan5 (with lan0.5)
#   tunnel 3001 udp, udp_csum on: session 1001 "pw-cisco", cookies, l2spec none, `addr ... peer`
#   tunnel 3002 ip encap over IPv6: session 1002 l2tpeth2, seq both, an IPv6 address
#   tunnel 3003 udp: session 1003 "pw-badcookie" (b sends a cookie a does not expect),
#     session 1004 "pw-down" (left down)
#   tunnel 3004 udp: session 1005 "pw-dead" (b has no such tunnel: nothing comes back)
#   not L2TP's: bridge br9, vlan pw0.7 (show must leave them out)
set -eu
out=${1:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
a=jl2tp-scene-a b=jl2tp-scene-b
A() { ip -n $a "$@"; }
B() { ip -n $b "$@"; }
ip netns add $a; ip netns add $b
A link set lo up; B link set lo up
A link add pw0 type veth peer name pw0 netns $b
A addr add 192.0.2.1/24 dev pw0; B addr add 192.0.2.2/24 dev pw0
A addr add 2001:db8:1::1/64 dev pw0 nodad; B addr add 2001:db8:1::2/64 dev pw0 nodad
A link set pw0 up; B link set pw0 up

# The man page's pair, bridged; a bridge per VLAN (VLAN 5 over the pseudowire).
A l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5000 udp_dport 6000
B l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport 6000 udp_dport 5000
A l2tp add session tunnel_id 3000 session_id 1000 peer_session_id 2000
B l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000
A link set l2tpeth0 up mtu 1446; B link set l2tpeth0 up mtu 1446
A link add lan0 type dummy; A link set lan0 up
A link add br0 type bridge; A link set l2tpeth0 master br0; A link set lan0 master br0; A link set br0 up
A addr add 203.0.113.1/26 dev br0
B link add br0 type bridge; B link set l2tpeth0 master br0; B link set br0 up
B addr add 203.0.113.2/26 dev br0
A link add link l2tpeth0 name l2tpeth0.5 type vlan id 5; A link set l2tpeth0.5 up
A link add link lan0 name lan0.5 type vlan id 5; A link set lan0.5 up
A link add brvlan5 type bridge; A link set l2tpeth0.5 master brvlan5; A link set lan0.5 master brvlan5
A link set brvlan5 up; A addr add 203.0.113.65/26 dev brvlan5
B link add link l2tpeth0 name l2tpeth0.5 type vlan id 5; B link set l2tpeth0.5 up
B addr add 203.0.113.66/26 dev l2tpeth0.5

# A Cisco-style session: cookies, no l2spec sublayer; a point-to-point address.
A l2tp add tunnel tunnel_id 3001 peer_tunnel_id 4001 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5001 udp_dport 6001 udp_csum on
B l2tp add tunnel tunnel_id 4001 peer_tunnel_id 3001 encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport 6001 udp_dport 5001 udp_csum on
A l2tp add session name pw-cisco tunnel_id 3001 session_id 1001 peer_session_id 2001 cookie 014d3636deadbeef peer_cookie 0badc0de l2spec_type none
B l2tp add session name pw-cisco tunnel_id 4001 session_id 2001 peer_session_id 1001 cookie 0badc0de peer_cookie 014d3636deadbeef l2spec_type none
A addr add 198.51.100.1 peer 198.51.100.2 dev pw-cisco; A link set pw-cisco up
B addr add 198.51.100.2 peer 198.51.100.1 dev pw-cisco; B link set pw-cisco up

# IP encapsulation over IPv6, sequence numbers both ways.
A l2tp add tunnel tunnel_id 3002 peer_tunnel_id 4002 encap ip local 2001:db8:1::1 remote 2001:db8:1::2
B l2tp add tunnel tunnel_id 4002 peer_tunnel_id 3002 encap ip local 2001:db8:1::2 remote 2001:db8:1::1
A l2tp add session name l2tpeth2 tunnel_id 3002 session_id 1002 peer_session_id 2002 seq both
B l2tp add session name l2tpeth2 tunnel_id 4002 session_id 2002 peer_session_id 1002 seq both
A addr add 2001:db8:2::1/64 dev l2tpeth2 nodad; A link set l2tpeth2 up
B addr add 2001:db8:2::2/64 dev l2tpeth2 nodad; B link set l2tpeth2 up

# Broken pseudowires: a cookie mismatch, a session left down, a peer with no tunnel at all.
A l2tp add tunnel tunnel_id 3003 peer_tunnel_id 4003 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5003 udp_dport 6003
B l2tp add tunnel tunnel_id 4003 peer_tunnel_id 3003 encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport 6003 udp_dport 5003
A l2tp add session name pw-badcookie tunnel_id 3003 session_id 1003 peer_session_id 2003 peer_cookie 0000cafe
B l2tp add session name pw-badcookie tunnel_id 4003 session_id 2003 peer_session_id 1003 cookie 00000bad
A addr add 203.0.113.129/26 dev pw-badcookie; A link set pw-badcookie up
B addr add 203.0.113.130/26 dev pw-badcookie; B link set pw-badcookie up
A l2tp add session name pw-down tunnel_id 3003 session_id 1004 peer_session_id 2004
A l2tp add tunnel tunnel_id 3004 peer_tunnel_id 4004 encap udp local 192.0.2.1 remote 192.0.2.2 udp_sport 5004 udp_dport 6004
A l2tp add session name pw-dead tunnel_id 3004 session_id 1005 peer_session_id 2005
A addr add 203.0.113.193/26 dev pw-dead; A link set pw-dead up

# Not L2TP's: left out of show.
A link add br9 type bridge
A link add link pw0 name pw0.7 type vlan id 7

ping() { ip netns exec "$1" ping -q -c 3 -i 0.2 -W 1 "$2" >/dev/null 2>&1 && echo "ping $2 from $1: ok" || echo "ping $2 from $1: no answer"; }
ping $a 203.0.113.2; ping $a 203.0.113.66; ping $a 198.51.100.2; ping $a 2001:db8:2::2
ping $b 203.0.113.129; ping $a 203.0.113.130; ping $a 203.0.113.194

cap() { ip netns exec $a python3 "$here/../netlink/capture.py" "$@"; }
cap "$out/scene-genl-family.hex" --replies --type 16 -- ip l2tp show tunnel
cap "$out/scene-tunnels.hex" --replies -- ip l2tp show tunnel
cap "$out/scene-sessions.hex" --replies -- ip l2tp show session
# ip asks RTM_GETNSID for the veth's peer after its dumps: the tests read up to NLMSG_DONE.
cap "$out/scene-links.hex" --replies --type 18 -- ip link show
cap "$out/scene-addresses.hex" --replies --type 22 -- ip addr show
{
    echo "# what ip showed of host a when the fixtures were captured"
    A -s l2tp show tunnel; A -s l2tp show session; A -d link show; A addr show
} > "$out/scene-ip.txt" 2>&1
ip netns del $a; ip netns del $b
