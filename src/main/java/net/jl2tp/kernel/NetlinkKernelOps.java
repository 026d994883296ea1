package net.jl2tp.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkBatchInterrupted;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.l2tp.L2tpEncap;
import net.jl2tp.netlink.l2tp.L2tpL2specType;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.plan.Change;

/**
 * Carries out plan changes with netlink requests, many to a datagram. A batch is a run of steps
 * for one socket (L2TP steps go over generic netlink, link steps over rtnetlink) in which no step
 * names an object that an earlier step of the batch makes or deletes, so the kernel's answer to
 * each does not depend on when the one before it was answered. Interface indexes are looked up by
 * name in batches too, and kept until jl2tp makes or deletes a link of that name (ifindexes are
 * never reused soon, so one changed behind jl2tp's back fails with ENODEV, never hits another link).
 */
public final class NetlinkKernelOps implements KernelOps {
    /** Interface unregistration takes tens of milliseconds each (vm-notes.md); a deleted object gets this long. */
    public static final Duration DEFAULT_GONE_TIMEOUT = Duration.ofSeconds(10);
    /** Steps handed to the kernel at once; the socket splits them into datagrams of 64. */
    static final int MAX_BATCH = 256;
    private static final long POLL_MILLIS = 5;
    /** Linux errno 110; Errno names it, but has no constant for it. */
    private static final int ETIMEDOUT = 110;

    private final Kernel kernel;
    private final Duration goneTimeout;
    private final Map<String, Integer> indexes = new HashMap<>();

    public NetlinkKernelOps(Kernel kernel, Duration goneTimeout) {
        this.kernel = kernel;
        this.goneTimeout = goneTimeout;
    }

    @Override
    public NetworkState read() throws NetlinkException {
        return kernel.read().state();
    }

    @Override
    public void apply(Change change) throws NetlinkException {
        StepOutcome outcome = applyBatch(List.of(change)).get(0);
        if (outcome.error().isPresent()) {
            throw outcome.error().get();
        }
    }

    @Override
    public List<StepOutcome> applyBatch(List<Change> steps) {
        List<Change> batch = Batches.take(steps, MAX_BATCH);
        try {
            return run(batch);
        } catch (NetlinkException e) {
            // The index lookups failed: nothing of this batch was sent.
            return List.of(StepOutcome.failed(batch.get(0), e.withOperation(batch.get(0).summary())
                    .withHint("the netlink socket failed before the step was sent")));
        }
    }

