package net.jl2tp.kernel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.RouteLookup;
import net.jl2tp.netlink.route.RouteNetlink;

/**
 * The verifier's kernel half for addresses: the address dump can show an address that cannot be
 * used yet, or whose peer nothing reaches. An IPv6 address is usable only once its duplicate
 * address detection has ended (tentative until then, dadfailed if another host has it), so the
 * configured addresses of up links are waited for, within a bound. An IPv6 peer address added while
 * its link is down, without duplicate address detection (accept_dad 0, or nodad), never gets its
 * route to the peer when the link comes up (measured on kernel 6.1; see the README's kernel facts),
 * so for each point-to-point address ({@code address: A, peer: P}) the routing table's own answer
 * decides: {@code ip route get P from A} must leave by the address's link, with no gateway.
 */
public final class UsableAddresses {
    /** Duplicate address detection takes up to about 2 s with Linux's defaults (1 s delay, 1 probe). */
    public static final Duration DAD_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    /** How the check waits between two reads of the address dump (tests: no real sleep). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private UsableAddresses() {
    }

    /**
     * One line per address of an up link in {@code desired} that is not usable: still tentative after
     * the wait, failed duplicate address detection, or (with a peer) no route to the peer through its
     * link; empty when all are usable. Addresses or links the kernel does not have are left to the
     * planner's comparison, which names them already.
     */
    public static List<String> problems(RouteNetlink route, NetworkState desired) throws NetlinkException {
        return problems(route, desired, DAD_WAIT, d -> Thread.sleep(d.toMillis()));
    }

    static List<String> problems(RouteNetlink route, NetworkState desired, Duration dadWait, Sleeper sleeper)
            throws NetlinkException {
        List<Wanted> wanted = new ArrayList<>();
        for (Link link : desired.links().values()) {
            if (link.up()) {
                link.addresses().forEach(a -> wanted.add(new Wanted(link.name(), a)));
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> indexes = new HashMap<>();
        route.links().forEach(l -> indexes.put(l.name(), l.index()));
        Map<Wanted, LinkAddress> found = settled(route, wanted, indexes, dadWait, sleeper);
        List<String> problems = new ArrayList<>();
        for (Wanted w : wanted) {
            LinkAddress a = found.get(w);
            if (a == null) {
                continue;
            }
            problem(route, w, a, indexes, dadWait).ifPresent(problems::add);
        }
        return problems;
    }

    /** The kernel's entry for each wanted address, re-read while any is tentative, up to {@code dadWait}. */
    private static Map<Wanted, LinkAddress> settled(RouteNetlink route, List<Wanted> wanted, Map<String, Integer> indexes,
            Duration dadWait, Sleeper sleeper) throws NetlinkException {
        long waited = 0;
        while (true) {
            Map<Wanted, LinkAddress> found = new HashMap<>();
            List<LinkAddress> dump = route.addresses();
            boolean tentative = false;
            for (Wanted w : wanted) {
                Integer index = indexes.get(w.link());
                for (LinkAddress a : dump) {
                    if (index != null && a.index() == index && w.matches(a)) {
                        found.put(w, a);
                        tentative |= a.tentative();
                    }
                }
            }
            if (!tentative || waited >= dadWait.toMillis()) {
                return found;
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
            waited += POLL.toMillis();
        }
    }

    private static Optional<String> problem(RouteNetlink route, Wanted w, LinkAddress a, Map<String, Integer> indexes,
            Duration dadWait) throws NetlinkException {
        String where = w.link() + ": address " + w.address();
        if (a.dadFailed()) {
            return Optional.of(where + ": IPv6 duplicate address detection failed (another host on the link has "
                    + IpAddresses.format(a.address()) + "); the kernel does not use it");
        }
        if (a.tentative()) {
            return Optional.of(where + ": still in IPv6 duplicate address detection after " + dadWait.toSeconds()
                    + " s; it is not usable (nor its route to a peer) until that ends");
        }
        if (w.address().peer().isEmpty()) {
            return Optional.empty();
        }
        InetAddress peer = w.address().peer().get();
        PeerRoute answer = PeerRoute.lookup(route, peer, w.address().address());
        if (answer instanceof PeerRoute.None none) {
            return Optional.of(where + ": no route to the peer " + IpAddresses.format(peer) + " ("
                    + none.afterNoRoute() + "); " + hint(w));
        }
        RouteLookup lookup = ((PeerRoute.Found) answer).lookup();
        if (lookup.outputIndex() != indexes.get(w.link()) || lookup.gateway() != null) {
            String device = indexes.entrySet().stream().filter(e -> e.getValue() == lookup.outputIndex())
                    .map(Map.Entry::getKey).findFirst().orElse("ifindex " + lookup.outputIndex());
            return Optional.of(where + ": the route to the peer " + IpAddresses.format(peer) + " leaves by " + device
                    + (lookup.gateway() == null ? "" : " via " + IpAddresses.format(lookup.gateway()))
                    + ", not by " + w.link() + "; " + hint(w));
        }
        return Optional.empty();
    }

    private static String hint(Wanted w) {
        return w.address().address() instanceof Inet6Address
                ? "an IPv6 peer address added while its link was down, without duplicate address detection, gets no "
                        + "peer route: `ip link set " + w.link() + " down` and apply again"
                : "look for a route to the peer elsewhere (`ip route get " + IpAddresses.format(w.address().peer().orElseThrow())
                        + "`)";
    }

    private record Wanted(String link, InterfaceAddress address) {
        boolean matches(LinkAddress a) {
            return a.address().equals(address.address()) && address.peer().equals(Optional.ofNullable(a.peer()))
                    && a.prefixLength() == address.prefixLength();
        }
    }
}
