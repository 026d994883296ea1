package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jl2tp.apply.StateRecord;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.NetworkStateJson;
import net.jl2tp.model.SessionKey;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;

/** A held tunnel is neither made nor deleted, and its part of the record survives the saves. */
class HoldTest {
    static final Path FIXTURE = Path.of("src/test/resources/plan/tunnel-field-change");

    @Test
    void aHeldTunnelIsLeftAsItIsAndTheRestIsPlanned() throws Exception {
        Desired desired = DesiredBuilder.build(ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(FIXTURE.resolve("desired.yaml")))));
        NetworkState live = NetworkStateJson.read(Files.readString(FIXTURE.resolve("live.yaml")));
        StateRecord record = new StateRecord(NetworkStateJson.read(Files.readString(FIXTURE.resolve("record.json"))));
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

        StateRecord saved = hold.restore(StateRecord.empty());
        assertThat(saved.owned().tunnels()).containsOnlyKeys(3000L);
        assertThat(saved.owned().sessions()).containsOnlyKeys(new SessionKey(3000, 1000));
    }
}
