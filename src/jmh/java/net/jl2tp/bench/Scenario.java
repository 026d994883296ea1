package net.jl2tp.bench;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.PathFacts;
import net.jl2tp.plan.Underlay;
import net.jl2tp.validate.ConfigValidator;

/**
 * The inputs of one planner run at a given size, built the way the CLI builds them: the generated
 * file of {@link ScaleConfig} loaded and validated, the desired state built and its {@code mtu: auto}
 * resolved (every route leaves by veth0, MTU 1500), and a live state as the kernel reports it
 * (sessions without l2spec-type, the underlay link with its kernel-made link-local address).
 */
public final class Scenario {
    public enum Case {
        /** The kernel already has everything, jl2tp made it: an empty plan. */
        NOOP,
        /** As NOOP, but one session in the middle has another peer-session-id in the kernel: recreated. */
        ONE_CHANGED,
        /** An empty kernel and an empty record: create everything. */
        FROM_EMPTY
    }

    public final int sessions;
    public final Path file;
    public final L2tpConfig config;
    public final PathFacts facts;
    public final Desired desired;
    public final NetworkState live;
    public final Ownership record;

    public Scenario(int sessions, Case kind) throws ConfigException {
        this.sessions = sessions;
        this.file = ScaleConfig.write(sessions);
        this.config = ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        Desired configured = DesiredBuilder.build(config);
        this.facts = facts(configured);
        this.desired = MtuResolver.resolve(configured, facts);
        NetworkState want = desired.state();
        if (kind == Case.FROM_EMPTY) {
            this.live = underlayOnly();
            this.record = Ownership.empty();
        } else {
            this.live = asKernelReports(want, kind == Case.ONE_CHANGED);
            this.record = new Ownership(want);
        }
    }

    public static PathFacts facts(Desired configured) {
        Map<Long, Underlay> underlays = new HashMap<>();
        configured.state().tunnels().keySet().forEach(id -> underlays.put(id, new Underlay.Path(1500, "veth0", false)));
        return new PathFacts(underlays, Set.of());
    }

    private static Link veth0() {
        try {
            return new Link("veth0", LinkKind.OTHER, Optional.empty(), OptionalInt.of(1500), true, Optional.empty(),
                    List.of(InterfaceAddress.of(InetAddress.getByName("192.0.2.1"), 24),
                            InterfaceAddress.of(InetAddress.getByName("fe80::1"), 64)));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NetworkState underlayOnly() {
        return NetworkState.of(Map.of(), Map.of(), Map.of("veth0", veth0()), Map.of());
    }

    private static NetworkState asKernelReports(NetworkState want, boolean changeOne) {
        TreeMap<SessionKey, Session> sessions = new TreeMap<>();
        for (Session s : want.sessions().values()) {
            sessions.put(s.key(), new Session(s.tunnelId(), s.sessionId(), s.peerSessionId(), s.interfaceName(),
                    s.cookie(), s.peerCookie(), Optional.empty(), s.sequencing()));
        }
        if (changeOne) {
            SessionKey middle = sessions.keySet().stream().skip(sessions.size() / 2).findFirst().orElseThrow();
            Session s = sessions.get(middle);
            sessions.put(middle, new Session(s.tunnelId(), s.sessionId(), s.peerSessionId() + 1000, s.interfaceName(),
                    s.cookie(), s.peerCookie(), s.l2specType(), s.sequencing()));
        }
        TreeMap<String, Link> links = new TreeMap<>(want.links());
        links.put("veth0", veth0());
        return new NetworkState(want.tunnels(), sessions, links, new TreeMap<>());
    }

    /** Objects in the desired state: tunnels, sessions, links and addresses. */
    public int objects() {
        NetworkState want = desired.state();
        return want.tunnels().size() + want.sessions().size() + want.links().size()
                + want.links().values().stream().mapToInt(l -> l.addresses().size()).sum();
    }
}
