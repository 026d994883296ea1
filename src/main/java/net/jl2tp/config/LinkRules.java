package net.jl2tp.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What can be checked about a link only once every file is read: its ends are declared sites,
 * and its label, the tunnel's label on both ends, is not a plain tunnel's label too.
 */
final class LinkRules {
    private LinkRules() {
    }

    static void check(LinkConfig link, Set<String> sites, Map<String, SourceMark> tunnelLabels, List<Problem> problems) {
        for (String end : link.ends()) {
            if (!sites.contains(end)) {
                Optional<String> close = KeySuggestions.closest(end, sites);
                problems.add(new Problem(link.marks().of(LinkKeys.ENDS), "site '" + NodeReader.shown(end)
                        + "' of link '" + link.label() + "' is not declared under 'sites:'"
                        + close.map(c -> "; did you mean '" + c + "'?").orElse("; declare it with its address")));
            }
        }
        SourceMark tunnel = tunnelLabels.get(link.label());
        if (tunnel != null) {
            problems.add(new Problem(link.marks().self(), "link '" + link.label() + "' has the label of tunnel '"
                    + link.label() + "' at " + tunnel + "; a link's label is its tunnel's label on both ends, "
                    + "so give one of them another"));
        }
    }
}
