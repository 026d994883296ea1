package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For seeded random link files: the two ends' expansions of every link mirror each other in
 * every field, and adding an unrelated link changes no number of an existing one.
 */
class LinkMirrorPropertyTest {
    private static final int FILES = 300;

    @TempDir
    Path dir;

    /** A random link file: its text, its site names, its links' labels and ends. */
    record Generated(String text, List<String> sites, Map<String, List<String>> links) {
    }

    @Test
    void bothHalvesOfEveryLinkMirrorEachOther() throws IOException {
        for (int seed = 0; seed < FILES; seed++) {
            Random random = new Random(seed);
            Generated file = generate(random, List.of());
            L2tpConfig config = load(file.text(), seed);
            for (var link : file.links().entrySet()) {
                String a = link.getValue().get(0);
                String b = link.getValue().get(1);
                TunnelConfig ta = tunnel(LinkExpansion.forSite(config, a), link.getKey());
                TunnelConfig tb = tunnel(LinkExpansion.forSite(config, b), link.getKey());
                String where = "seed " + seed + ", link " + link.getKey();
                assertThat(ta.tunnelId()).as(where).isEqualTo(tb.peerTunnelId());
                assertThat(tb.tunnelId()).as(where).isEqualTo(ta.peerTunnelId());
                assertThat(ta.local()).as(where).isEqualTo(tb.remote());
                assertThat(tb.local()).as(where).isEqualTo(ta.remote());
                assertThat(ta.udpSourcePort()).as(where).isEqualTo(tb.udpDestinationPort());
                assertThat(tb.udpSourcePort()).as(where).isEqualTo(ta.udpDestinationPort());
                assertThat(ta.effectiveEncap()).as(where).isEqualTo(tb.effectiveEncap());
                assertThat(ta.sessions()).hasSize(1);
                assertThat(tb.sessions()).hasSize(1);
                SessionConfig sa = ta.sessions().get(0);
                SessionConfig sb = tb.sessions().get(0);
                assertThat(sa.sessionId()).as(where).isEqualTo(sb.peerSessionId());
                assertThat(sb.sessionId()).as(where).isEqualTo(sa.peerSessionId());
                assertThat(sa.cookie()).as(where).isEqualTo(sb.peerCookie());
                assertThat(sb.cookie()).as(where).isEqualTo(sa.peerCookie());
                assertThat(sa.l2specType()).as(where).isEqualTo(sb.l2specType());
                assertThat(sa.sequencing()).as(where).isEqualTo(sb.sequencing());
                assertThat(ta.tunnelId()).as(where).isNotNull();
                assertThat(sa.sessionId()).as(where).isNotNull();
            }
        }
    }

    @Test
    void anUnrelatedLinkChangesNoExistingNumber() throws IOException {
        for (int seed = 0; seed < FILES; seed++) {
            Generated file = generate(new Random(seed), List.of());
            Generated more = generate(new Random(seed), List.of(new Random(-seed - 1).nextInt(1 << 20)));
            assertThat(more.links()).hasSize(file.links().size() + 1);
            L2tpConfig before = load(file.text(), seed);
            L2tpConfig after = load(more.text(), seed);
            for (var link : file.links().entrySet()) {
                for (String site : link.getValue()) {
                    assertThat(numbers(tunnel(LinkExpansion.forSite(after, site), link.getKey())))
                            .as("seed " + seed + ", link " + link.getKey() + " at " + site)
                            .isEqualTo(numbers(tunnel(LinkExpansion.forSite(before, site), link.getKey())));
                }
            }
        }
    }

    private static List<Object> numbers(TunnelConfig t) {
        SessionConfig s = t.sessions().get(0);
        List<Object> out = new ArrayList<>();
        out.add(t.tunnelId());
        out.add(t.peerTunnelId());
        out.add(t.udpSourcePort());
        out.add(t.udpDestinationPort());
        out.add(s.sessionId());
        out.add(s.peerSessionId());
        out.add(s.cookie());
        out.add(s.peerCookie());
        return out;
    }

    private static TunnelConfig tunnel(L2tpConfig config, String label) {
        return config.tunnels().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
    }

    private L2tpConfig load(String text, int seed) throws IOException {
        Path file = dir.resolve("links.yaml");
        Files.writeString(file, text);
        LoadedConfig loaded = ConfigLoader.loadPaths(List.of(file));
        assertThat(loaded.problems()).as("seed " + seed + ":\n" + text).isEmpty();
        return loaded.config();
    }

    /**
     * Sites and links from {@code random}; each of {@code extra} adds one more link at the end
     * (from its own seed), so the file without it is the same file up to there.
     */
    static Generated generate(Random random, List<Integer> extra) {
        int siteCount = 2 + random.nextInt(5);
        List<String> sites = new ArrayList<>();
        StringBuilder text = new StringBuilder("l2tp:\n  version: 1\n  sites:\n");
        Set<String> siteNames = new LinkedHashSet<>();
        while (siteNames.size() < siteCount) {
            siteNames.add(name(random));
        }
        int i = 0;
        for (String site : siteNames) {
            sites.add(site);
            i++;
            text.append("    ").append(site).append(": { address: 192.0.2.").append(i).append(" }\n");
        }
        Map<String, List<String>> links = new HashMap<>();
        text.append("  links:\n");
        int linkCount = 1 + random.nextInt(8);
        for (int n = 0; n < linkCount; n++) {
            link(random, sites, links, text);
        }
        for (int seed : extra) {
            link(new Random(seed), sites, links, text);
        }
        return new Generated(text.toString(), sites, links);
    }

    private static void link(Random random, List<String> sites, Map<String, List<String>> links, StringBuilder text) {
        String label;
        do {
            label = name(random) + "-" + name(random);
        } while (links.containsKey(label));
        int a = random.nextInt(sites.size());
        int b = (a + 1 + random.nextInt(sites.size() - 1)) % sites.size();
        List<String> ends = List.of(sites.get(a), sites.get(b));
        links.put(label, ends);
        boolean ip = random.nextInt(4) == 0;
        text.append("    ").append(label).append(":\n      ends: [").append(ends.get(0)).append(", ")
                .append(ends.get(1)).append("]\n");
        if (ip) {
            text.append("      encap: ip\n");
        }
        if (random.nextBoolean()) {
            text.append("      cookies: derived\n");
        }
        boolean noSublayer = random.nextInt(3) == 0;
        text.append("      l2spec-type: ").append(noSublayer ? "none" : "default").append('\n');
        String[] sequencing = {"none", "send", "receive", "both"};
        text.append("      sequencing: ").append(noSublayer ? "none" : sequencing[random.nextInt(4)]).append('\n');
        for (String end : ends) {
            List<String> keys = new ArrayList<>();
            if (random.nextInt(4) == 0) {
                keys.add("tunnel-id: " + (1 + (random.nextLong() >>> 1) % 0xFFFF_FFFFL));
            }
            if (random.nextInt(4) == 0) {
                keys.add("session-id: " + (1 + random.nextInt(Integer.MAX_VALUE)));
            }
            if (!ip && random.nextInt(4) == 0) {
                keys.add("udp-port: " + (1 + random.nextInt(65535)));
            }
            if (random.nextInt(4) == 0) {
                keys.add("cookie: " + (random.nextBoolean() ? String.format("%08x", random.nextInt())
                        : String.format("%016x", random.nextLong())));
            }
            if (!keys.isEmpty()) {
                text.append("      ").append(end).append(": { ").append(String.join(", ", keys)).append(" }\n");
            }
        }
    }

    private static String name(Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            name.append(letters.charAt(random.nextInt(letters.length())));
        }
        return name.toString();
    }
}
