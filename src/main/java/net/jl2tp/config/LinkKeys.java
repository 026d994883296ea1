package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Encap;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;

/**
 * The fixed keys of a link, under {@code links: LABEL:}; its other keys are its two ends' site
 * names ({@link LinkEndKeys}).
 */
public final class LinkKeys {
    private LinkKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<List<String>> ENDS = TABLE.required("ends", "ends", Values.ENDS);
    public static final ConfigKey<Encap> ENCAP = TABLE.optional("encap", "encap", Values.ENCAP);
    public static final ConfigKey<L2specType> L2SPEC_TYPE = TABLE.optional("l2spec-type", "l2specType",
            Values.L2SPEC_TYPE);
    public static final ConfigKey<Sequencing> SEQUENCING = TABLE.optional("sequencing", "sequencing",
            Values.SEQUENCING);
    public static final ConfigKey<LinkConfig.Cookies> COOKIES = TABLE.optional("cookies", "cookies",
            Values.LINK_COOKIES);
}
