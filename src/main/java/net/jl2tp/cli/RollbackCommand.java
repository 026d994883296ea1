package net.jl2tp.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Roll the pending try back now: every object it touched is made as it was before it (made "
                + "again with every field, or deleted if it did not exist), and the state record is put back. The "
                + "config files are not touched.",
            "", "After an incomplete rollback, rollback tries again."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    NetnsSelection namespace;

    @Mixin
    LockWait lock;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    RollbackCommand() {
        this(KernelAccess.SYSTEM);
    }

    RollbackCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        Main.refuseOptionsBefore(spec);
        Duration lockTimeout = lock.duration(spec);
        return new TryControl(access, spec.commandLine().getOut(), spec.commandLine().getErr())
                .rollback(namespace.netns(), lockTimeout, Optional.empty(), "asked for");
    }
}
