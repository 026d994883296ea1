package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.apply.LastApplyMark;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.Rtnl;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.TryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which runs mark a successful apply (README "Metrics", jl2tp_last_apply_timestamp_seconds): an
 * apply the kernel matches afterwards, one that had nothing to change, and a confirmed try; never a
 * dry run, a failed apply, a try before its confirm, nor a rollback.
 */
class LastApplyMarkCliTest {
    private static final NetnsId SCENE = ShowStatusHarness.sceneNetns();
    private static final Instant EARLIER = Instant.parse("2026-11-26T10:00:00Z");

    /** The scene's foreign tunnels and sessions are left alone: this config is in sync with it. */
    private static final String NOTHING = "l2tp:\n  version: 1\n";

    /** The scene has tunnel 3000, made outside jl2tp, to 192.0.2.2: this one to .9 is a conflict, nothing applied. */
    private static String conflict() throws Exception {
        return Files.readString(Path.of("examples/site-a.yaml")).replace("remote: 192.0.2.2", "remote: 192.0.2.9");
    }

    /** A new bridge: its RTM_NEWLINK is refused (EPERM below), the apply fails after it began. */
    private static final String BRIDGE = """
            l2tp:
              version: 1
              bridges:
                br-mark:
                  interfaces: []
            """;

    @TempDir
    Path tmp;

    private Path state() {
        return tmp.resolve("state");
    }

    /** The scene, with no route anywhere; whatever it is asked to change beyond its dumps is refused with EPERM. */
    private KernelAccess scene() {
        return ShowStatusHarness.access(netns -> refusing(), state());
    }

    private static Kernel refusing() throws NetlinkException {
        return SceneKernel.open(OptionalLong.of(SceneKernel.NETNS_COOKIE), request -> List.of(FakeNetlink.error(request,
                request.type() == Rtnl.RTM_GETROUTE ? Errno.ENETUNREACH : Errno.EPERM, null)));
    }

    private String config(String text) throws Exception {
        return Files.writeString(tmp.resolve("config.yaml"), text).toString();
    }

    private LastApplyMark mark() throws Exception {
        return StateDirectory.open(state()).lastApply(SCENE).orElseThrow();
    }

    private ShowStatusHarness.Result run(String... args) {
        return ShowStatusHarness.run(scene(), args);
    }

    @Test
    void anApplyThatChangesNothingIsASuccessfulApplyAndIsMarked() throws Exception {
        Instant before = Instant.now();

        ShowStatusHarness.Result r = run("--config", config(NOTHING));

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("in sync: nothing to change");
        assertThat(r.err()).isEmpty();
        assertThat(mark().file()).isEqualTo(state().resolve("applied-" + SCENE.inode() + "-" + SceneKernel.NETNS_COOKIE));
        assertThat(mark().read()).hasValueSatisfying(at -> assertThat(at).isBetween(before, Instant.now()));
    }

    @Test
    void eachSuccessfulApplyMovesTheMarkOn() throws Exception {
        mark().write(EARLIER);

        run("--config", config(NOTHING));

        assertThat(mark().read()).hasValueSatisfying(at -> assertThat(at).isAfter(EARLIER.plusSeconds(60)));
    }

    @Test
    void aDryRunMarksNothing() throws Exception {
        ShowStatusHarness.Result r = run("--dry-run", "--config", config(NOTHING));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(mark().file()).doesNotExist();

        mark().write(EARLIER);
        assertThat(run("--dry-run", "--exit-code", "--config", config(BRIDGE)).exit()).isEqualTo(ExitCode.CHANGES_PENDING);
        assertThat(mark().read()).contains(EARLIER);
    }

    @Test
    void anApplyWithConflictsMarksNothing() throws Exception {
        mark().write(EARLIER);

        ShowStatusHarness.Result r = run("--config", config(conflict()));

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains("nothing applied: the plan has conflicts");
        assertThat(mark().read()).contains(EARLIER);
    }

