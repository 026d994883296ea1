/**
 * Netlink for jl2tp: bytes only here, no I/O and no FFI.
 *
 * <ul>
 * <li>{@link net.jl2tp.netlink.NetlinkMessage}: nlmsghdr + payload; {@code encode()},
 *     {@code decodeAll(bytes)} (malformed input gives {@link net.jl2tp.netlink.NetlinkProtocolException}
 *     and nothing else).</li>
 * <li>{@link net.jl2tp.netlink.AttributeEncoder} / {@link net.jl2tp.netlink.AttributeDecoder}:
 *     netlink attributes in native byte order, 4-byte aligned, nests; both keep their first error.</li>
 * <li>{@link net.jl2tp.netlink.NetlinkRequest}: what a codec builds (operation text, type, flags,
 *     payload); {@link net.jl2tp.netlink.Netlink}: request in, replies out
 *     ({@code execute} for changes and GETs, {@code dump} for dumps, retried on NLM_F_DUMP_INTR);
 *     {@link net.jl2tp.netlink.NetlinkClient} implements the rules over a
 *     {@link net.jl2tp.netlink.NetlinkTransport}.</li>
 * <li>{@link net.jl2tp.netlink.NetlinkException}: the one error type (operation, errno and its
 *     name, extack message, sequence number, hint).</li>
 * </ul>
 *
 * Sub-packages: {@code ffi} (the jnr-ffi socket, {@code NetlinkSocket.route/generic(netns)}),
 * {@code genl} (family resolution), {@code l2tp} (tunnel and session codecs, {@code L2tpNetlink}),
 * {@code route} (link, address and route codecs, {@code RouteNetlink}).
 */
package net.jl2tp.netlink;
