package net.jl2tp.config;

import org.snakeyaml.engine.v2.nodes.Node;

/** The reader of a key whose value is a mapping of {@code table}'s keys, read by its binder ({@code l2tp:}). */
record Nested(KeyTable table) implements ConfigKey.ValueReader<Node> {
    @Override
    public Node read(NodeReader read, Node value, String key, String owner) {
        return value;
    }
}