    @Test
    void anApplyTheKernelRefusesMarksNothingThoughItWroteTheRecord() throws Exception {
        mark().write(EARLIER);
        Instant before = Instant.now().minusSeconds(1);

        ShowStatusHarness.Result r = run("--config", config(BRIDGE));

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        // the record's time is this failed run's: it cannot be the last successful apply's
        assertThat(Files.getLastModifiedTime(StateDirectory.open(state()).record(SCENE).file()).toInstant()).isAfter(before);
        assertThat(r.err()).contains("step 1 of 2, create bridge br-mark").contains("failed: EPERM");
        assertThat(mark().read()).contains(EARLIER);
        // and without an earlier mark, none is made
        mark().delete();
        assertThat(run("--config", config(BRIDGE)).exit()).isEqualTo(ExitCode.FAILED);
        assertThat(mark().file()).doesNotExist();
    }

    @Test
    void aMarkThatCannotBeWrittenIsSaidAndTheApplyStands() throws Exception {
        Files.createDirectories(mark().file()); // rename(2) of a file onto a directory: EISDIR

        ShowStatusHarness.Result r = run("--config", config(NOTHING));

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEqualTo("jl2tp-apply: warning: cannot mark the time of this apply in " + mark().file()
                + " (Is a directory); status gives no last-apply time until an apply can\n");
        assertThat(mark().file()).doesNotExist();
    }

    @Test
    void aDeadNamespacesMarkOfTheSameInodeGoesWithItsRecord() throws Exception {
        StateDirectory directory = StateDirectory.open(state());
        Path dead = directory.lastApply(new NetnsId(SCENE.inode(), OptionalLong.of(SceneKernel.NETNS_COOKIE + 1)))
                .orElseThrow().file();
        Files.writeString(dead, "2026-11-26T10:00:00Z\n");
        Path otherInode = directory.lastApply(new NetnsId(SCENE.inode() + 1, OptionalLong.of(1))).orElseThrow().file();
        Files.writeString(otherInode, "2026-11-26T10:00:00Z\n");

        run("--dry-run", "--config", config(NOTHING));
        assertThat(dead).exists(); // a dry run changes nothing, not even the state directory

        run("--config", config(NOTHING));
        assertThat(dead).doesNotExist();
        assertThat(otherInode).exists();
        assertThat(mark().read()).isPresent();
    }

    /** A try that touched nothing (its before-state empty), pending in the scene's namespace. */
    private void pendingTry() throws Exception {
        TryScope scope = new TryScope(new java.util.TreeSet<>(), new java.util.TreeSet<>(), new java.util.TreeSet<>());
        Instant now = Instant.now();
        PendingTry pending = new PendingTry("00000000000000aa", Optional.empty(), PendingTry.Phase.PENDING, now,
                now.plusSeconds(120), Duration.ofSeconds(120), List.of(), List.of(), false,
                new Before(scope, NetworkState.empty()), Ownership.empty(), "process 4242", Optional.empty(), List.of());
        StateDirectory.open(state()).pendingTry(SCENE).orElseThrow().save(pending);
    }

    @Test
    void aConfirmedTryIsASuccessfulApplyFromItsConfirm() throws Exception {
        pendingTry();
        Instant before = Instant.now();

        ShowStatusHarness.Result r = run("confirm");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("confirmed try 00000000000000aa");
        assertThat(mark().read()).hasValueSatisfying(at -> assertThat(at).isBetween(before, Instant.now()));
    }

    @Test
    void aRollbackMarksNothing() throws Exception {
        mark().write(EARLIER);
        pendingTry();

        ShowStatusHarness.Result r = run("rollback");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("rolled back try 00000000000000aa");
        assertThat(mark().read()).contains(EARLIER);
    }

    @Test
    void aTryMarksNothingBeforeItsConfirm() throws Exception {
        mark().write(EARLIER);

        ShowStatusHarness.Result r = run("try", "--timeout", "60", "--config", config(NOTHING));

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(mark().read()).contains(EARLIER);
    }
}
