package net.jl2tp.apply;

/** A state record file that cannot be understood: jl2tp will not guess what it owns. */
public final class UnreadableStateRecord extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableStateRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
