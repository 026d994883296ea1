package net.jl2tp.apply;

import net.jl2tp.model.NetworkState;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a network state written in YAML (JSON included), as the test fixtures write it (the
 * planner's live.yaml files): the record's own format, read through SnakeYAML instead of the
 * product's strict JSON reader, with the same errors for the same shapes.
 */
public final class NetworkStateYaml {
    private NetworkStateYaml() {
    }

    public static NetworkState read(String text) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        return NetworkStateJson.fromTree(root);
    }
}
