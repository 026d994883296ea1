package net.jl2tp.model;

/** Which directions use L2TP sequence numbers; needs the default l2spec sublayer to carry them. */
public enum Sequencing {
    NONE("none", false, false),
    SEND("send", true, false),
    RECEIVE("receive", false, true),
    BOTH("both", true, true);

    private final String keyword;
    private final boolean send;
    private final boolean receive;

    Sequencing(String keyword, boolean send, boolean receive) {
        this.keyword = keyword;
        this.send = send;
        this.receive = receive;
    }

    public String keyword() {
        return keyword;
    }

    public boolean send() {
        return send;
    }

    public boolean receive() {
        return receive;
    }

    public static Sequencing of(boolean send, boolean receive) {
        for (Sequencing s : values()) {
            if (s.send == send && s.receive == receive) {
                return s;
            }
        }
        throw new AssertionError("unreachable");
    }
}
