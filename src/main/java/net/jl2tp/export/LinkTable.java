package net.jl2tp.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LinkConfig;
import net.jl2tp.config.LinkExpansion;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.SiteConfig;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;

/**
 * {@code jl2tp-apply render --output table}: for each link of a site, the values both ends are
 * configured with, side by side, for a peer that does not run jl2tp (a router that is not Linux).
 * Each column is one end's half as jl2tp expands it; a row's two cells mirror each other (tunnel id
 * against peer tunnel id, cookie sent against cookie expected, ports crossed).
 */
public final class LinkTable {
    private LinkTable() {
    }

    /** One end of a link: its site and its half (the tunnel and its one session). */
    private record End(String site, TunnelConfig tunnel, SessionConfig session) {
    }

    /** {@code config} as the files give it (links not expanded); {@code site} one of its sites. */
    public static String render(L2tpConfig config, String site) {
        TunnelsBySite halves = new TunnelsBySite(config);
        StringBuilder out = new StringBuilder();
        for (LinkConfig link : config.links()) {
            Optional<End> here = halves.end(site, link.label(), Optional.empty());
            if (here.isEmpty()) {
                continue; // a link between two other sites
            }
            Optional<End> there = halves.peerOf(here.get(), link.label());
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("link ").append(link.label()).append('\n');
            out.append(table(here.get(), there));
        }
        if (out.isEmpty()) {
            out.append("site ").append(site).append(" is an end of no link\n");
        }
        return out.toString();
    }

    private static String table(End here, Optional<End> there) {
        TextTable t = new TextTable("", here.site(), there.map(End::site).orElse("(peer)"));
        List<Row> rows = rows();
        for (Row row : rows) {
            t.row(row.name(), row.value().of(here), there.map(row.value()::of).orElse("?"));
        }
        return t.toString();
    }

    private interface Value {
        String of(End end);
    }

    private record Row(String name, Value value) {
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("tunnel id", e -> String.valueOf(e.tunnel().tunnelId())));
        rows.add(new Row("peer tunnel id", e -> String.valueOf(e.tunnel().peerTunnelId())));
        rows.add(new Row("session id", e -> String.valueOf(e.session().sessionId())));
        rows.add(new Row("peer session id", e -> String.valueOf(e.session().peerSessionId())));
        rows.add(new Row("cookie sent", e -> orNone(e.session().cookie())));
        rows.add(new Row("cookie expected", e -> orNone(e.session().peerCookie())));
        rows.add(new Row("l2spec", e -> e.session().l2specType() == null ? "default" : e.session().l2specType().keyword()));
        rows.add(new Row("sequencing", e -> e.session().sequencing() == null ? "none" : e.session().sequencing().keyword()));
        rows.add(new Row("encap", e -> encap(e).keyword()));
        rows.add(new Row("local address", e -> IpAddresses.format(e.tunnel().local())));
        rows.add(new Row("remote address", e -> IpAddresses.format(e.tunnel().remote())));
        rows.add(new Row("udp source port", e -> encap(e) == Encap.UDP ? port(e.tunnel().udpSourcePort()) : "-"));
        rows.add(new Row("udp destination port",
                e -> encap(e) == Encap.UDP ? port(e.tunnel().udpDestinationPort()) : "-"));
        rows.add(new Row("interface", e -> e.session().name()));
        rows.add(new Row("mtu", e -> e.session().mtu() == null ? "auto" : e.session().mtu().toString()));
        return rows;
    }

    private static Encap encap(End e) {
        return e.tunnel().encap() == null ? Encap.UDP : e.tunnel().encap();
    }

    private static String orNone(String cookie) {
        return cookie == null ? "none" : cookie;
    }

    private static String port(Long port) {
        return port == null ? "-" : port.toString();
    }

    /** Each site's expansion, made once: a link's two halves are found by its label and the sites' addresses. */
    private static final class TunnelsBySite {
        private final L2tpConfig config;
        private final java.util.Map<String, L2tpConfig> expanded = new java.util.HashMap<>();

        TunnelsBySite(L2tpConfig config) {
            this.config = config;
        }

        /** The site's tunnel labelled {@code label} from its own address (toward {@code remote} when given). */
        Optional<End> end(String site, String label, Optional<SiteConfig> remote) {
            Optional<SiteConfig> self = siteNamed(site);
            if (self.isEmpty()) {
                return Optional.empty();
            }
            L2tpConfig half = expanded.computeIfAbsent(site, s -> LinkExpansion.forSite(config, s));
            for (TunnelConfig t : half.tunnels()) {
                if (t.label().equals(label) && self.get().address().equals(t.local()) && !t.sessions().isEmpty()
                        && remote.map(r -> r.address().equals(t.remote())).orElse(true)) {
                    return Optional.of(new End(site, t, t.sessions().get(0)));
                }
            }
            return Optional.empty();
        }

        /** The other end: the site at this end's remote address whose half of the link points back here. */
        Optional<End> peerOf(End here, String label) {
            Optional<SiteConfig> self = siteNamed(here.site());
            for (SiteConfig other : config.sites()) {
                if (!other.name().equals(here.site()) && other.address().equals(here.tunnel().remote())) {
                    Optional<End> there = end(other.name(), label, self);
                    if (there.isPresent()) {
                        return there;
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<SiteConfig> siteNamed(String name) {
            return config.sites().stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }
}
