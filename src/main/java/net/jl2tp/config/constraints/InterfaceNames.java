package net.jl2tp.config.constraints;

import java.nio.charset.StandardCharsets;
import net.jl2tp.model.Ascii;

/** The kernel's dev_valid_name() rules, with the reason spelled out; and ASCII only. */
public final class InterfaceNames {
    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_BYTES = 15;

    private InterfaceNames() {
    }

    /** Null when the name is valid, otherwise why not . */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "an interface name cannot be empty";
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "interface name '" + name + "' is " + bytes + " bytes long; Linux allows at most "
                    + MAX_BYTES;
        }
        if (name.equals(".") || name.equals("..")) {
            return "interface name '" + name + "' is reserved";
        }
        if (name.equals("all") || name.equals("default")) {
            return "interface name '" + name + "' would clash with /proc/sys/net/*/conf/" + name;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                String what = c == '/' ? "'/'" : c == ':' ? "':'" : "white space or control characters";
                return "interface name '" + name.replaceAll("\\p{Cntrl}", "?") + "' contains " + what
                        + ", which Linux does not allow";
            }
            if (c == '%') {
                // dev_get_valid_name() takes a name with '%' for a template ("pw%d": the first free
                // pw0, pw1...) and refuses any other with EINVAL; a template would not be the name asked for.
                return "interface name '" + name + "' contains '%', which Linux takes for a name template (pw%d); "
                        + "give the name itself";
            }
            if (!Ascii.isVisible(c)) {
                // The kernel's isspace() takes the byte 0xa0 for a space, which the UTF-8 of
                // many letters holds; other tools and files (sysctl, udev rules) expect ASCII.
                return "interface name '" + name + "' contains a character that is not ASCII; "
                        + "jl2tp takes interface names of ASCII letters, digits and punctuation";
            }
        }
        return null;
    }

    /** Escapes text for a constraint message template, where braces, '$' and '\\' are syntax. */
    static String escapeTemplate(String text) {
        return text.replaceAll("([\\\\{}$])", "\\\\$1");
    }
}
