package net.jl2tp.config;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The reader of a key whose value maps names the user chooses to objects of one kind (tunnels by
 * label, sessions by interface name, ...): each object's record type and key table are kept as
 * data, so that the JSON Schema ({@link ConfigSchema}) describes the objects from the same tables.
 * {@code ofOwner}: messages name the owner too ("sessions of tunnel 'to-b'").
 */
record NamedMap<T>(Class<? extends Record> type, KeyTable members, boolean ofOwner, FileBinder.NamedReader<T> reader)
        implements ConfigKey.ValueReader<List<T>> {
    @Override
    public List<T> read(NodeReader read, Node value, String key, String owner) {
        return FileBinder.namedMap(read, value, ofOwner ? key + " of " + owner : key, reader);
    }
}
