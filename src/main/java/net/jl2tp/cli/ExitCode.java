package net.jl2tp.cli;

/** The exit codes of jl2tp-apply; scripts and the systemd unit rely on them. */
public final class ExitCode {
    /** Done, or already in sync. */
    public static final int OK = 0;
    /** Apply or kernel failure (after undoing what the run did), or a needed capability missing. */
    public static final int FAILED = 1;
    /** Invalid config or command-line usage; nothing was touched. */
    public static final int INVALID = 2;
    /** With --dry-run --exit-code: the kernel differs from the config. */
    public static final int CHANGES_PENDING = 3;
    /** A try is pending in the namespace: apply and try wait for its confirm or rollback. */
    public static final int TRY_PENDING = 4;
    /** diagnose: a session has a problem verdict (a mismatch, no reply, an interface down, missing). */
    public static final int PROBLEM_FOUND = 5;

    private ExitCode() {
    }
}
