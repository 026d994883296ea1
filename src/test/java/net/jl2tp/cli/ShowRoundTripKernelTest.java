package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ShowRoundTripTest on the real kernel: sessions whose names YAML reserves or reads as something
 * else, with every cookie form, made by apply; show's output, applied with --dry-run, is in sync.
 * Every name is one the validator accepts: printable ASCII, no '%' (a name template to Linux).
 */
@KernelTest
class ShowRoundTripKernelTest {
    private static final List<String> NAMES = List.of("@pw0", "`pw0", "!pw0", "&pw0", "*pw0", "-", "?",
            "#pw0", "'pw0", "[pw0", "true", "on", "null", "~", "00000012", "1e3", "2001-12-14", "<<",
            "{pw0}", "a,b", "abcdefghijklmno");

    @TempDir
    Path tmp;

    @Test
    void showOfSessionsWithOddNamesAndEveryCookieFormIsInSyncWhenApplied() throws Exception {
        // one flow mapping: the names are JSON strings, which YAML reads as written
        StringBuilder config = new StringBuilder("l2tp: {version: 1, tunnels: {odd: {tunnel-id: 3000, "
                + "peer-tunnel-id: 4000, local: 192.0.2.1, remote: 192.0.2.2, udp-source-port: 5000, "
                + "udp-destination-port: 6000, sessions: {\n");
        List<String> cookies = ShowRoundTripTest.COOKIES;
        for (int i = 0; i < NAMES.size(); i++) {
            config.append("  ").append(JsonWriter.quote(NAMES.get(i))).append(": {session-id: ").append(1000 + i)
                    .append(", peer-session-id: ").append(2000 + i).append(", cookie: \"")
                    .append(cookies.get(i % cookies.size())).append("\", peer-cookie: \"")
                    .append(cookies.get((i + 1) % cookies.size())).append("\"},\n");
        }
        config.append("}}}}\n");
        CliInNetns cli = new CliInNetns(tmp.resolve("state"));
        try (TwoHosts hosts = TwoHosts.create()) {
            CliInNetns.Result apply = cli.run(hosts.a, "-c", Files.writeString(tmp.resolve("odd.yaml"), config).toString());
            assertThat(apply.exit()).as(apply.all()).isZero();

            CliInNetns.Result show = cli.run(hosts.a, "show");
            assertThat(show.exit()).as(show.all()).isZero();
            assertThat(show.out()).contains("        '@pw0':\n", "        \"true\":\n", "cookie: \"00000012\"\n");

            CliInNetns.Result again = cli.run(hosts.a, "--dry-run", "--exit-code", "-c",
                    Files.writeString(tmp.resolve("show.yaml"), show.out()).toString());
            assertThat(again.exit()).as(show.out() + again.all()).isZero();
            assertThat(again.out()).startsWith("in sync: nothing to change\n");
        }
    }
}
