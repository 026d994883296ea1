package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.export.SceneKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An apply whose state directory is unsafe stops before it reads or changes anything: exit 1, what and where. */
class UnsafeStateDirectoryCliTest {
    @TempDir
    Path tmp;

    /** No tunnels: the run asks the kernel for no routes, and reaches the state directory at once. */
    private Path emptyConfig() throws Exception {
        return Files.writeString(tmp.resolve("empty.yaml"), "l2tp:\n  version: 1\n");
    }

    @Test
    void applyRefusesAStateDirectoryThatIsALink() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path state = Files.createSymbolicLink(tmp.resolve("state"), elsewhere);

        ShowStatusHarness.Result r = ShowStatusHarness.run(ShowStatusHarness.access(netns -> SceneKernel.open(), state),
                "--config", emptyConfig().toString());

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).isEqualTo("jl2tp-apply: refusing the state directory " + state + ": it is a symbolic link (to "
                + elsewhere + "); remove the link: jl2tp makes the directory itself\n");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void applyRefusesAStateDirectoryOthersMayWriteIn() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        ShowStatusHarness.Result r = ShowStatusHarness.run(ShowStatusHarness.access(netns -> SceneKernel.open(), state),
                "--config", emptyConfig().toString());

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).startsWith("jl2tp-apply: refusing the state directory " + state + ": its mode 0777 lets others");
        assertThat(state).isEmptyDirectory();
    }
}
