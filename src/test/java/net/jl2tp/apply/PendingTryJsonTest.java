package net.jl2tp.apply;

import static net.jl2tp.testing.LinkBuilder.link;
import static net.jl2tp.testing.SessionBuilder.session;
import static net.jl2tp.testing.TunnelBuilder.tunnel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.TryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The try file's format: what {@link PendingTryJson#write} writes is read back whole, and nothing else is read. */
class PendingTryJsonTest {
    private static final String ID = "0123456789abcdef";
    private static final String SHA = "ab".repeat(32);

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What the kernel held before the try: a UDP and an IP tunnel, cookies, sequencing, a bridge with a vlan and an address. */
    private static NetworkState live() {
        Tunnel udp = tunnel().tunnelId(3000).build();
        Tunnel ipEncap = tunnel().tunnelId(3001).peerTunnelId(4001).encap(Encap.IP).local("2001:db8::1")
                .remote("2001:db8::2").build();
        Session withCookies = session().tunnelId(3000).sessionId(1000).interfaceName("l2tpeth0")
                .cookie("0123456789abcdef").peerCookie("fedcba98").sequencing(Sequencing.BOTH).build();
        Session plain = session().tunnelId(3001).sessionId(1001).peerSessionId(2001).interfaceName("l2tpeth1").build();
        return NetworkState.of(Map.of(3000L, udp, 3001L, ipEncap),
                Map.of(new SessionKey(3000, 1000), withCookies, new SessionKey(3001, 1001), plain),
                Map.of("l2tpeth0", link("l2tpeth0", LinkKind.SESSION).mtu(1446).master("br0").build(),
                        "l2tpeth1", link("l2tpeth1", LinkKind.SESSION).up(false).build(),
                        "br0", link("br0", LinkKind.BRIDGE).mtu(1446)
                                .addresses(List.of(InterfaceAddress.of(ip("192.0.2.10"), 24),
                                        InterfaceAddress.withPeer(ip("198.51.100.1"), ip("198.51.100.2"), 32)))
                                .build(),
                        "br0.10", link("br0.10", LinkKind.VLAN).vlanOf("br0", 10).build(),
                        "eth0", link("eth0", LinkKind.OTHER).master("br0").build()),
                Map.of());
    }

    private static PendingTry full(PendingTry.Phase phase) {
        NetworkState live = live();
        TryScope scope = new TryScope(new TreeSet<>(Set.of(3000L, 3001L)),
                new TreeSet<>(Set.of(new SessionKey(3000, 1000), new SessionKey(3001, 1001))),
                new TreeSet<>(Set.of("l2tpeth0", "br0", "br0.10", "eth0")));
        Ownership recordBefore = new Ownership(NetworkState.of(Map.of(3000L, live.tunnels().get(3000L)),
                Map.of(new SessionKey(3000, 1000), live.sessions().get(new SessionKey(3000, 1000))),
                Map.of("br0", live.links().get("br0")), Map.of("eth0", "br0")));
        boolean ended = phase == PendingTry.Phase.ROLLED_BACK || phase == PendingTry.Phase.ROLLBACK_INCOMPLETE;
        return new PendingTry(ID, Optional.of("site-b"), phase, Instant.ofEpochMilli(1_796_000_000_123L),
                Instant.ofEpochMilli(1_796_000_120_456L), Duration.ofSeconds(120),
                List.of(Path.of("/root/new.yaml"), Path.of("/srv/jl2tp.d")),
                List.of(new PendingTry.Candidate(Path.of("/root/site-a.yaml"), SHA, Path.of("/etc/jl2tp/site-a.yaml")),
                        new PendingTry.Candidate(Path.of("/root/b.yaml"), "cd".repeat(32), Path.of("/etc/jl2tp/b.yaml"))),
                true, new Before(scope, live), recordBefore, "systemd unit jl2tp-try-" + ID + ".service",
                ended ? Optional.of(Instant.ofEpochMilli(1_796_000_121_000L)) : Optional.empty(),
                phase == PendingTry.Phase.ROLLBACK_INCOMPLETE
                        ? List.of("link br0: link add br0 was refused: EEXIST (File exists)") : List.of());
    }

    @ParameterizedTest
    @EnumSource(PendingTry.Phase.class)
    void aFullTryInEachPhaseSurvivesAWriteAndARead(PendingTry.Phase phase) {
        PendingTry t = full(phase);

        PendingTry read = PendingTryJson.read(PendingTryJson.write(t));

        assertThat(read).isEqualTo(t);
        assertThat(read.phase()).isEqualTo(phase);
        assertThat(read.before().state().links()).containsKeys("br0", "br0.10", "eth0", "l2tpeth0", "l2tpeth1");
        assertThat(read.candidates()).hasSize(2);
    }

