package net.jl2tp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;

/**
 * Measures what {@link InterfaceStacking#MAX_DEVICES_IN_A_CHAIN} says: how many devices the kernel
 * lets one stack hold, with vlans on vlans on a bottom device, and with a bridge in the stack.
 */
@KernelTest
class InterfaceStackingKernelTest {
    private static final int MAX = InterfaceStacking.MAX_DEVICES_IN_A_CHAIN;

    @Test
    void vlansStackOnADummyUpToTheLimitAndNoFurther() {
        try (Netns ns = Netns.create("stack")) {
            ns.ip("link add d0 type dummy");
            assertThat(devicesInTheDeepestChain(ns, "d0", 1)).isEqualTo(MAX);
        }
    }

    @Test
    void aBridgeCountsAsOneDeviceOfTheStack() {
        try (Netns ns = Netns.create("stackbr")) {
            ns.ipBatch("link add d0 type dummy", "link add br0 type bridge", "link set d0 master br0");
            assertThat(devicesInTheDeepestChain(ns, "br0", 2)).isEqualTo(MAX);
        }
    }

    /** Stacks vlans on {@code bottom} until the kernel refuses one; the devices of the chain then. */
    private static int devicesInTheDeepestChain(Netns ns, String bottom, int devicesBelowFirstVlan) {
        String link = bottom;
        int devices = devicesBelowFirstVlan;
        for (int i = 1; i <= 2 * MAX; i++) {
            String name = "v" + i;
            Command.Result added = ns.tryIp("link", "add", "link", link, "name", name, "type", "vlan", "id",
                    String.valueOf(i));
            if (added.exitCode() != 0) {
                assertThat(added.stderr()).as(added.describe()).containsIgnoringCase("too many links");
                return devices;
            }
            link = name;
            devices++;
        }
        throw new AssertionError("the kernel stacked " + devices + " devices and refused none");
    }
}
