package net.jl2tp.apply;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.kernel.Batches;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * An in-memory kernel for executor tests: it holds a network state and carries out changes with
 * the kernel's rules that matter to ordering (an existing id is EEXIST, a missing one ENODEV, a
 * session needs its tunnel, deleting a tunnel closes its sessions and their interfaces, deleting a
 * link removes the vlans on it). It can be told to fail the Nth change it is asked to make.
 * The netlink requests themselves are tested against the real kernel, in the VM.
 */
final class FakeKernel implements KernelOps {
    static final int SESSION_DEFAULT_MTU = 1446;

    private final TreeMap<Long, Tunnel> tunnels;
    private final TreeMap<SessionKey, Session> sessions;
    private final TreeMap<String, Link> links;
    private final List<Change> applied = new ArrayList<>();
    private int failAt = -1;
    private int calls;
    private int batchSize = 1;

    FakeKernel(NetworkState initial) {
        tunnels = new TreeMap<>(initial.tunnels());
        sessions = new TreeMap<>();
        initial.sessions().forEach((k, s) -> sessions.put(k, unreported(s)));
        links = new TreeMap<>(initial.links());
    }

    /** The Nth call to apply (1-based) fails with EBUSY, as an unexpected kernel refusal would. */
    FakeKernel failingAt(int n) {
        failAt = n;
        return this;
    }

    /**
     * Takes up to {@code size} steps a call, by the production rule (kernel.Batches), and carries on
     * after a refused one, as the kernel does with the requests of one netlink datagram.
     */
    FakeKernel batching(int size) {
        batchSize = size;
        return this;
    }

    @Override
    public List<StepOutcome> applyBatch(List<Change> steps) {
        List<StepOutcome> outcomes = new ArrayList<>();
        for (Change c : Batches.take(steps, batchSize)) {
            try {
                apply(c);
                outcomes.add(StepOutcome.done(c));
            } catch (NetlinkException e) {
                outcomes.add(StepOutcome.failed(c, e));
            }
        }
        return outcomes;
    }

    List<Change> applied() {
        return applied;
    }

    @Override
    public NetworkState read() {
        return new NetworkState(tunnels, sessions, links, new TreeMap<>());
    }

    /** The state with kernel-made IPv6 link-local addresses left out: they come back with new values. */
    NetworkState comparable() {
        TreeMap<String, Link> stable = new TreeMap<>();
        links.forEach((name, l) -> stable.put(name, new Link(name, l.kind(), l.vlan(), l.mtu(), l.up(), l.master(),
                l.addresses().stream().filter(a -> !(a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()))
                        .toList())));
        return new NetworkState(tunnels, sessions, stable, new TreeMap<>());
    }

