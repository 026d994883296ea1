package net.jl2tp.model;

/** An interface MTU as configured: a number of bytes, or computed from the underlay path. */
public sealed interface Mtu {
    int MIN = 68;
    int MAX = 65535;

    /** Take the path MTU toward the tunnel's remote and subtract the encapsulation overhead. */
    record Auto() implements Mtu {
        @Override
        public String toString() {
            return "auto";
        }
    }

    record Fixed(int bytes) implements Mtu {
        public boolean inRange() {
            return bytes >= MIN && bytes <= MAX;
        }

        @Override
        public String toString() {
            return Integer.toString(bytes);
        }
    }
}
