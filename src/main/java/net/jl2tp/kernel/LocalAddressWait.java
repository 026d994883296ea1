package net.jl2tp.kernel;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.plan.Desired;

/**
 * {@code --wait-online SECONDS}: at boot a tunnel's local address may not be there yet (DHCP,
 * IPv6 duplicate address detection), and the kernel refuses the tunnel until it is. Each such
 * tunnel waits, bounded, with one line saying for what; at the deadline the ones still waiting
 * are returned, to be held while the rest is applied.
 */
public final class LocalAddressWait {
    private static final long POLL_MILLIS = 200;

    private LocalAddressWait() {
    }

    /** Why each tunnel still cannot come up, by tunnel id; empty when all can. */
    public static Map<Long, String> waitFor(Desired desired, RouteNetlink route, Duration wait, Consumer<String> progress)
            throws NetlinkException {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<Long, String> said = new LinkedHashMap<>();
        while (true) {
            Map<Long, String> waiting = notReady(desired, route.addresses());
            waiting.forEach((id, why) -> {
                if (!why.equals(said.get(id))) {
                    progress.accept("waiting: tunnel '" + desired.labels().getOrDefault(id, Long.toString(id)) + "' ("
                            + id + ") waits for its " + why);
                    said.put(id, why);
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

    /** The pure part: which tunnels' local addresses are absent or not yet usable. */
    static Map<Long, String> notReady(Desired desired, List<LinkAddress> addresses) {
        Map<Long, String> waiting = new LinkedHashMap<>();
        for (Tunnel tunnel : desired.state().tunnels().values()) {
            String state = state(tunnel.local(), addresses);
            if (state != null) {
                waiting.put(tunnel.tunnelId(), "local address " + IpAddresses.format(tunnel.local()) + " (" + state + ")");
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
