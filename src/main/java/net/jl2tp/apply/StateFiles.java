package net.jl2tp.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** What the files of the state directory share: made 0600, never opened through a symbolic link. */
final class StateFiles {
    /** Records hold namespace cookies and what jl2tp made: for root's eyes only. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private StateFiles() {
    }

    /** An open with NOFOLLOW_LINKS that failed: O_NOFOLLOW's ELOOP said as what it means. */
    static IOException explained(Path file, IOException e) {
        if (Files.isSymbolicLink(file)) {
            return new IOException(file + " is a symbolic link: jl2tp does not follow links in its state directory; remove it", e);
        }
        return e;
    }
}
