package net.jl2tp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.Marks;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SourceMark;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.config.VlanKeys;
import org.junit.jupiter.api.Test;

class CrossObjectRulesTest {
    private static VlanConfig vlan(String name, String link, int line) {
        SourceMark self = new SourceMark("f.yaml", line, 5);
        return new VlanConfig(name, link, (long) line, null, null, List.of(),
                new Marks(self, Map.of(VlanKeys.LINK.yaml(), new SourceMark("f.yaml", line, 20))));
    }

    @Test
    void aVlanLoopIsToldInTheOrderOfItsLinksFromItsFirstName() {
        // c -> b -> a -> c, written in that order; d hangs below the loop.
        L2tpConfig config = new L2tpConfig(List.of(), List.of(),
                List.of(vlan("c", "b", 1), vlan("b", "a", 2), vlan("a", "c", 3), vlan("d", "c", 4)), List.of(), List.of(), List.of("f.yaml"));

        List<Problem> problems = CrossObjectRules.check(config);

        assertThat(problems).extracting(Problem::message).contains(
                "vlan 'c' sits on a loop of vlans (a -> c -> b)",
                "vlan 'b' sits on a loop of vlans (a -> c -> b)",
                "vlan 'a' sits on a loop of vlans (a -> c -> b)",
                "vlan 'd' sits on a loop of vlans (a -> c -> b)");
        assertThat(problems).filteredOn(p -> p.message().contains("loop")).extracting(p -> p.mark().column())
                .containsOnly(20);
    }

    @Test
    void aSecondUseOfAVlanIdOnALinkNamesTheFirstAndWhereItIs() {
        VlanConfig first = new VlanConfig("v1", "eth0", 7L, null, null, List.of(),
                new Marks(new SourceMark("f.yaml", 1, 5), Map.of(VlanKeys.ID.yaml(), new SourceMark("f.yaml", 1, 30))));
        VlanConfig second = new VlanConfig("v2", "eth0", 7L, null, null, List.of(),
                new Marks(new SourceMark("f.yaml", 2, 5), Map.of(VlanKeys.ID.yaml(), new SourceMark("f.yaml", 2, 30))));

        List<Problem> problems = CrossObjectRules.check(new L2tpConfig(List.of(), List.of(), List.of(first, second),
                List.of(), List.of(), List.of("f.yaml")));

        assertThat(problems).containsExactly(new Problem(new SourceMark("f.yaml", 2, 30),
                "vlan id 7 on 'eth0' is already vlan 'v1' at f.yaml:1:30"));
    }

    @Test
    void aBadLinkNameIsPlacedAtTheLinkThroughTheKeyTable() {
        VlanConfig vlan = new VlanConfig("v1", "l2tp:0", 7L, null, null, List.of(),
                new Marks(new SourceMark("f.yaml", 1, 5), Map.of(VlanKeys.LINK.yaml(), new SourceMark("f.yaml", 2, 11))));

        List<Problem> problems = ConfigValidator.validate(new L2tpConfig(List.of(), List.of(), List.of(vlan),
                List.of(), List.of(), List.of("f.yaml")));

        assertThat(problems).contains(new Problem(new SourceMark("f.yaml", 2, 11),
                "link: interface name 'l2tp:0' contains ':', which Linux does not allow"));
    }
}
