package net.jl2tp.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One field in which the kernel's object differs from the config's.
 *
 * @param key the config's name for the field, which also finds the line of its value; a session's
 *     interface name has no key of its own (the session is written under it), so its key
 *     ({@code interface name}) finds no value and points at the session's own line
 */
record Diff(String key, String old, String now) {
    /** As reasons and conflicts print it: {@code key old -> new}. */
    @Override
    public String toString() {
        return key + " " + old + " -> " + now;
    }

    /** Several diffs in one phrase: {@code a 1 -> 2, b x -> y}. */
    static String join(List<Diff> diffs) {
        return diffs.stream().map(Diff::toString).collect(Collectors.joining(", "));
    }
}
