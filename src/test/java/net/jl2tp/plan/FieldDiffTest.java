package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;
import org.junit.jupiter.api.Test;

/** Each diff is a value with its key: reasons print it, and the key finds the line, with no text parsed back. */
class FieldDiffTest {
    static Link vlan(String on, int id) {
        return LinkBuilder.link("v", LinkKind.VLAN).vlanOf(on, id).build();
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
        Session live = SessionBuilder.session().l2specType(L2specType.DEFAULT).build();
        Session want = SessionBuilder.from(live).peerSessionId(2001).interfaceName("pw0").l2specTypeUnknown()
                .sequencing(Sequencing.BOTH).build();

        List<Diff> diffs = FieldDiff.session(live, want);

        assertThat(diffs).as("sequencing changes in place; an unreported l2spec-type is no difference")
                .containsExactly(new Diff("peer-session-id", "2000", "2001"),
                        new Diff("interface name", "l2tpeth0", "pw0"));
        assertThat(diffs.get(1)).hasToString("interface name l2tpeth0 -> pw0");
    }
}
