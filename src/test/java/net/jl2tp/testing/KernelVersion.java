package net.jl2tp.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running kernel's major.minor ({@code uname -r}, which the JVM reads as {@code os.version}),
 * for the kernel facts that differ between the kernels of the test matrix: Debian 12's 6.1 and
 * Debian 13's 6.12. {@link #expect} picks the expectation measured on the running one.
 */
public record KernelVersion(int major, int minor, String release) {
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** Parses a kernel release string, e.g. {@code 6.12.118+deb13-amd64} or {@code 6.1.0-57-amd64}. */
    public static KernelVersion parse(String release) {
        Matcher m = MAJOR_MINOR.matcher(release == null ? "" : release);
        if (!m.find()) {
            throw new IllegalArgumentException("kernel release '" + release + "' does not start with MAJOR.MINOR");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), release);
    }

    public static KernelVersion running() {
        return parse(System.getProperty("os.version"));
    }

    public boolean is(int wantedMajor, int wantedMinor) {
        return major == wantedMajor && minor == wantedMinor;
    }

    /**
     * The expectation measured on this kernel: {@code on61} on 6.1, {@code on612} on 6.12. Any other
     * kernel fails, asking for the fact to be measured there: which of the two it behaves like is not
     * known until then (the change may have come in any release between, or be undone after), and a
     * test that guessed would pass without anyone having looked.
     */
    public <T> T expect(String fact, T on61, T on612) {
        if (is(6, 1)) {
            return on61;
        }
        if (is(6, 12)) {
            return on612;
        }
        throw new AssertionError("kernel " + release + ": '" + fact + "' was measured on 6.1 (" + on61 + ") and 6.12 ("
                + on612 + ") only; measure it on this kernel and add its expectation");
    }

    @Override
    public String toString() {
        return major + "." + minor + " (" + release + ")";
    }
}
