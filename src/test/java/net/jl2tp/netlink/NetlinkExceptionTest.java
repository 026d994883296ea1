package net.jl2tp.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetlinkExceptionTest {

    @Test
    void readsAsOneLineForAUser() {
        NetlinkException e = new NetlinkException("create tunnel 3000", Errno.EEXIST, null, 17, null);
        assertThat(e.getMessage()).isEqualTo("create tunnel 3000: EEXIST (File exists)");
        NetlinkException x = new NetlinkException("set mtu 10 on ifindex 3", Errno.EINVAL, "mtu less than device minimum", 5, null);
        assertThat(x.getMessage()).isEqualTo("set mtu 10 on ifindex 3: EINVAL (Invalid argument): mtu less than device minimum");
        assertThat(x.errnoName()).isEqualTo("EINVAL");
        assertThat(x.sequence()).isEqualTo(5);
        assertThat(x.withOperation("set mtu 10 on pw0").getMessage()).startsWith("set mtu 10 on pw0: EINVAL");
    }

    @Test
    void permissionErrorsSayRunAsRoot() {
        NetlinkException e = new NetlinkException("list L2TP tunnels", Errno.EPERM);
        assertThat(e.isPermissionDenied()).isTrue();
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("run as root"));
    }

    @Test
    void errnoTableHasLinuxNames() {
        assertThat(Errno.name(19)).isEqualTo("ENODEV");
        assertThat(Errno.name(101)).isEqualTo("ENETUNREACH");
        assertThat(Errno.description(99)).isEqualTo("Cannot assign requested address");
        assertThat(Errno.name(4095)).isEqualTo("errno 4095");
    }
}
