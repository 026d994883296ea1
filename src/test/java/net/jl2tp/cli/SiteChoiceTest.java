package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jl2tp.config.Marks;
import net.jl2tp.config.SiteConfig;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.IpAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of site selection, its ambiguities and the case where none matches, from the fixtures
 * in src/test/resources/sites/: per case the host's facts ({@code hostname}, {@code domainname},
 * {@code addresses} one a line, optionally a {@code site} file and a {@code flag} for --site) and
 * the {@code expected} header line, or {@code error} and the lines the message must contain.
 */
class SiteChoiceTest {
    private static final Path FIXTURES = Path.of("src/test/resources/sites");

    /** The sites of every case: a hub, two spokes, and two sites sharing a host name. */
    static final List<SiteConfig> SITES = List.of(
            site("hub", "192.0.2.1", "hub.example.net"),
            site("spoke1", "192.0.2.2", "spoke1"),
            site("spoke2", "192.0.2.3", "spoke2", "Spoke2.example.net"),
            site("twin-a", "198.51.100.1", "twin"),
            site("twin-b", "2001:db8::a", "twin"));

    static SiteConfig site(String name, String address, String... hostnames) {
        return new SiteConfig(name, IpAddresses.parse(address).orElseThrow(), List.of(hostnames),
                Marks.at(new SourceMark("sites.yaml", 1, 1)));
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachFixtureChoosesOrRefusesAsExpected(String name) throws Exception {
        Path dir = FIXTURES.resolve(name);
        Path siteFile = dir.resolve("site");
        SiteChoice.HostFacts host = new SiteChoice.HostFacts(siteFile, read(dir, "hostname"), read(dir, "domainname"),
                () -> addresses(dir));
        Optional<String> flag = Files.exists(dir.resolve("flag")) ? Optional.of(read(dir, "flag")) : Optional.empty();
        List<String> expected = Files.readAllLines(dir.resolve("expected"), StandardCharsets.UTF_8).stream()
                .map(line -> line.replace("SITEFILE", siteFile.toString())).toList();

        if (expected.get(0).equals("error")) {
            assertThatThrownBy(() -> SiteChoice.choose(SITES, flag, host))
                    .isInstanceOf(SiteChoice.NoSite.class)
                    .satisfies(e -> {
                        for (String line : expected.subList(1, expected.size())) {
                            assertThat(e.getMessage()).contains(line);
                        }
                    });
        } else {
            assertThat(SiteChoice.choose(SITES, flag, host).header()).isEqualTo(expected.get(0));
        }
    }

    @Test
    void theAddressesAreNotReadWhenAnEarlierRuleDecides() throws Exception {
        SiteChoice.HostFacts host = new SiteChoice.HostFacts(FIXTURES.resolve("absent"), "spoke1", "(none)", () -> {
            throw new AssertionError("the kernel's addresses were read");
        });

        assertThat(SiteChoice.choose(SITES, Optional.empty(), host)).isEqualTo(
                new SiteChoice.Chosen("spoke1", "host name spoke1"));
    }

    @Test
    void theFqdnIsTriedBeforeTheShortName() throws Exception {
        List<SiteConfig> sites = List.of(site("by-short", "192.0.2.1", "gw"), site("by-fqdn", "192.0.2.2", "gw.example.net"));
        SiteChoice.HostFacts host = new SiteChoice.HostFacts(FIXTURES.resolve("absent"), "gw", "example.net",
                List::of);

        assertThat(SiteChoice.choose(sites, Optional.empty(), host).site()).isEqualTo("by-fqdn");
    }

    @Test
    void aSiteFileWithControlCharactersIsRefusedWithoutEchoingThem() throws Exception {
        Path file = Files.createTempFile("site", "");
        try {
            Files.write(file, new byte[] {'h', 'u', 'b', 0x1b, '[', '2', 'J', '\n'});

            assertThatThrownBy(() -> SiteChoice.siteFile(file)).isInstanceOf(SiteChoice.NoSite.class)
                    .hasMessageContaining("must hold one word").hasMessageNotContaining("\u001b");
        } finally {
            Files.delete(file);
        }
    }

    /** A FIFO would block the read forever (the boot unit with it): refused before it is opened. */
    @Test
    void aSiteFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path dir = Files.createTempDirectory("site");
        Path fifo = dir.resolve("site");
        try {
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

            assertThatThrownBy(() -> SiteChoice.siteFile(fifo)).isInstanceOf(SiteChoice.NoSite.class)
                    .hasMessageContaining("is not a regular file");
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(dir);
        }
    }

    @Test
    void anAbsentSiteFileLeavesTheChoiceToTheNextRule() throws Exception {
        assertThat(SiteChoice.siteFile(FIXTURES.resolve("absent"))).isEmpty();
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip();
    }

    private static List<InetAddress> addresses(Path dir) {
        try {
            List<InetAddress> out = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("addresses"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(IpAddresses.parse(line.strip()).orElseThrow());
                }
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
