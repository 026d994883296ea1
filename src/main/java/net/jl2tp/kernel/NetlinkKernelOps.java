package net.jl2tp.kernel;

import java.time.Duration;
import java.util.Optional;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.l2tp.L2tpEncap;
import net.jl2tp.netlink.l2tp.L2tpL2specType;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.plan.Change;

/** Carries out plan changes with netlink requests, one change at a time. */
public final class NetlinkKernelOps implements KernelOps {
    /** Interface unregistration takes tens of milliseconds each (vm-notes.md); a deleted object gets this long. */
    public static final Duration DEFAULT_GONE_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 5;
    /** Linux errno 110; Errno names it, but has no constant for it. */
    private static final int ETIMEDOUT = 110;

    private final Kernel kernel;
    private final Duration goneTimeout;

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
        try {
            dispatch(change);
        } catch (NetlinkException e) {
            throw e.withOperation(change.summary());
        }
    }

    private void dispatch(Change change) throws NetlinkException {
        if (change instanceof Change.CreateTunnel c) {
            kernel.l2tp().createTunnel(tunnel(c.tunnel()));
        } else if (change instanceof Change.DeleteTunnel c) {
            long id = c.tunnel().tunnelId();
            kernel.l2tp().deleteTunnel(id);
            // Tunnel deletion is queued in the kernel: its id is taken until the work has run.
            waitGone("tunnel " + id, () -> kernel.l2tp().tunnel(id).isEmpty());
        } else if (change instanceof Change.CreateSession c) {
            kernel.l2tp().createSession(session(c.session()));
        } else if (change instanceof Change.DeleteSession c) {
            Session s = c.session();
            kernel.l2tp().deleteSession(s.tunnelId(), s.sessionId());
            waitGone("session " + s.sessionId() + " in tunnel " + s.tunnelId(),
                    () -> kernel.l2tp().session(s.tunnelId(), s.sessionId()).isEmpty()
                            && (s.interfaceName() == null || kernel.route().link(s.interfaceName()).isEmpty()));
        } else if (change instanceof Change.ModifySession c) {
            Session s = c.to();
            kernel.l2tp().modifySessionSequencing(s.tunnelId(), s.sessionId(), s.sequencing().receive(),
                    s.sequencing().send(), false);
        } else if (change instanceof Change.CreateLink c) {
            if (c.link().vlan().isPresent()) {
                var vlan = c.link().vlan().get();
                kernel.route().createVlan(c.link().name(), index(vlan.link()), vlan.id());
            } else {
                kernel.route().createBridge(c.link().name(), 0);
            }
        } else if (change instanceof Change.DeleteLink c) {
            String name = c.link().name();
            kernel.route().deleteLink(index(name));
            waitGone("link " + name, () -> kernel.route().link(name).isEmpty());
        } else if (change instanceof Change.SetMtu c) {
            kernel.route().setMtu(index(c.link()), c.to());
        } else if (change instanceof Change.SetMaster c) {
            kernel.route().setMaster(index(c.link()), c.to().isPresent() ? index(c.to().get()) : 0);
        } else if (change instanceof Change.SetUp c) {
            kernel.route().setUp(index(c.link()), c.up());
        } else if (change instanceof Change.AddAddress c) {
            kernel.route().addAddress(address(index(c.link()), c.address()));
        } else if (change instanceof Change.DeleteAddress c) {
            kernel.route().deleteAddress(address(index(c.link()), c.address()));
        } else if (!(change instanceof Change.Adopt)) {
            throw new IllegalStateException("no kernel operation for " + change);
        }
    }

    private int index(String name) throws NetlinkException {
        Optional<Link> link = kernel.route().link(name);
        if (link.isEmpty()) {
            throw new NetlinkException("find link " + name, Errno.ENODEV);
        }
        return link.get().index();
    }

    private interface Check {
        boolean done() throws NetlinkException;
    }

    private void waitGone(String what, Check gone) throws NetlinkException {
        long deadline = System.nanoTime() + goneTimeout.toNanos();
        while (!gone.done()) {
            if (System.nanoTime() > deadline) {
                throw new NetlinkException("wait for " + what + " to go", ETIMEDOUT,
                        "still there " + goneTimeout.toMillis() + " ms after its delete", 0,
                        "the kernel deletes asynchronously; try again, and check dmesg if it stays");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetlinkException("wait for " + what + " to go", Errno.EINTR);
            }
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
