package net.jl2tp.config;

import java.util.List;
import java.util.Optional;
import net.jl2tp.model.Encap;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;

/**
 * A pseudowire between two sites as written under {@code links:}, once for both ends;
 * {@code label} is its key. {@link LinkExpansion} makes each site's half of it.
 */
public record LinkConfig(
        String label,
        List<String> ends,
        Encap encap,
        L2specType l2specType,
        Sequencing sequencing,
        Cookies cookies,
        List<LinkEndConfig> endConfigs,
        Marks marks) implements Marked {
    /** Whether cookies are derived for the ends that do not give their own. */
    public enum Cookies { NONE, DERIVED }

    public LinkConfig {
        ends = List.copyOf(ends);
        endConfigs = List.copyOf(endConfigs);
    }

    @Override
    public KeyTable keys() {
        return LinkKeys.TABLE;
    }

    /** Whether the link names two different sites, so that it can be expanded at all. */
    public boolean hasTwoEnds() {
        return ends.size() == 2 && !ends.get(0).equals(ends.get(1));
    }

    /** What the link says about the end at {@code site}, if it has a key for it. */
    public Optional<LinkEndConfig> end(String site) {
        return endConfigs.stream().filter(e -> e.site().equals(site)).findFirst();
    }

    /** The end other than {@code site}. */
    public String peerOf(String site) {
        return ends.get(0).equals(site) ? ends.get(1) : ends.get(0);
    }
}
