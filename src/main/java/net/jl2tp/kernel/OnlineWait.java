package net.jl2tp.kernel;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.plan.Desired;

/**
 * {@code --wait-online SECONDS}: at boot a tunnel may not be able to come up yet. Its local address
 * may be absent or IPv6-tentative (the kernel refuses the tunnel with EADDRNOTAVAIL), and once it is
 * there, the route toward the remote may still be missing (DHCP routes, a routing daemon: the kernel
 * refuses with ENETUNREACH, or the errno of a reject route, for UDP and IP encapsulation alike).
 * Each such tunnel waits, bounded, with one line each time what it waits for changes; at the
 * deadline the ones still waiting are returned, to be held while the rest is applied.
 */
public final class OnlineWait {
    private static final long POLL_MILLIS = 200;

    /**
     * Why a tunnel cannot come up yet.
     *
     * @param waitsFor for the progress line: {@code its local address 192.0.2.1 (absent)}, {@code a route to ...}
     * @param missing for the line at the deadline: {@code its local address ... (absent)}, {@code no route to ...}
     */
    public record NotReady(String waitsFor, String missing) {
    }

    /** The routing table's answers (the kernel's; a test's map). */
    interface Routes {
        PeerRoute toward(InetAddress remote, InetAddress local) throws NetlinkException;
    }

    private OnlineWait() {
    }

    /**
     * Why each tunnel still cannot come up, by tunnel id; empty when all can.
     *
     * @param toMake the tunnels this run creates: one the kernel already has as configured needs
     *     neither its address nor a route to stay, and does not wait
     */
    public static Map<Long, NotReady> waitFor(Desired desired, Set<Long> toMake, RouteNetlink route, Duration wait,
            Consumer<String> progress) throws NetlinkException {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<Long, String> said = new HashMap<>();
        while (true) {
            Map<List<InetAddress>, PeerRoute> asked = new HashMap<>(); // one lookup per (remote, local) a round
            Map<Long, NotReady> waiting = notReady(desired, toMake, route.addresses(), (remote, local) -> {
                List<InetAddress> key = List.of(remote, local);
                PeerRoute answer = asked.get(key);
                if (answer == null) {
                    answer = PeerRoute.lookup(route, remote, local);
                    asked.put(key, answer);
                }
                return answer;
            });
            waiting.forEach((id, why) -> {
                if (!why.waitsFor().equals(said.get(id))) {
                    progress.accept("waiting: tunnel '" + desired.labels().getOrDefault(id, Long.toString(id)) + "' ("
                            + id + ") waits for " + why.waitsFor());
                    said.put(id, why.waitsFor());
                }
            });
            if (waiting.isEmpty() || System.nanoTime() >= deadline) {
                return waiting;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return waiting;
            }
        }
    }

    /**
     * The decision, kernel aside: a tunnel whose local address is absent or not usable yet waits for
     * it (its route is not asked: IPv4 answers ENETUNREACH from an absent source); one whose address
     * is usable waits for a route toward its remote from that address.
     */
    static Map<Long, NotReady> notReady(Desired desired, Set<Long> toMake, List<LinkAddress> addresses, Routes routes)
            throws NetlinkException {
        Map<Long, NotReady> waiting = new LinkedHashMap<>();
        for (Tunnel tunnel : desired.state().tunnels().values()) {
            if (!toMake.contains(tunnel.tunnelId())) {
                continue;
            }
            String state = state(tunnel.local(), addresses);
            if (state != null) {
                String address = "its local address " + IpAddresses.format(tunnel.local()) + " (" + state + ")";
                waiting.put(tunnel.tunnelId(), new NotReady(address, address));
                continue;
            }
            if (routes.toward(tunnel.remote(), tunnel.local()) instanceof PeerRoute.None none) {
                String path = IpAddresses.format(tunnel.remote()) + " from " + IpAddresses.format(tunnel.local());
                waiting.put(tunnel.tunnelId(), new NotReady("a route to " + path + " (" + none.detail() + ")",
                        "no route to " + path + " (" + none.afterNoRoute() + ")"));
            }
        }
        return waiting;
    }

    private static String state(InetAddress local, List<LinkAddress> addresses) {
        for (LinkAddress a : addresses) {
            if (a.address().equals(local)) {
                if (a.dadFailed()) {
                    return "duplicate address detection failed: another host has it";
                }
                if (a.tentative()) {
                    return "tentative: IPv6 duplicate address detection is still running";
                }
                return null;
            }
        }
        return "absent";
    }
}
