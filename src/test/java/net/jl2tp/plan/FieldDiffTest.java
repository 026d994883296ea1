package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import org.junit.jupiter.api.Test;

/** Each diff is a value with its key: reasons print it, and the key finds the line, with no text parsed back. */
class FieldDiffTest {
    static Link vlan(String on, int id) {
        return new Link("v", LinkKind.VLAN, Optional.of(new Link.VlanOf(on, id)), OptionalInt.empty(), true,
                Optional.empty(), List.of());
    }

    @Test
    void aVlansLinkAndIdAreTwoDiffsInThatOrder() {
        List<Diff> diffs = FieldDiff.vlan(vlan("eth0", 5), vlan("eth1", 6));

        assertThat(diffs).containsExactly(new Diff("link", "eth0", "eth1"), new Diff("id", "5", "6"));
        assertThat(Diff.join(diffs)).isEqualTo("link eth0 -> eth1, id 5 -> 6");
        assertThat(FieldDiff.vlan(vlan("eth0", 5), vlan("eth0", 5))).isEmpty();
    }

    @Test
    void theInterfaceNameIsADiffWithoutAConfigKeyOfItsOwn() {
        Session live = new Session(3000, 1000, 2000, "l2tpeth0", Optional.empty(), Optional.empty(),
                Optional.of(L2specType.DEFAULT), Sequencing.NONE);
        Session want = new Session(3000, 1000, 2001, "pw0", Optional.empty(), Optional.empty(),
                Optional.empty(), Sequencing.BOTH);

        List<Diff> diffs = FieldDiff.session(live, want);

        assertThat(diffs).as("sequencing changes in place; an unreported l2spec-type is no difference")
                .containsExactly(new Diff("peer-session-id", "2000", "2001"),
                        new Diff("interface name", "l2tpeth0", "pw0"));
        assertThat(diffs.get(1)).hasToString("interface name l2tpeth0 -> pw0");
    }
}
