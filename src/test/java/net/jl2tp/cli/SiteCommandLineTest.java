package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --site on the command line: the header that names the site and why (stdout with text, stderr
 * with json and ip), the refusals when no one site is this host's (exit 2, the kernel untouched),
 * and status's site line. The kernel is the captured scene (src/test/resources/export/), with no
 * route toward any remote.
 */
class SiteCommandLineTest {
    static final String LINKS = "src/test/resources/sites/hub-spokes.yaml";

    @TempDir
    Path tmp;

    /** The scene, this host's facts as given (null: the real ones, with the site file in tmp), the search path. */
    private KernelAccess access(SiteChoice.HostFacts facts, List<Path> searchPath) {
        return new KernelAccess() {
            @Override
            public Kernel open(Optional<String> netns) throws NetlinkException {
                return SceneKernel.open(OptionalLong.of(SceneKernel.NETNS_COOKIE),
                        request -> List.of(FakeNetlink.error(request, Errno.ENETUNREACH, null)));
            }

            @Override
            public Path stateDirectory() {
                return tmp.resolve("state");
            }

            @Override
            public List<Path> searchPath() {
                return searchPath;
            }

            @Override
            public Path configDirectory() {
                return tmp;
            }

            @Override
            public SiteChoice.HostFacts hostFacts(Optional<String> netns) {
                return facts == null ? KernelAccess.super.hostFacts(netns) : facts;
            }
        };
    }

    /** A host named {@code hostname} with these addresses, and no site file. */
    private SiteChoice.HostFacts host(String hostname, String... addresses) {
        List<InetAddress> here = java.util.Arrays.stream(addresses).map(a -> IpAddresses.parse(a).orElseThrow()).toList();
        return new SiteChoice.HostFacts(tmp.resolve("site"), hostname, "(none)", () -> here);
    }

    /** Like CliTest's NO_KERNEL, with this host's facts given. */
    private static KernelAccess noKernel(SiteChoice.HostFacts facts) {
        return new KernelAccess() {
            @Override
            public Kernel open(Optional<String> netns) {
                throw new AssertionError("the kernel was opened");
            }

            @Override
            public Path stateDirectory() {
                throw new AssertionError("the state directory was used");
            }

            @Override
            public SiteChoice.HostFacts hostFacts(Optional<String> netns) {
                return facts;
            }
        };
    }

    @Test
    void aDryRunWithLinksNamesTheSiteFirstOnStdout() {
        CliTest.Result r = CliTest.run(access(host("other"), List.of()), "--dry-run", "--site", "hub", "-c", LINKS);

        assertThat(r.out()).startsWith("site: hub (from --site)\n");
        assertThat(r.out().lines().skip(1)).anyMatch(line -> line.contains("hub-spoke1"));
        assertThat(r.out().lines().filter(line -> line.startsWith("site: "))).hasSize(1);
    }

    @Test
    void withJsonOrIpOutputTheSiteLineGoesToStderrAndStdoutIsThePlanAlone() {
        CliTest.Result json = CliTest.run(access(host("spoke1"), List.of()), "--dry-run", "-o", "json", "-c", LINKS);
        CliTest.Result ip = CliTest.run(access(host("spoke1"), List.of()), "--dry-run", "-o", "ip", "-c", LINKS);

        assertThat(json.err()).startsWith("site: spoke1 (host name spoke1)\n");
        assertThat(json.out()).startsWith("{").doesNotContain("site: ");
        assertThat(ip.err()).startsWith("site: spoke1 (host name spoke1)\n");
        assertThat(ip.out()).contains("l2tp add tunnel tunnel_id ").doesNotContain("site: ");
    }

    @Test
    void theSiteIsFoundByTheAddressTheKernelHas() throws IOException {
        // the real host facts (this machine's names match no site), the site file absent, the scene's addresses
        CliTest.Result r = CliTest.run(access(null, List.of()), "--dry-run", "-c", LINKS);

        assertThat(r.out()).startsWith("site: hub (address 192.0.2.1 is on this host)\n");
    }

    @Test
    void theSiteFileInTheConfigDirectoryChooses() throws IOException {
        Files.writeString(tmp.resolve("site"), "spoke2\n");

        CliTest.Result r = CliTest.run(access(null, List.of()), "--dry-run", "-c", LINKS);

        assertThat(r.out()).startsWith("site: spoke2 (from " + tmp.resolve("site") + ")\n");
    }

