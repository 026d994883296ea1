package net.jl2tp.apply;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A state directory jl2tp will not use: a link, not a directory, another user's, or writable by
 * others. Whoever could write there could make jl2tp delete what it never made.
 */
public final class UnsafeStateDirectory extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafeStateDirectory(Path directory, String why, String remedy) {
        super("refusing the state directory " + directory + ": " + why + "; " + remedy);
    }
}
