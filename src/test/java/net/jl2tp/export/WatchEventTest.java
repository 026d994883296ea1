package net.jl2tp.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jl2tp.apply.Drift;
import net.jl2tp.json.JsonReader;
import org.junit.jupiter.api.Test;

/** One event, one line: the same keys in the same order, whatever the event. */
class WatchEventTest {
    private static final Instant T = Instant.parse("2026-12-06T19:27:11.263456Z");

    @Test
    void aDriftAsJsonAndAsText() {
        WatchEvent e = WatchEvent.of(T, new Drift("link", "pw1", "changed", List.of("mtu: 1400 -> 1300", "up: true -> false"),
                Drift.Relation.owned));

        assertThat(e.json()).isEqualTo("{\"time\":\"2026-12-06T19:27:11.263Z\",\"kind\":\"link\",\"object\":\"pw1\","
                + "\"change\":\"changed\",\"relation\":\"owned\",\"details\":[\"mtu: 1400 -> 1300\",\"up: true -> false\"]}");
        assertThat(e.text()).isEqualTo("2026-12-06T19:27:11.263Z link pw1 changed (owned): mtu: 1400 -> 1300; up: true -> false");
    }

    @Test
    void theWatchsOwnEventHasANullRelationAndParsesBack() {
        WatchEvent e = WatchEvent.own(T, "backoff", "session 10/3 (pw1)", "backing off 10 s", List.of("a \"quoted\"\nline"));

        Map<?, ?> parsed = (Map<?, ?>) JsonReader.parse(e.json());
        assertThat(List.<Object>copyOf(parsed.keySet())).containsExactly("time", "kind", "object", "change", "relation", "details");
        assertThat(parsed.get("relation")).isNull();
        assertThat(parsed.get("details")).isEqualTo(List.of("a \"quoted\"\nline"));
        assertThat(e.json()).doesNotContain("\n");
        assertThat(e.text()).isEqualTo("2026-12-06T19:27:11.263Z backoff session 10/3 (pw1) backing off 10 s: a \"quoted\"\nline");
    }
}