    @Override
    public void apply(Change change) throws NetlinkException {
        calls++;
        if (calls == failAt) {
            throw new NetlinkException(change.summary(), 16, "injected failure", calls, null); // EBUSY
        }
        if (change instanceof Change.CreateTunnel c) {
            refuseIf(tunnels.containsKey(c.tunnel().tunnelId()), Errno.EEXIST, change);
            tunnels.put(c.tunnel().tunnelId(), c.tunnel());
        } else if (change instanceof Change.DeleteTunnel c) {
            refuseIf(!tunnels.containsKey(c.tunnel().tunnelId()), Errno.ENODEV, change);
            tunnels.remove(c.tunnel().tunnelId());
            for (Session s : new ArrayList<>(sessions.values())) {
                if (s.tunnelId() == c.tunnel().tunnelId()) {
                    removeSession(s);
                }
            }
        } else if (change instanceof Change.CreateSession c) {
            Session s = c.session();
            refuseIf(!tunnels.containsKey(s.tunnelId()), Errno.ENODEV, change);
            refuseIf(sessions.containsKey(s.key()) || links.containsKey(s.interfaceName()), Errno.EEXIST, change);
            sessions.put(s.key(), unreported(s));
            links.put(s.interfaceName(), new Link(s.interfaceName(), LinkKind.SESSION, Optional.empty(),
                    OptionalInt.of(SESSION_DEFAULT_MTU), false, Optional.empty(), List.of()));
        } else if (change instanceof Change.DeleteSession c) {
            Session s = sessions.get(c.session().key());
            refuseIf(s == null, Errno.ENODEV, change);
            removeSession(s);
        } else if (change instanceof Change.ModifySession c) {
            refuseIf(!sessions.containsKey(c.to().key()), Errno.ENODEV, change);
            sessions.put(c.to().key(), unreported(c.to()));
        } else if (change instanceof Change.CreateLink c) {
            refuseIf(links.containsKey(c.link().name()), Errno.EEXIST, change);
            refuseIf(c.link().vlan().isPresent() && !links.containsKey(c.link().vlan().get().link()), Errno.ENODEV, change);
            links.put(c.link().name(), new Link(c.link().name(), c.link().kind(), c.link().vlan(), OptionalInt.of(1500),
                    false, Optional.empty(), List.of()));
        } else if (change instanceof Change.DeleteLink c) {
            refuseIf(!links.containsKey(c.link().name()), Errno.ENODEV, change);
            removeLink(c.link().name());
        } else if (change instanceof Change.SetMtu c) {
            update(c.link(), change, l -> new Link(l.name(), l.kind(), l.vlan(), OptionalInt.of(c.to()), l.up(), l.master(),
                    l.addresses()));
        } else if (change instanceof Change.SetMaster c) {
            refuseIf(c.to().isPresent() && !links.containsKey(c.to().get()), Errno.ENODEV, change);
            update(c.link(), change, l -> new Link(l.name(), l.kind(), l.vlan(), l.mtu(), l.up(), c.to(), l.addresses()));
        } else if (change instanceof Change.SetUp c) {
            update(c.link(), change, l -> new Link(l.name(), l.kind(), l.vlan(), l.mtu(), c.up(), l.master(),
                    l.addresses()));
        } else if (change instanceof Change.AddAddress c) {
            Link l = links.get(c.link());
            refuseIf(l == null, Errno.ENODEV, change);
            refuseIf(l.addresses().contains(c.address()), Errno.EEXIST, change);
            List<InterfaceAddress> more = new ArrayList<>(l.addresses());
            more.add(c.address());
            links.put(l.name(), new Link(l.name(), l.kind(), l.vlan(), l.mtu(), l.up(), l.master(), more));
        } else if (change instanceof Change.DeleteAddress c) {
            Link l = links.get(c.link());
            refuseIf(l == null || !l.addresses().contains(c.address()), Errno.EADDRNOTAVAIL, change);
            List<InterfaceAddress> fewer = new ArrayList<>(l.addresses());
            fewer.remove(c.address());
            links.put(l.name(), new Link(l.name(), l.kind(), l.vlan(), l.mtu(), l.up(), l.master(), fewer));
        }
        applied.add(change);
    }

    /** The kernel does not report a session's l2spec type. */
    private static Session unreported(Session s) {
        return new Session(s.tunnelId(), s.sessionId(), s.peerSessionId(), s.interfaceName(), s.cookie(), s.peerCookie(),
                Optional.empty(), s.sequencing());
    }

    private void removeSession(Session s) {
        sessions.remove(s.key());
        removeLink(s.interfaceName());
    }

    private void removeLink(String name) {
        links.remove(name);
        for (Link l : new ArrayList<>(links.values())) {
            if (l.vlan().isPresent() && l.vlan().get().link().equals(name)) {
                removeLink(l.name());
            } else if (l.master().equals(Optional.of(name))) {
                links.put(l.name(), new Link(l.name(), l.kind(), l.vlan(), l.mtu(), l.up(), Optional.empty(),
                        l.addresses()));
            }
        }
    }

    private interface Edit {
        Link apply(Link l);
    }

    private void update(String name, Change change, Edit edit) throws NetlinkException {
        Link l = links.get(name);
        refuseIf(l == null, Errno.ENODEV, change);
        links.put(name, edit.apply(l));
    }

    private static void refuseIf(boolean refuse, int errno, Change change) throws NetlinkException {
        if (refuse) {
            throw new NetlinkException(change.summary(), errno);
        }
    }
}
