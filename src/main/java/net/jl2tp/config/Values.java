package net.jl2tp.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jl2tp.model.AddressSyntax;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** The readers of the key tables' values: one per kind of value, each reporting its own problems. */
final class Values {
    private static final Map<String, Encap> ENCAPS = words(Encap.values(), Encap::keyword);
    private static final Map<String, Sequencing> SEQUENCINGS = words(Sequencing.values(), Sequencing::keyword);
    private static final Map<String, LinkConfig.Cookies> COOKIE_MODES = words(LinkConfig.Cookies.values(),
            c -> c.name().toLowerCase(java.util.Locale.ROOT));

    private Values() {
    }

    // The readers as the key tables name them: one object each, so that the JSON Schema
    // (ConfigSchema) can tell which kind of value a key takes from its reader.
    static final ConfigKey.ValueReader<Long> NUMBER = Values::number;
    static final ConfigKey.ValueReader<Boolean> BOOL = Values::bool;
    static final ConfigKey.ValueReader<String> TEXT = Values::text;
    static final ConfigKey.ValueReader<InetAddress> IP_ADDRESS = Values::ipAddress;
    static final ConfigKey.ValueReader<Encap> ENCAP = Values::encap;
    static final ConfigKey.ValueReader<Sequencing> SEQUENCING = Values::sequencing;
    static final ConfigKey.ValueReader<L2specType> L2SPEC_TYPE = Values::l2specType;
    static final ConfigKey.ValueReader<List<String>> WORDS = Values::words;
    static final ConfigKey.ValueReader<List<String>> ENDS = Values::ends;
    static final ConfigKey.ValueReader<String> COOKIE = Values::cookie;
    static final ConfigKey.ValueReader<LinkConfig.Cookies> LINK_COOKIES = Values::linkCookies;
    static final ConfigKey.ValueReader<Mtu> MTU_OR_AUTO = Values::mtuOrAuto;
    static final ConfigKey.ValueReader<Mtu> FIXED_MTU = Values::fixedMtu;
    static final ConfigKey.ValueReader<List<AddressConfig>> ADDRESSES = Values::addresses;
    static final ConfigKey.ValueReader<List<PortConfig>> PORTS = FileBinder::ports;

    /** The words each keyword reader takes, in the order its message lists them. */
    static java.util.Set<String> encapWords() {
        return ENCAPS.keySet();
    }

    static java.util.Set<String> sequencingWords() {
        return SEQUENCINGS.keySet();
    }

    static java.util.Set<String> linkCookiesWords() {
        return COOKIE_MODES.keySet();
    }

    static Long number(NodeReader read, Node node, String key, String owner) {
        return read.number(node, key);
    }

    static Boolean bool(NodeReader read, Node node, String key, String owner) {
        return read.bool(node, key);
    }

    static String text(NodeReader read, Node node, String key, String owner) {
        return read.scalarText(node, key).orElse(null);
    }

    static InetAddress ipAddress(NodeReader read, Node node, String key, String owner) {
        return read.ipAddress(node, key);
    }

    static Encap encap(NodeReader read, Node node, String key, String owner) {
        return read.keyword(node, key, ENCAPS);
    }

    static Sequencing sequencing(NodeReader read, Node node, String key, String owner) {
        return read.keyword(node, key, SEQUENCINGS);
    }

    static L2specType l2specType(NodeReader read, Node node, String key, String owner) {
        return read.scalarText(node, key).map(text -> switch (text) {
            case "default" -> L2specType.DEFAULT;
            case "none" -> L2specType.NONE;
            case "udp" -> {
                read.problem(node, key + " 'udp' does not exist: the man page lists it by mistake "
                        + "(iproute2 and the kernel know none and default); did you mean 'default'?");
                yield null;
            }
            default -> {
                read.problem(node, key + " must be one of default, none, not '" + text + "'");
                yield null;
            }
        }).orElse(null);
    }

    /** A list of plain words (a site's hostnames). */
    static List<String> words(NodeReader read, Node node, String key, String owner) {
        List<String> out = new ArrayList<>();
        read.sequence(node, key + " of " + owner).ifPresent(items -> {
            for (Node item : items) {
                read.scalarText(item, "an item of " + key).ifPresent(out::add);
            }
        });
        return out;
    }

