package net.jl2tp.apply;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;

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
    private final java.util.Set<Integer> failAt = new java.util.HashSet<>();
    private int throwAt = -1;
    private int loseAnswersAt = -1;
    private boolean unreadable;
    private int calls;
    private final List<Change> asked = new ArrayList<>();
    private int batchSize = 1;

    FakeKernel(NetworkState initial) {
        tunnels = new TreeMap<>(initial.tunnels());
        sessions = new TreeMap<>();
        initial.sessions().forEach((k, s) -> sessions.put(k, unreported(s)));
        links = new TreeMap<>(initial.links());
    }

    /** The Nth calls to apply (1-based) fail with EBUSY, as an unexpected kernel refusal would. */
    FakeKernel failingAt(int... n) {
        for (int call : n) {
            failAt.add(call);
        }
        return this;
    }

    /**
     * The Nth call to apply throws an IllegalArgumentException before changing anything, as a codec
     * bug would; it escapes applyBatch, after the earlier steps of its batch were done.
     */
    FakeKernel throwingAt(int n) {
        throwAt = n;
        return this;
    }

    /**
     * The batch holding the Nth call is all carried out (the kernel takes every request of a
     * datagram), but the answers from the Nth on are lost to ENOBUFS: their outcomes are unknown.
     */
    FakeKernel losingAnswersAt(int n) {
        loseAnswersAt = n;
        return this;
    }

    /** Reading the state back fails, as with a socket that broke for good. */
    FakeKernel unreadable() {
        unreadable = true;
        return this;
    }

    /** How many calls to apply were made so far (undo steps included). */
    int calls() {
        return calls;
    }

    /** Every change asked for, done or not, in order (undo steps included). */
    List<Change> asked() {
        return asked;
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
            boolean lost = loseAnswersAt > 0 && calls + 1 >= loseAnswersAt;
            try {
                apply(c);
                outcomes.add(lost ? StepOutcome.unknown(c, LOST) : StepOutcome.done(c));
            } catch (NetlinkException e) {
                outcomes.add(lost ? StepOutcome.unknown(c, LOST) : StepOutcome.failed(c, e));
            }
        }
        if (outcomes.stream().anyMatch(StepOutcome::unknown)) {
            loseAnswersAt = -1; // one batch loses its answers; the socket works again after ENOBUFS
        }
        return outcomes;
    }

    static final NetlinkException LOST = new NetlinkException("receive from netlink (this network namespace)",
            Errno.ENOBUFS, "the socket's receive buffer overflowed; messages were lost", 0, null);

    List<Change> applied() {
        return applied;
    }

    @Override
    public NetworkState read() throws NetlinkException {
        if (unreadable) {
            throw new NetlinkException("list L2TP tunnels", Errno.EBADF, "the socket is closed", 0, null);
        }
        return state();
    }

    /** The state, for the test's own eyes (never refused). */
    NetworkState state() {
        return new NetworkState(tunnels, sessions, links, new TreeMap<>());
    }

    /** The state with kernel-made IPv6 link-local addresses left out: they come back with new values. */
    NetworkState comparable() {
        TreeMap<String, Link> stable = new TreeMap<>();
        links.forEach((name, l) -> stable.put(name, LinkBuilder.from(l).name(name).addresses(
                l.addresses().stream().filter(a -> !(a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()))
                        .toList()).build()));
        return new NetworkState(tunnels, sessions, stable, new TreeMap<>());
    }

    @Override
    public void apply(Change change) throws NetlinkException {
        calls++;
        asked.add(change);
        if (failAt.contains(calls)) {
            throw new NetlinkException(change.summary(), 16, "injected failure", calls, null); // EBUSY
        }
        if (calls == throwAt) {
            throw new IllegalArgumentException("injected codec failure in " + change.summary());
        }
        try {
            change.accept(new Change.Visitor<Void>() {
                public Void createTunnel(Change.CreateTunnel c) {
                    refuseIf(tunnels.containsKey(c.tunnel().tunnelId()), Errno.EEXIST, change);
                    tunnels.put(c.tunnel().tunnelId(), c.tunnel());
                    return null;
                }

                public Void deleteTunnel(Change.DeleteTunnel c) {
                    refuseIf(!tunnels.containsKey(c.tunnel().tunnelId()), Errno.ENODEV, change);
                    tunnels.remove(c.tunnel().tunnelId());
                    for (Session s : new ArrayList<>(sessions.values())) {
                        if (s.tunnelId() == c.tunnel().tunnelId()) {
                            removeSession(s);
                        }
                    }
                    return null;
                }

                public Void createSession(Change.CreateSession c) {
                    Session s = c.session();
                    refuseIf(!tunnels.containsKey(s.tunnelId()), Errno.ENODEV, change);
                    refuseIf(sessions.containsKey(s.key()) || links.containsKey(s.interfaceName()), Errno.EEXIST, change);
                    sessions.put(s.key(), unreported(s));
                    links.put(s.interfaceName(), LinkBuilder.link(s.interfaceName(), LinkKind.SESSION)
                            .mtu(SESSION_DEFAULT_MTU).up(false).build());
                    return null;
                }

                public Void deleteSession(Change.DeleteSession c) {
                    Session s = sessions.get(c.session().key());
                    refuseIf(s == null, Errno.ENODEV, change);
                    removeSession(s);
                    return null;
                }

                public Void modifySession(Change.ModifySession c) {
                    refuseIf(!sessions.containsKey(c.to().key()), Errno.ENODEV, change);
                    sessions.put(c.to().key(), unreported(c.to()));
                    return null;
                }

                public Void createLink(Change.CreateLink c) {
                    refuseIf(links.containsKey(c.link().name()), Errno.EEXIST, change);
                    refuseIf(c.link().vlan().isPresent() && !links.containsKey(c.link().vlan().get().link()), Errno.ENODEV, change);
                    links.put(c.link().name(), LinkBuilder.link(c.link().name(), c.link().kind()).vlan(c.link().vlan())
                            .mtu(1500).up(false).build());
                    return null;
                }

                public Void deleteLink(Change.DeleteLink c) {
                    refuseIf(!links.containsKey(c.link().name()), Errno.ENODEV, change);
                    removeLink(c.link().name());
                    return null;
                }

                public Void setMtu(Change.SetMtu c) {
                    update(c.link(), change, l -> LinkBuilder.from(l).mtu(c.to()).build());
                    return null;
                }

                public Void setMaster(Change.SetMaster c) {
                    refuseIf(c.to().isPresent() && !links.containsKey(c.to().get()), Errno.ENODEV, change);
                    update(c.link(), change, l -> LinkBuilder.from(l).master(c.to()).build());
                    return null;
                }

                public Void setUp(Change.SetUp c) {
                    update(c.link(), change, l -> LinkBuilder.from(l).up(c.up()).build());
                    return null;
                }

                public Void addAddress(Change.AddAddress c) {
                    Link l = links.get(c.link());
                    refuseIf(l == null, Errno.ENODEV, change);
                    refuseIf(l.addresses().contains(c.address()), Errno.EEXIST, change);
                    List<InterfaceAddress> more = new ArrayList<>(l.addresses());
                    more.add(c.address());
                    links.put(l.name(), LinkBuilder.from(l).addresses(more).build());
                    return null;
                }

                public Void deleteAddress(Change.DeleteAddress c) {
                    Link l = links.get(c.link());
                    refuseIf(l == null || !l.addresses().contains(c.address()), Errno.EADDRNOTAVAIL, change);
                    List<InterfaceAddress> fewer = new ArrayList<>(l.addresses());
                    fewer.remove(c.address());
                    links.put(l.name(), LinkBuilder.from(l).addresses(fewer).build());
                    return null;
                }

                public Void adopt(Change.Adopt c) {
                    // only the state record changes
                    return null;
                }
            });
        } catch (Refused r) {
            throw new NetlinkException(change.summary(), r.errno);
        }
        applied.add(change);
    }

    /** The kernel does not report a session's l2spec type. */
    private static Session unreported(Session s) {
        return SessionBuilder.from(s).l2specTypeUnknown().build();
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
                links.put(l.name(), LinkBuilder.from(l).master(Optional.empty()).build());
            }
        }
    }

    private interface Edit {
        Link apply(Link l);
    }

    private void update(String name, Change change, Edit edit) {
        Link l = links.get(name);
        refuseIf(l == null, Errno.ENODEV, change);
        links.put(name, edit.apply(l));
    }

    private static void refuseIf(boolean refuse, int errno, Change change) {
        if (refuse) {
            throw new Refused(errno);
        }
    }

    /** A refusal out of the visitor, which cannot throw NetlinkException; apply turns it into one. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        Refused(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }
}
