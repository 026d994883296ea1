package net.jl2tp.plan;

import net.jl2tp.export.PlanText;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.NetworkState;
import net.jl2tp.apply.NetworkStateJson;
import net.jl2tp.apply.NetworkStateYaml;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fates of bridges and vlans that the plan fixtures do not reach: a link of another kind under a
 * config link's name, a vlan on a link made again, a foreign vlan on a link that goes, a vlan
 * whose link goes. Each depends on the fate of the link it stands on.
 */
class LinkFatesTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            l2tp:
              version: 1
              vlans:
                br0.10: { link: br0, id: 10 }
              bridges:
                br0: {}
            """;

    static final String LIVE = """
            format: 1
            links:
              - {name: eth0, kind: other, mtu: 1500, up: true, addresses: []}
              - {name: br0, kind: vlan, vlan-link: eth0, vlan-id: 7, mtu: 1500, up: true, addresses: []}
              - {name: br0.10, kind: vlan, vlan-link: br0, vlan-id: 10, mtu: 1500, up: true, addresses: []}
              - {name: br0.20, kind: vlan, vlan-link: br0, vlan-id: 20, mtu: 1500, up: true, addresses: []}
            """;

    @Test
    void aLinkJl2tpMadeAsAnotherKindIsReplacedAndTheVlansOnItWithIt() throws Exception {
        String record = """
                {"format": 1,
                 "links": [{"name": "br0", "kind": "vlan", "vlan-link": "eth0", "vlan-id": 7, "mtu": null, "up": true, "master": null, "addresses": []},
                           {"name": "br0.10", "kind": "vlan", "vlan-link": "br0", "vlan-id": 10, "mtu": null, "up": true, "master": null, "addresses": []}]}
                """;

        assertThat(plan(CONFIG, LIVE, record)).isEqualTo("""
                - delete vlan br0.10
                    its link br0 is recreated  (links.yaml:4:21)
                - delete vlan br0
                    is a vlan, the config wants a bridge  (links.yaml:6:5)
                + create bridge br0
                    is a vlan, the config wants a bridge  (links.yaml:6:5)
                + create vlan br0.10 (vlan 10 on br0)
                    its link br0 is recreated  (links.yaml:4:5)
                ~ set br0 up
                    down -> up  (links.yaml:6:5)
                ~ set br0.10 up
                    down -> up  (links.yaml:4:5)
                left alone:
                  link br0.20: vlan made outside jl2tp on br0: the kernel removes it with its link
                6 changes
                """);
    }

    @Test
    void aLinkOfAnotherKindJl2tpDidNotMakeIsAConflictAndTheVlanOnItIsAdopted() throws Exception {
        assertThat(plan(CONFIG, LIVE, null)).isEqualTo("""
                = adopt link br0.10
                    made outside jl2tp; vlan matches the config  (links.yaml:4:5)
                conflicts (nothing is applied until they are resolved):
                  links.yaml:6:5: interface name br0 is taken by a link jl2tp did not make (vlan); rename the bridge or remove that link
                1 change (0 to the kernel)
                """);
    }

    @Test
    void aVlanWhoseLinkGoesHasNothingToStandOn() throws Exception {
        String config = """
                l2tp:
                  version: 1
                  vlans:
                    old0.5: { link: old0, id: 5 }
                """;
        String live = """
                format: 1
                links:
                  - {name: eth0, kind: other, mtu: 1500, up: true, master: old0, addresses: []}
                  - {name: old0, kind: bridge, mtu: 1500, up: true, addresses: []}
                """;
        String record = """
                {"format": 1,
                 "links": [{"name": "old0", "kind": "bridge", "mtu": null, "up": true, "master": null, "addresses": []}]}
                """;

        assertThat(plan(config, live, record)).isEqualTo("""
                ~ detach eth0 from bridge old0
                    its bridge old0 is deleted; the link itself is not jl2tp's and stays as it is
                - delete bridge old0
                    no longer in the config
                conflicts (nothing is applied until they are resolved):
                  links.yaml:4:21: vlan old0.5: link old0 is neither in the config nor in the kernel
                2 changes
                """);
    }

    private String plan(String config, String live, String record) throws Exception {
        Path file = Files.writeString(tmp.resolve("links.yaml"), config);
        Desired desired = DesiredBuilder.build(ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file))));
        NetworkState kernel = NetworkStateYaml.read(live);
        Ownership owned = record == null ? Ownership.empty() : new Ownership(NetworkStateJson.read(record));
        return PlanText.render(Planner.plan(desired, kernel, owned, false)).replace(tmp + "/", "");
    }
}