    @Test
    void aTryWithNothingOptionalSurvivesToo() {
        PendingTry t = new PendingTry(ID, Optional.empty(), PendingTry.Phase.APPLYING, Instant.ofEpochMilli(0),
                Instant.ofEpochMilli(0), Duration.ofSeconds(1), List.of(), List.of(), false,
                new Before(new TryScope(Set.of(), Set.of(), Set.of()), NetworkState.empty()), Ownership.empty(),
                "process 1234", Optional.empty(), List.of());

        assertThat(PendingTryJson.read(PendingTryJson.write(t))).isEqualTo(t);
    }

    @Test
    void theFileNamesItsPhaseByKeyword() {
        assertThat(PendingTryJson.write(full(PendingTry.Phase.ROLLBACK_INCOMPLETE)))
                .contains("\"phase\": \"rollback-incomplete\"").contains("\"format\": 1");
    }

    /** A file jl2tp wrote, changed in one place: each change is refused with a message naming what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"id\": \"0123456789abcdef\"|\"id\": \"../../etc/passwd\"|'id' is not 16 hex digits",
        "\"id\": \"0123456789abcdef\"|\"id\": \"0123456789ABCDEF\"|'id' is not 16 hex digits",
        "\"id\": \"0123456789abcdef\"|\"id\": 7|'id' is the number 7, not a string",
        "\"phase\": \"pending\"|\"phase\": \"armed\"|'phase' is not a phase of a try",
        "\"started\": 1796000000123|\"started\": -1|'started' is -1, not in 0..253402300799000",
        "\"deadline\": 1796000120456|\"deadline\": 253402300799001|'deadline' is 253402300799001, not in 0..",
        "\"deadline\": 1796000120456|\"deadline\": 1.5|'deadline' is the number 1.5, not a whole number",
        "\"timeout-seconds\": 120|\"timeout-seconds\": -120|'timeout-seconds' is -120, not in 0..",
        "\"timeout-seconds\": 120|\"timeout-seconds\": 99999999999999999999|'timeout-seconds' is 99999999999999999999, not in",
        "\"file\": \"/root/site-a.yaml\"|\"file\": \"root/site-a.yaml\"|candidates[0]: 'file' is not an absolute path",
        "\"install-as\": \"/etc/jl2tp/b.yaml\"|\"install-as\": \"b.yaml\"|candidates[1]: 'install-as' is not an absolute path",
        "\"sha256\": \"abababababababababababababababababababababababababababababababab\"|\"sha256\": \"abab\"|candidates[0]: 'sha256' is not a SHA-256 in hex",
        "\"format\": 1|\"format\": 2|format 2 is not one this release reads (1)",
        "\"prune\": true|\"prune\": \"yes\"|'prune' is the string \"yes\", not true or false",
        "\"tunnels\": [3000, 3001]|\"tunnels\": [0, 3001]|'tunnels' holds 0, not a tunnel id",
        "\"tunnels\": [3000, 3001]|\"tunnels\": [4294967296]|'tunnels' holds 4294967296, not a tunnel id",
        "\"tunnels\": [3000, 3001]|\"tunnels\": [\"3000\"]|'tunnels' holds 3000, not a tunnel id",
        "\"tunnels\": [3000, 3001]|\"tunnels\": 3000|'tunnels' is not a list",
        "\"session-id\": 1000|\"session-id\": 0|sessions[0]: 'session-id' is 0, not in 1..4294967295",
    })
    void aChangedFileIsRefusedNamingTheField(String was, String becomes, String message) {
        String json = PendingTryJson.write(full(PendingTry.Phase.PENDING));
        assertThat(json).contains(was);
        String hostile = json.replaceFirst(java.util.regex.Pattern.quote(was), java.util.regex.Matcher.quoteReplacement(becomes));

        assertThatThrownBy(() -> PendingTryJson.read(hostile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingScopeIsRefusedNamingIt() {
        String json = PendingTryJson.write(full(PendingTry.Phase.PENDING)).replace("\"scope\"", "\"scape\"");

        assertThatThrownBy(() -> PendingTryJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scope' is missing");
    }

    @Test
    void notJsonIsRefusedAsSuch() {
        assertThatThrownBy(() -> PendingTryJson.read("{\"format\": 1, \"id\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> PendingTryJson.read("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a JSON object but a list");
    }
}
