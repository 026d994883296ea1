package net.jl2tp.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "confirm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Keep the pending try: its rollback is disarmed, and the candidates it was given are installed "
                + "in /etc/jl2tp. With --extend, give it more time instead.",
            "", "After an incomplete rollback, confirm leaves the kernel as that rollback left it."})
final class ConfirmCommand implements Callable<Integer> {
    @Option(names = "--extend", paramLabel = "SECONDS",
            description = "Do not confirm: roll back SECONDS later than the deadline now (1 to 86400).")
    Long extendSeconds;

    @Mixin
    NetnsSelection namespace;

    @Mixin
    LockWait lock;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    ConfirmCommand() {
        this(KernelAccess.SYSTEM);
    }

    ConfirmCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        Main.refuseOptionsBefore(spec);
        Duration lockTimeout = lock.duration(spec);
        TryControl control = new TryControl(access, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (extendSeconds != null) {
            return control.extend(namespace.netns(),
                    Duration.ofSeconds(Main.checkedSeconds(spec, "--extend", extendSeconds, 1)), lockTimeout);
        }
        return control.confirm(namespace.netns(), lockTimeout);
    }
}
