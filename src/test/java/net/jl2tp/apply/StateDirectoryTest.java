package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalLong;
import net.jl2tp.kernel.NetnsId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory's rules (README "The state record"): each refusal, the modes, the clean-up. */
class StateDirectoryTest {
    @TempDir
    Path tmp;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMissingDirectoryIsMadeForItsOwnerOnly() throws Exception {
        Path state = tmp.resolve("run/jl2tp/state");

        StateDirectory.open(state);

        assertThat(mode(state)).isEqualTo("rwx------");
    }

    @Test
    void aSymbolicLinkIsRefused() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("elsewhere"));
        Path state = Files.createSymbolicLink(tmp.resolve("state"), target);

        assertThatThrownBy(() -> StateDirectory.open(state)).isInstanceOf(UnsafeStateDirectory.class)
                .hasMessage("refusing the state directory " + state + ": it is a symbolic link (to " + target
                        + "); remove the link: jl2tp makes the directory itself");
        assertThatThrownBy(() -> StateDirectory.forReading(state)).isInstanceOf(UnsafeStateDirectory.class);
    }

    @Test
    void aFileIsRefused() throws Exception {
        Path state = Files.writeString(tmp.resolve("state"), "");

        assertThatThrownBy(() -> StateDirectory.open(state)).isInstanceOf(UnsafeStateDirectory.class)
                .hasMessage("refusing the state directory " + state
                        + ": it is not a directory; move it away: jl2tp makes the directory itself");
    }

    @Test
    void aDirectoryOthersMayWriteInIsRefusedAndLeftAsItWas() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> StateDirectory.open(state)).isInstanceOf(UnsafeStateDirectory.class)
                .hasMessage("refusing the state directory " + state
                        + ": its mode 0777 lets others than its owner write in it; check what is in it, then chmod 0700 it");
        assertThat(mode(state)).isEqualTo("rwxrwxrwx");
    }

    @Test
    void anotherUsersDirectoryIsRefused() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0, "only root can chown");
        Path state = Files.createDirectory(tmp.resolve("state"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(state, "unix:uid", 65534);

        assertThatThrownBy(() -> StateDirectory.open(state)).isInstanceOf(UnsafeStateDirectory.class)
                .hasMessage("refusing the state directory " + state + ": it is owned by uid 65534, not by root (uid 0)"
                        + " that runs jl2tp-apply; remove it (jl2tp makes it again, 0700) or chown it to root");
    }

    @Test
    void theOldLayoutsReadableDirectoryIsTightenedByApplyAndLeftAloneByReaders() throws Exception {
        Path state = Files.createDirectory(tmp.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

        StateDirectory.forReading(state);
        assertThat(mode(state)).isEqualTo("rwxr-xr-x");

        StateDirectory.open(state);
        assertThat(mode(state)).isEqualTo("rwx------");
    }

    @Test
    void aReaderDoesNotMakeTheDirectory() throws Exception {
        Path state = tmp.resolve("state");

        Ownership record = StateDirectory.forReading(state).record(new NetnsId(1, OptionalLong.of(2))).load();

        assertThat(record).isEqualTo(Ownership.empty());
        assertThat(state).doesNotExist();
    }

    @Test
    void theLockIsInsideAndForItsOwnerOnly() throws Exception {
        StateDirectory state = StateDirectory.open(tmp.resolve("state"));

        try (ApplyLock lock = state.lock(Duration.ZERO)) {
            assertThat(mode(tmp.resolve("state/lock"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aLinkAtTheLocksNameIsNotFollowed() throws Exception {
        StateDirectory state = StateDirectory.open(tmp.resolve("state"));
        Path victim = Files.writeString(tmp.resolve("victim"), "untouched");
        Files.createSymbolicLink(tmp.resolve("state/lock"), victim);

        assertThatThrownBy(() -> state.lock(Duration.ZERO)).isInstanceOf(java.io.IOException.class)
                .hasMessage(tmp.resolve("state/lock")
                        + " is a symbolic link: jl2tp does not follow links in its state directory; remove it");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
    }

    @Test
    void forgettingTheDeadRemovesTheRecordsOfThisInodeWithAnotherCookieAndThoseWithoutACookie() throws Exception {
        Path dir = tmp.resolve("state");
        StateDirectory state = StateDirectory.open(dir);
        for (String name : new String[] {"netns-100-5.json", "netns-100-9.json", "netns-100.json", "netns-200.json",
                "netns-200-6.json", "lock", "netns-100-9.json.note"}) {
            Files.writeString(dir.resolve(name), "{}");
        }

        assertThat(state.forgetDead(new NetnsId(100, OptionalLong.of(9))))
                .containsExactlyInAnyOrder(dir.resolve("netns-100-5.json"), dir.resolve("netns-100.json"),
                        dir.resolve("netns-200.json"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("netns-100-9.json", "netns-200-6.json", "lock", "netns-100-9.json.note");
        }
    }

    /** The watch's test of "an apply saved the record": any save, even of the same content, changes the stamp. */
    @Test
    void aRecordsStampChangesWithEverySaveEvenOfTheSameContent() throws Exception {
        StateDirectory state = StateDirectory.open(tmp.resolve("state"));
        NetnsId netns = new NetnsId(100, OptionalLong.of(9));
        assertThat(state.recordStamp(netns)).as("no record yet").isEmpty();

        state.record(netns).save(Ownership.empty());
        var first = state.recordStamp(netns).orElseThrow();
        assertThat(state.recordStamp(netns)).as("read again, unchanged").contains(first);

        state.record(netns).save(Ownership.empty());
        assertThat(state.record(netns).load()).isEqualTo(Ownership.empty());
        assertThat(state.recordStamp(netns).orElseThrow()).as("saved again, same content").isNotEqualTo(first);
        assertThat(state.recordStamp(new NetnsId(100, OptionalLong.empty()))).as("no record kept").isEmpty();
    }
}
