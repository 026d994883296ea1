package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import net.jl2tp.export.SceneKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply whose state directory is unsafe stops before it changes anything: exit 1, what and where.
 * And where the kernel cannot name a namespace for good (no SO_NETNS_COOKIE), no record is kept.
 */
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

    @Test
    void onAKernelWithoutNamespaceCookiesApplyKeepsNoRecordAndSaysSo() throws Exception {
        Path state = tmp.resolve("state");

        ShowStatusHarness.Result r = ShowStatusHarness.run(
                ShowStatusHarness.access(netns -> SceneKernel.open(OptionalLong.empty()), state),
                "--config", emptyConfig().toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEqualTo(ApplyRun.NO_RECORD_KEPT + "\n");
        assertThat(r.out()).startsWith("in sync: nothing to change\nleft alone:\n");
        try (var files = Files.list(state)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("lock");
        }
    }
}
