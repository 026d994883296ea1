package net.jl2tp.export;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Whether a string, written plain, is read back as a string by every YAML reader: by YAML 1.2's
 * core schema (SnakeYAML Engine's resolver) and by the YAML 1.1 types that Ansible (PyYAML), yq
 * and SnakeYAML 1.x still resolve. {@code 00000012} is an octal number to them, {@code on} a
 * boolean, {@code 2001-12-14} a date, {@code <<} a merge key; such text must be quoted.
 */
final class PlainScalars {
    /** The YAML 1.2 core schema, with the merge key '<<'. */
    private static final ScalarResolver CORE = new CoreScalarResolver(true);
    /** YAML 1.1's implicit types (yaml.org/type), a little wider where the tools differ. */
    private static final Pattern YAML_1_1 = Pattern.compile(String.join("|",
            "(?i:y|yes|n|no|true|false|on|off)", // bool; quoting more cases than 1.1 has costs nothing
            "~|(?i:null)|", // null, the empty string too
            "[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*", // int: binary, hex, octal and decimal
            "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?", // base 60 int and float: 12:30
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?", // float: 1.5, .5, 1.
            "[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+", // float without a dot (SnakeYAML 1.x): 1e3
            "[-+]?\\.(?i:inf)|\\.(?i:nan)",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?", // timestamp: a date, with or without a time
            "<<|=")); // merge and value keys

    private PlainScalars() {
    }

    /**
     * True when the text, written plain, resolves to a string everywhere. A byte order mark counts
     * as not: YAML allows one inside quoted scalars only, and a reader drops it at a document's start.
     */
    static boolean readBackAsText(String text) {
        return CORE.resolve(text, true).equals(Tag.STR) && !YAML_1_1.matcher(text).matches()
                && text.indexOf('\uFEFF') < 0;
    }
}
