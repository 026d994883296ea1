package net.jl2tp.plan;

/** What the kernel's routing table says about the path a tunnel's packets take toward its remote. */
public sealed interface Underlay {
    /**
     * @param mtu the route's MTU metric when it has one, else the output device's MTU
     * @param device the output device
     * @param routeMetric whether {@code mtu} is the route's metric (or a learned path MTU)
     */
    record Path(int mtu, String device, boolean routeMetric) implements Underlay {
        /** {@code 1500 on pw0}, or {@code 1300 (route mtu, via pw0)}. */
        public String describe() {
            return routeMetric ? mtu + " (route mtu, via " + device + ")" : mtu + " on " + device;
        }
    }

    /** @param reason the kernel's answer to the route lookup, e.g. {@code ENETUNREACH (Network is unreachable)} */
    record NoRoute(String reason) implements Underlay {
    }
}