    private List<StepOutcome> run(List<Change> batch) throws NetlinkException {
        boolean l2tp = Batches.isL2tp(batch.get(0));
        List<StepOutcome> outcomes = new ArrayList<>(batch.size());
        Optional<StepOutcome> unresolved = Optional.empty();
        if (!l2tp) {
            unresolved = resolveIndexes(batch);
            if (unresolved.isPresent()) {
                batch = batch.subList(0, batch.indexOf(unresolved.get().change()));
            }
        }
        if (!batch.isEmpty()) {
            List<NetlinkRequest> requests = new ArrayList<>(batch.size());
            for (Change c : batch) {
                requests.add(request(c));
            }
            List<NetlinkReply> replies;
            try {
                replies = l2tp ? kernel.l2tp().executeAll(requests) : kernel.route().executeAll(requests);
            } catch (NetlinkBatchInterrupted e) {
                forgetIndexes(batch); // what the sent steps made or deleted is not known
                return interrupted(batch, e);
            }
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(outcome(batch.get(i), replies.get(i)));
            }
            forgetIndexes(batch);
            waitUntilDeletesAreGone(outcomes);
        }
        unresolved.ifPresent(outcomes::add);
        return outcomes;
    }

    private static StepOutcome outcome(Change c, NetlinkReply reply) {
        Optional<NetlinkException> error = reply.error();
        return error.isEmpty() ? StepOutcome.done(c)
                : StepOutcome.failed(c, error.get().withHint(hint(c, error.get().errno())).withOperation(c.summary()));
    }

    /**
     * A socket error in the middle of the batch: the answered steps are known; a step sent and not
     * answered was carried out or refused, nobody knows which (the executor reads the kernel back);
     * the first step not sent ends the outcomes as refused, and the ones after it are left out.
     */
    private static List<StepOutcome> interrupted(List<Change> batch, NetlinkBatchInterrupted e) {
        NetlinkException lost = e.socketError();
        List<StepOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < e.sent(); i++) {
            Change c = batch.get(i);
            outcomes.add(e.answers().get(i).map(reply -> outcome(c, reply)).orElseGet(() -> StepOutcome.unknown(c, lost)));
        }
        if (e.sent() < batch.size()) {
            Change first = batch.get(e.sent());
            outcomes.add(StepOutcome.failed(first, lost.withOperation(first.summary())
                    .withHint("the netlink socket failed before the step was sent")));
        }
        return outcomes;
    }

    /**
     * Looks up, in one batch, the ifindexes the steps need and jl2tp does not know yet. Returns the
     * first step whose link is missing, as refused with ENODEV: the batch stops before it.
     */
    private Optional<StepOutcome> resolveIndexes(List<Change> batch) throws NetlinkException {
        Set<String> unknown = new LinkedHashSet<>();
        for (Change c : batch) {
            for (String name : Batches.linkNames(c)) {
                if (!indexes.containsKey(name)) {
                    unknown.add(name);
                }
            }
        }
        Map<String, NetlinkException> missing = new HashMap<>();
        if (!unknown.isEmpty()) {
            List<String> names = List.copyOf(unknown);
            List<NetlinkRequest> lookups = new ArrayList<>(names.size());
            names.forEach(name -> lookups.add(LinkCodec.get(name)));
            List<NetlinkReply> replies = kernel.route().executeAll(lookups);
            for (int i = 0; i < names.size(); i++) { // one reply per request, in order
                String name = names.get(i);
                NetlinkReply reply = replies.get(i);
                try {
                    Optional<Link> link = RouteNetlink.linkOrEmpty(reply);
                    if (link.isPresent()) {
                        indexes.put(name, link.get().index());
                    } else {
                        missing.put(name, new NetlinkException("find link " + name, Errno.ENODEV));
                    }
                } catch (NetlinkException e) {
                    missing.put(name, e);
                }
            }
        }
        for (Change c : batch) {
            for (String name : Batches.linkNames(c)) {
                if (missing.containsKey(name)) {
                    return Optional.of(StepOutcome.failed(c, missing.get(name).withOperation(c.summary())));
                }
            }
        }
        return Optional.empty();
    }

    private void forgetIndexes(List<Change> batch) {
        for (Change c : batch) {
            if (c instanceof Change.DeleteTunnel) {
                indexes.clear(); // the kernel closes the tunnel's sessions, and their interfaces go
            }
            Batches.madeOrDeletedLinks(c).forEach(indexes::remove);
        }
    }

    private NetlinkRequest request(Change change) {
        if (change instanceof Change.CreateTunnel c) {
            return kernel.l2tp().tunnelCodec().create(tunnel(c.tunnel()));
        } else if (change instanceof Change.DeleteTunnel c) {
            return kernel.l2tp().tunnelCodec().delete(c.tunnel().tunnelId());
        } else if (change instanceof Change.CreateSession c) {
            return kernel.l2tp().sessionCodec().create(session(c.session()));
        } else if (change instanceof Change.DeleteSession c) {
            return kernel.l2tp().sessionCodec().delete(c.session().tunnelId(), c.session().sessionId());
        } else if (change instanceof Change.ModifySession c) {
            Session s = c.to();
            return kernel.l2tp().sessionCodec().modifySequencing(s.tunnelId(), s.sessionId(), s.sequencing().receive(),
                    s.sequencing().send(), false);
        } else if (change instanceof Change.CreateLink c) {
            return c.link().vlan().isPresent()
                    ? LinkCodec.createVlan(c.link().name(), indexes.get(c.link().vlan().get().link()), c.link().vlan().get().id())
                    : LinkCodec.createBridge(c.link().name(), 0);
        } else if (change instanceof Change.DeleteLink c) {
            return LinkCodec.delete(indexes.get(c.link().name()));
        } else if (change instanceof Change.SetMtu c) {
            return LinkCodec.setMtu(indexes.get(c.link()), c.to());
        } else if (change instanceof Change.SetMaster c) {
            return LinkCodec.setMaster(indexes.get(c.link()), c.to().isPresent() ? indexes.get(c.to().get()) : 0);
        } else if (change instanceof Change.SetUp c) {
            return LinkCodec.setUp(indexes.get(c.link()), c.up());
        } else if (change instanceof Change.AddAddress c) {
            return AddressCodec.add(address(indexes.get(c.link()), c.address()));
        } else if (change instanceof Change.DeleteAddress c) {
            return AddressCodec.delete(address(indexes.get(c.link()), c.address()));
        }
        throw new IllegalStateException("no kernel operation for " + change);
    }

    /** What a refusal means for this step; the l2tp family sends no extack text of its own. */
    private static String hint(Change change, int errno) {
        if (change instanceof Change.CreateTunnel c) {
            return L2tpNetlink.createTunnelHint(errno, tunnel(c.tunnel()));
        } else if (change instanceof Change.CreateSession c) {
            return L2tpNetlink.createSessionHint(errno, session(c.session()));
        }
        return null;
    }

    /** A delete the kernel acknowledged, and the lookups that answer ENODEV once it is really gone. */
    private record PendingDelete(int position, List<NetlinkRequest> l2tpProbes, List<NetlinkRequest> linkProbes) {
    }

    /**
     * Tunnel deletion is queued in the kernel (its id stays taken until the work has run) and an
     * interface goes after its session: the done deletes of a batch are polled together until every
     * lookup answers ENODEV; one still there at the deadline becomes a refused step.
     */
    private void waitUntilDeletesAreGone(List<StepOutcome> outcomes) throws NetlinkException {
        List<PendingDelete> pending = pendingDeletes(outcomes);
        try {
            pollUntilGone(outcomes, pending);
        } catch (NetlinkException e) {
            // Acknowledged, but whether each is gone yet is not known: the executor reads them back.
            for (PendingDelete p : pending) {
                outcomes.set(p.position(), StepOutcome.unknown(outcomes.get(p.position()).change(), e));
            }
        }
    }

    private List<PendingDelete> pendingDeletes(List<StepOutcome> outcomes) {
        List<PendingDelete> pending = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            StepOutcome o = outcomes.get(i);
            if (!o.succeeded()) {
                continue;
            }
            if (o.change() instanceof Change.DeleteTunnel c) {
                pending.add(new PendingDelete(i, List.of(kernel.l2tp().tunnelCodec().get(c.tunnel().tunnelId())), List.of()));
            } else if (o.change() instanceof Change.DeleteSession c) {
                Session s = c.session();
                pending.add(new PendingDelete(i, List.of(kernel.l2tp().sessionCodec().get(s.tunnelId(), s.sessionId())),
                        s.interfaceName() == null ? List.of() : List.of(LinkCodec.get(s.interfaceName()))));
            } else if (o.change() instanceof Change.DeleteLink c) {
                pending.add(new PendingDelete(i, List.of(), List.of(LinkCodec.get(c.link().name()))));
            }
        }
        return pending;
    }

    /** Polls; {@code pending} keeps the deletes not yet settled, for the caller to mark if a probe fails. */
    private void pollUntilGone(List<StepOutcome> outcomes, List<PendingDelete> pending) throws NetlinkException {
        long deadline = System.nanoTime() + goneTimeout.toNanos();
        while (!pending.isEmpty()) {
            List<PendingDelete> still = new ArrayList<>();
            List<NetlinkRequest> l2tpProbes = new ArrayList<>();
            List<NetlinkRequest> linkProbes = new ArrayList<>();
            pending.forEach(p -> {
                l2tpProbes.addAll(p.l2tpProbes());
                linkProbes.addAll(p.linkProbes());
            });
            Set<NetlinkRequest> present = new HashSet<>();
            Map<NetlinkRequest, NetlinkException> failed = new HashMap<>();
            List<NetlinkReply> replies = new ArrayList<>();
            if (!l2tpProbes.isEmpty()) {
                replies.addAll(kernel.l2tp().executeAll(l2tpProbes));
            }
            if (!linkProbes.isEmpty()) {
                replies.addAll(kernel.route().executeAll(linkProbes));
            }
            for (NetlinkReply r : replies) {
                if (r.succeeded()) {
                    present.add(r.request());
                } else if (r.error().get().errno() != Errno.ENODEV) {
                    failed.put(r.request(), r.error().get());
                }
            }
            boolean late = System.nanoTime() > deadline;
            for (PendingDelete p : pending) {
                Change c = outcomes.get(p.position()).change();
                Optional<NetlinkException> error = probesOf(p).stream().map(failed::get).filter(e -> e != null).findFirst();
                if (error.isPresent()) {
                    outcomes.set(p.position(), StepOutcome.failed(c, error.get().withOperation("wait for " + c.summary())));
                } else if (probesOf(p).stream().anyMatch(present::contains)) {
                    if (late) {
                        outcomes.set(p.position(), StepOutcome.failed(c, new NetlinkException("wait for " + c.summary(),
                                ETIMEDOUT, "still there " + goneTimeout.toMillis() + " ms after its delete", 0,
                                "the kernel deletes asynchronously; try again, and check dmesg if it stays")));
                    } else {
                        still.add(p);
                    }
                }
            }
            pending.retainAll(still);
            if (!pending.isEmpty()) {
                sleep();
            }
        }
    }

    private static List<NetlinkRequest> probesOf(PendingDelete p) {
        List<NetlinkRequest> all = new ArrayList<>(p.l2tpProbes());
        all.addAll(p.linkProbes());
        return all;
    }

    private static void sleep() throws NetlinkException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("wait for deleted objects to go", Errno.EINTR);
        }
    }

    static L2tpTunnel tunnel(Tunnel t) {
        return new L2tpTunnel(t.tunnelId(), t.peerTunnelId(), t.encap() == Encap.IP ? L2tpEncap.IP : L2tpEncap.UDP,
                t.local(), t.remote(), t.udpSourcePort(), t.udpDestinationPort(), t.udpChecksum(), t.udp6ChecksumTx(),
                t.udp6ChecksumRx());
    }

    static L2tpSession session(Session s) {
        L2tpL2specType l2spec = s.l2specType().orElse(L2specType.DEFAULT) == L2specType.NONE
                ? L2tpL2specType.NONE : L2tpL2specType.DEFAULT;
        return new L2tpSession(s.tunnelId(), 0, s.sessionId(), s.peerSessionId(), s.interfaceName(),
                s.cookie().map(c -> c.hex()).orElse(""), s.peerCookie().map(c -> c.hex()).orElse(""), l2spec,
                s.sequencing().receive(), s.sequencing().send(), false);
    }

    static LinkAddress address(int index, InterfaceAddress a) {
        return new LinkAddress(index, a.address(), a.prefixLength(), a.peer().orElse(null), 0, 0, "");
    }
}
