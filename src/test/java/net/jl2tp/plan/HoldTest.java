package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.NetworkState;
import net.jl2tp.apply.NetworkStateJson;
import net.jl2tp.apply.NetworkStateYaml;
import net.jl2tp.model.SessionKey;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A held tunnel is neither made nor deleted, and its part of the record survives the saves. */
class HoldTest {
    static final Path FIXTURE = Path.of("src/test/resources/plan/tunnel-field-change");

    @Test
    void aHeldTunnelIsLeftAsItIsAndTheRestIsPlanned() throws Exception {
        Desired desired = DesiredBuilder.build(ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(FIXTURE.resolve("desired.yaml")))));
        NetworkState live = NetworkStateYaml.read(Files.readString(FIXTURE.resolve("live.yaml")));
        Ownership record = new Ownership(NetworkStateJson.read(Files.readString(FIXTURE.resolve("record.json"))));
        assertThat(Planner.plan(desired, live, record, false).changes()).as("without the hold").isNotEmpty();

        Hold hold = Hold.of(desired, live, record, Set.of(3000L));

        assertThat(hold.desired().state().tunnels()).isEmpty();
        assertThat(hold.desired().state().links()).doesNotContainKey("l2tpeth0");
        assertThat(hold.live().tunnels()).isEmpty();
        assertThat(hold.live().links()).containsKey("veth0").doesNotContainKey("l2tpeth0");
        assertThat(hold.record().owned().tunnels()).isEmpty();
        Plan plan = Planner.plan(hold.desired(), hold.live(), hold.record(), true);
        assertThat(plan.changes()).as("nothing made, nothing deleted, even with --prune").isEmpty();
        assertThat(plan.notes()).isEmpty();

        Ownership saved = hold.restore(Ownership.empty());
        assertThat(saved.owned().tunnels()).containsOnlyKeys(3000L);
        assertThat(saved.owned().sessions()).containsOnlyKeys(new SessionKey(3000, 1000));
    }

    /** Its absent local address is the one thing said of a held tunnel: no "mtu auto: no route" too. */
    @Test
    void aHeldTunnelsSessionsGiveNoMtuWarning(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("late.yaml"), """
                l2tp:
                  version: 1
                  tunnels:
                    late:
                      tunnel-id: 3000
                      peer-tunnel-id: 4000
                      local: 198.51.100.1
                      remote: 198.51.100.2
                      udp-source-port: 5000
                      udp-destination-port: 6000
                      sessions:
                        l2tpeth0: {session-id: 1000, peer-session-id: 2000}
                """);
        Desired configured = DesiredBuilder.build(ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file))));
        Desired desired = MtuResolver.resolve(configured, new PathFacts(java.util.Map.of(), Set.of()));
        assertThat(desired.warnings()).as("no route looked up: a warning for the session")
                .anySatisfy(w -> assertThat(w.message()).startsWith("mtu auto: no route toward"));

        Hold hold = Hold.of(desired, NetworkState.empty(), Ownership.empty(), Set.of(3000L));

        assertThat(hold.desired().warnings()).isEmpty();
    }
}
