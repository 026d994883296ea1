package net.jl2tp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Binds a link under {@code links:}: its fixed keys ({@link LinkKeys}) and a key per end, named
 * after that end's site ({@link LinkEndKeys}). Its mapping's keys depend on its {@code ends}, so
 * it is checked here rather than by one key table.
 */
final class LinkBinder {
    private LinkBinder() {
    }

    static Optional<LinkConfig> link(NodeReader read, String label, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        String what = "link '" + label + "'";
        return read.mapping(value, what, null).map(e -> {
            List<String> ends = Optional.ofNullable(e.value(LinkKeys.ENDS, self)).orElse(List.of());
            var encap = e.value(LinkKeys.ENCAP, self);
            List<LinkEndConfig> endConfigs = new ArrayList<>();
            for (Map.Entry<String, NodeTuple> entry : e.all().entrySet()) {
                String key = entry.getKey();
                Node keyOf = entry.getValue().getKeyNode();
                if (LinkKeys.TABLE.names().contains(key)) {
                    continue;
                }
                if (!ends.contains(key)) {
                    unknownKey(read, keyOf, key, what, ends);
                    continue;
                }
                end(read, key, keyOf, entry.getValue().getValueNode(), what).ifPresent(end -> {
                    if (encap == net.jl2tp.model.Encap.IP && end.udpPort() != null) {
                        read.problem(end.marks().of(LinkEndKeys.UDP_PORT), LinkEndKeys.UDP_PORT
                                + " does not apply to " + LinkKeys.ENCAP + ": ip; remove it");
                    }
                    endConfigs.add(end);
                });
            }
            return new LinkConfig(label, ends, encap,
                    e.value(LinkKeys.L2SPEC_TYPE, self),
                    e.value(LinkKeys.SEQUENCING, self),
                    e.value(LinkKeys.COOKIES, self),
                    endConfigs,
                    e.marks(self));
        });
    }

    private static void unknownKey(NodeReader read, Node keyNode, String key, String what, List<String> ends) {
        List<String> known = new ArrayList<>(LinkKeys.TABLE.names());
        known.addAll(ends);
        Optional<String> suggestion = KeySuggestions.closest(key, known);
        String hint = suggestion.map(k -> "; did you mean '" + k + "'?")
                .orElse("; known keys: " + String.join(", ", known));
        read.problem(keyNode, "unknown key '" + NodeReader.shown(key) + "' in " + what + " (a key besides "
                + String.join(", ", LinkKeys.TABLE.names()) + " must be one of its ends)" + hint);
    }

    private static Optional<LinkEndConfig> end(NodeReader read, String site, Node keyNode, Node value, String link) {
        SourceMark self = read.mark(keyNode);
        if (read.isNull(value)) {
            return Optional.of(LinkEndConfig.unwritten(site, self));
        }
        return read.mapping(value, "end '" + site + "' of " + link, LinkEndKeys.TABLE).map(e -> new LinkEndConfig(
                site,
                e.value(LinkEndKeys.TUNNEL_ID, self),
                e.value(LinkEndKeys.SESSION_ID, self),
                e.value(LinkEndKeys.UDP_PORT, self),
                e.value(LinkEndKeys.COOKIE, self),
                e.value(LinkEndKeys.INTERFACE, self),
                e.value(LinkEndKeys.MTU, self),
                e.value(LinkEndKeys.UP, self),
                e.value(LinkEndKeys.ADDRESSES, self),
                e.value(LinkEndKeys.BRIDGE, self),
                e.marks(self)));
    }
}