    @Test
    void withoutLinksNothingChangesAndNoSiteIsNamed() {
        CliTest.Result r = CliTest.run(access(host("other"), List.of()), "--dry-run", "-c", "examples/site-a.yaml");

        assertThat(r.out()).doesNotContain("site: ");
        assertThat(r.err()).doesNotContain("site: ");
    }

    @Test
    void noMatchingSiteIsRefusedWithTheCandidatesBeforeTheKernel() {
        CliTest.Result r = CliTest.run(noKernel(host("other", "203.0.113.77")), "-c", LINKS);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("jl2tp-apply: nothing applied: this config has links, and no site matches "
                + "this host").contains("\n  hub: address 192.0.2.1, hostnames [hub.example.net]\n")
                .contains("\n  spoke2: address 192.0.2.3\n").contains("choose one with --site NAME");
    }

    @Test
    void twoMatchingSitesAreRefusedWithWhyEachMatched() {
        CliTest.Result r = CliTest.run(noKernel(host("other", "192.0.2.2", "192.0.2.3")), "--dry-run", "-c", LINKS);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).isEqualTo("jl2tp-apply: nothing applied: several sites' addresses are on this host:\n"
                + "  spoke1: address 192.0.2.2 is on this host\n"
                + "  spoke2: address 192.0.2.3 is on this host\n"
                + "choose one with --site NAME, or write its name in " + tmp.resolve("site") + "\n");
    }

    @Test
    void anUnknownSiteIsAnErrorNamingTheSites() {
        CliTest.Result apply = CliTest.run(noKernel(host("other")), "--site", "hubb", "-c", LINKS);
        CliTest.Result tryIt = CliTest.run(noKernel(host("other")), "try", "--site", "hubb", "-c", LINKS);

        for (CliTest.Result r : List.of(apply, tryIt)) {
            assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
            assertThat(r.err()).isEqualTo("jl2tp-apply: nothing applied: --site names site 'hubb', which the config "
                    + "does not have; its sites: hub, spoke1, spoke2\n");
        }
    }

    @Test
    void theSiteLineComesBeforeTheProblemsOfItsHalf() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), Files.readString(Path.of(LINKS))
                .replace("      sequencing: both", "      l2spec-type: none\n      sequencing: both"));

        CliTest.Result r = CliTest.run(noKernel(host("hub.example.net")), "--dry-run", "-c", bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEqualTo("site: hub (host name hub.example.net)\n");
        assertThat(r.err()).startsWith(bad + ":18:19: sequencing both needs l2spec-type default");
    }

    @Test
    void tryExtendTakesNoSite() {
        CliTest.Result r = CliTest.run(CliTest.NO_KERNEL, "try", "--extend", "30", "--site", "hub");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: --extend goes alone");
    }

    /** A search path of one directory holding {@code file}. */
    private List<Path> searchPathWith(Path file) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("etc"));
        Files.copy(file, dir.resolve("links.yaml"));
        return List.of(dir);
    }

    @Test
    void statusNamesTheSiteAboveTheTablesAndInJson() throws IOException {
        KernelAccess access = access(host("spoke1"), searchPathWith(Path.of(LINKS)));

        CliTest.Result text = CliTest.run(access, "status");
        CliTest.Result json = CliTest.run(access, "status", "-o", "json");

        assertThat(text.exit()).isEqualTo(ExitCode.OK);
        assertThat(text.out()).startsWith("site: spoke1 (host name spoke1)\n");
        assertThat(json.out()).contains("\n  \"site\": {\n    \"name\": \"spoke1\",\n    \"why\": \"host name spoke1\"\n  },\n");
    }

    @Test
    void statusWithNoSiteSaysWhyOnStderrAndShowsTheKernel() throws IOException {
        KernelAccess access = access(host("other", "203.0.113.77"), searchPathWith(Path.of(LINKS)));

        CliTest.Result r = CliTest.run(access, "status", "-o", "json");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).startsWith("jl2tp-apply: cannot tell this host's site: this config has links, and no site");
        assertThat(r.out()).contains("\n  \"site\": null,\n");
    }

    @Test
    void statusWithABrokenConfigStillShowsTheKernel() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), Files.readString(Path.of(LINKS))
                .replace("ends: [hub, spoke1]", "ends: [hub, spoke1]\n      bogus-key: 1"));
        KernelAccess access = access(host("spoke1"), searchPathWith(broken));

        CliTest.Result r = CliTest.run(access, "status");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).doesNotContain("site: ").isNotEmpty();
        assertThat(r.err()).isEqualTo("jl2tp-apply: cannot tell this host's site: the config has problems "
                + "(jl2tp-apply validate lists them)\n");
    }
}
