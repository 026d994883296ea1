package net.jl2tp.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --lock-timeout SECONDS}, shared by every command that takes the apply lock. */
final class LockWait {
    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another jl2tp-apply to finish: 0 to 86400 (a day); default 60.")
    long seconds;

    /** The wait, checked against its bounds (a usage error of {@code command} otherwise). */
    Duration duration(CommandSpec command) {
        return Duration.ofSeconds(Main.checkedSeconds(command, "--lock-timeout", seconds, 0));
    }
}
