package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each config record is filled from its key table: every component but the object's own name
 * and its marks has exactly one key, so a validator's finding on a component is placed at that
 * key's value through the table.
 */
class KeyTablesTest {
    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(TunnelConfig.class, TunnelKeys.TABLE),
                Arguments.of(SessionConfig.class, SessionKeys.TABLE),
                Arguments.of(BridgeConfig.class, BridgeKeys.TABLE),
                Arguments.of(VlanConfig.class, VlanKeys.TABLE),
                Arguments.of(SiteConfig.class, SiteKeys.TABLE),
                Arguments.of(LinkEndConfig.class, LinkEndKeys.TABLE),
                Arguments.of(PortConfig.class, KeyTable.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyComponentHasOneKeyAndEveryKeyAComponent(Class<? extends Record> type, KeyTable table) {
        List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !Set.of("name", "label", "site", "marks").contains(name)).collect(Collectors.toList());

        for (String component : components) {
            assertThat(table.byComponent(component)).as(component).isPresent();
            assertThat(table.byComponent(component).orElseThrow().component()).isEqualTo(component);
        }
        assertThat(table.names()).hasSameSizeAs(components);
    }
}
