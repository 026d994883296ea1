#!/bin/bash
# Re-creates the rtnetlink fixtures under requests/ and replies/: what `ip` sends for each command
# the product encodes, and what the kernel answers. Runs in a throw-away network namespace with a
# veth pair (lo=1, pw1=2, pw0=3), documentation addresses only. Needs root, strace, python3.
# Commands whose kernel lacks the module (bridge, 8021q on a host without them) still show the
# bytes sent; the kernel's refusal does not matter for a request fixture.
set -u
here=$(cd "$(dirname "$0")" && pwd)
ns=jl2tp-capture-$$
cap() { ip netns exec "$ns" python3 "$here/capture.py" "$@"; }
in_ns() { ip netns exec "$ns" "$@"; }
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
in_ns ip link add pw0 type veth peer name pw1
in_ns ip link set lo up

R=$here/requests P=$here/replies
cap "$R/link-dump.hex" -- ip link show
cap "$R/link-create-bridge.hex" -- ip link add br0 type bridge
cap "$R/link-create-bridge-mtu.hex" -- ip link add br0 mtu 1400 type bridge
cap "$R/link-create-vlan.hex" -- ip link add link pw0 name pw0.5 type vlan id 5
cap "$R/link-set-mtu.hex" -- ip link set dev pw0 mtu 1446
cap "$R/link-set-up.hex" -- ip link set dev pw0 up
cap "$R/link-get-by-name.hex" --type 18 -- ip link set dev pw0 up
cap "$R/link-set-down.hex" -- ip link set dev pw0 down
cap "$R/link-set-master.hex" -- ip link set dev pw0 master pw1
cap "$R/link-set-nomaster.hex" -- ip link set dev pw0 nomaster
cap "$R/addr-add-prefix.hex" -- ip addr add 192.0.2.1/24 dev pw0
cap "$R/addr-add-peer.hex" -- ip addr add 198.51.100.1 peer 198.51.100.2 dev pw0
cap "$R/addr-add-ipv6.hex" -- ip addr add 2001:db8:1::1/64 dev pw0 nodad
in_ns ip addr del 2001:db8:1::1/64 dev pw0
cap "$R/addr-del-prefix.hex" -- ip addr del 192.0.2.1/24 dev pw0
cap "$R/addr-del-peer.hex" -- ip addr del 198.51.100.1 peer 198.51.100.2 dev pw0
cap "$R/addr-dump.hex" -- ip addr show

# A routed underlay: pw0 up with 192.0.2.1/24, a route to 198.51.100.0/24 with an MTU metric.
in_ns ip link set pw0 up
in_ns ip link set pw1 up
in_ns ip addr add 192.0.2.1/24 dev pw0
in_ns ip addr add 2001:db8:1::1/64 dev pw0 nodad
in_ns ip route add 198.51.100.0/24 via 192.0.2.254 dev pw0 mtu 1400
in_ns ip route add 2001:db8:2::/64 via 2001:db8:1::fe dev pw0 mtu 1380
cap "$R/route-get-ipv4.hex" --type 26 -- ip route get 198.51.100.2 from 192.0.2.1
cap "$P/route-get-ipv4.hex" --replies --type 26 -- ip route get 198.51.100.2 from 192.0.2.1
cap "$R/route-get-ipv4-nosource.hex" --type 26 -- ip route get 198.51.100.2
cap "$P/route-get-ipv4-nosource.hex" --replies --type 26 -- ip route get 198.51.100.2
cap "$R/route-get-ipv6.hex" --type 26 -- ip route get 2001:db8:2::2 from 2001:db8:1::1
cap "$P/route-get-ipv6.hex" --replies --type 26 -- ip route get 2001:db8:2::2 from 2001:db8:1::1
cap "$P/route-get-unreachable.hex" --replies -- ip route get 203.0.113.9

cap "$P/link-dump.hex" --replies -- ip link show
cap "$P/addr-dump.hex" --replies -- ip addr show
cap "$P/error-mtu-extack.hex" --replies -- ip link set dev pw0 mtu 10
cap "$R/link-delete.hex" -- ip link del dev pw1