    /** A link's {@code ends}: exactly two different site names. */
    static List<String> ends(NodeReader read, Node node, String key, String owner) {
        List<String> ends = words(read, node, key, owner);
        if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode && (ends.size() != 2 || ends.get(0).equals(ends.get(1)))) {
            read.problem(node, key + " of " + owner + " must name two different sites, like [hub, spoke1]");
        }
        return ends;
    }

    /** A cookie a link's end sends: checked here, since its session is made only by expansion. */
    static String cookie(NodeReader read, Node node, String key, String owner) {
        return read.scalarText(node, key).map(text -> {
            if (!net.jl2tp.model.Cookie.isValidHex(text)) {
                read.problem(node, key + " '" + NodeReader.shown(text) + "' must be 8 or 16 hex digits (a 4- or "
                        + "8-byte cookie), like 014d3636deadbeef");
                return null;
            }
            return text;
        }).orElse(null);
    }

    static LinkConfig.Cookies linkCookies(NodeReader read, Node node, String key, String owner) {
        return read.keyword(node, key, COOKIE_MODES);
    }

    static Mtu mtuOrAuto(NodeReader read, Node node, String key, String owner) {
        return mtu(read, node, key, true);
    }

    static Mtu fixedMtu(NodeReader read, Node node, String key, String owner) {
        return mtu(read, node, key, false);
    }

    private static Mtu mtu(NodeReader read, Node node, String key, boolean autoAllowed) {
        return read.scalarText(node, key).map(text -> {
            if (text.equals("auto")) {
                if (autoAllowed) {
                    return (Mtu) new Mtu.Auto();
                }
                read.problem(node, key + ": auto is computed from a tunnel's path and applies to sessions only; "
                        + "give a number in 68..65535");
                return null;
            }
            Long bytes = read.number(node, key);
            if (bytes == null) {
                return null;
            }
            if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
                read.problem(node, key + " must be " + (autoAllowed ? "auto or " : "") + "a number in 68..65535");
                return null;
            }
            return new Mtu.Fixed(bytes.intValue());
        }).orElse(null);
    }

    static List<AddressConfig> addresses(NodeReader read, Node node, String key, String owner) {
        List<AddressConfig> out = new ArrayList<>();
        read.sequence(node, key).ifPresent(items -> {
            for (Node item : items) {
                Optional<InterfaceAddress> address = item instanceof ScalarNode
                        ? read.scalarText(item, "an address").flatMap(text -> parsed(read, item, null,
                                AddressSyntax.prefixed(text)))
                        : pair(read, item);
                address.ifPresent(a -> out.add(new AddressConfig(a, read.mark(item))));
            }
        });
        return out;
    }

    /** {@code { address: 10.42.1.1, peer: 10.42.1.2[/len] }}, as {@code ip addr add A peer P}. */
    private static Optional<InterfaceAddress> pair(NodeReader read, Node node) {
        var found = read.mapping(node, "an address", AddressKeys.TABLE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        if (e.hadUnknownKeys()) {
            return Optional.empty(); // said already; guessing what was meant would add noise
        }
        Node addressNode = e.get(AddressKeys.ADDRESS).orElse(null);
        if (addressNode == null) {
            read.problem(read.mark(node), "an address mapping needs '" + AddressKeys.ADDRESS + "'");
            return Optional.empty();
        }
        Optional<String> addressText = read.scalarText(addressNode, AddressKeys.ADDRESS.yaml());
        if (addressText.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> peerNode = e.get(AddressKeys.PEER);
        if (peerNode.isEmpty()) {
            // { address: 192.0.2.1/24 } is allowed too
            return parsed(read, addressNode, null, AddressSyntax.prefixed(addressText.get()));
        }
        AddressSyntax.Result own = AddressSyntax.ownOfPair(addressText.get());
        if (own instanceof AddressSyntax.Invalid invalid && addressText.get().contains("/")) {
            read.problem(addressNode, invalid.message()); // the peer is not read: it would only add noise
            return Optional.empty();
        }
        Optional<InterfaceAddress> address = parsed(read, addressNode, null, own);
        Optional<String> peerText = read.scalarText(peerNode.get(), AddressKeys.PEER.yaml());
        if (peerText.isEmpty() || address.isEmpty()) {
            return Optional.empty();
        }
        return parsed(read, addressNode, peerNode.get(),
                AddressSyntax.peerOf(address.get(), addressText.get(), peerText.get()));
    }

    /** The address, or its problem reported at the node of the part at fault. */
    private static Optional<InterfaceAddress> parsed(NodeReader read, Node addressNode, Node peerNode,
            AddressSyntax.Result result) {
        if (result instanceof AddressSyntax.Invalid invalid) {
            read.problem(invalid.part() == AddressSyntax.Part.PEER ? peerNode : addressNode, invalid.message());
            return Optional.empty();
        }
        return Optional.of(((AddressSyntax.Parsed) result).address());
    }

    private static <E> Map<String, E> words(E[] values, Function<E, String> word) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(word.apply(value), value);
        }
        return Collections.unmodifiableMap(map);
    }
}
