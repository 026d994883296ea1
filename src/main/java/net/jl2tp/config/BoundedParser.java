package net.jl2tp.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * The YAML parser's events, counted as the composer takes them: a file that holds more nodes, or
 * nests deeper, or has a longer key or value than any real site's, stops at that event with
 * {@link LimitExceeded}, before the composer has built a node tree of that size. The limits are
 * far above what a config needs (10 000 sessions are about 70 000 nodes, nested 9 deep, and the
 * longest value is an IPv6 address with a peer) and far below what costs seconds or memory.
 */
final class BoundedParser implements Parser {
    /** Nodes (scalars, lists, mappings, aliases) in one file. */
    static final int MAX_NODES = 200_000;
    /** Lists and mappings inside one another. */
    static final int MAX_DEPTH = 32;
    /** Characters of one key or value. */
    static final int MAX_SCALAR_LENGTH = 256;

    /** A limit was passed at this event. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Mark> mark;

        LimitExceeded(Optional<Mark> mark, String message) {
            super(message, null, false, false);
            this.mark = mark;
        }

        Optional<Mark> mark() {
            return mark;
        }
    }

    private final Parser parser;
    private int nodes;
    private int depth;

    BoundedParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case Scalar -> {
                count(event);
                int length = ((ScalarEvent) event).getValue().length();
                if (length > MAX_SCALAR_LENGTH) {
                    throw new LimitExceeded(event.getStartMark(), "this key or value is " + length
                            + " characters long; jl2tp reads keys and values of up to " + MAX_SCALAR_LENGTH);
                }
            }
            case Alias -> count(event);
            case SequenceStart, MappingStart -> {
                count(event);
                if (++depth > MAX_DEPTH) {
                    throw new LimitExceeded(event.getStartMark(), "lists and mappings are nested more than "
                            + MAX_DEPTH + " deep here; a jl2tp config nests fewer than 10");
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> {
            }
        }
        return event;
    }

    private void count(Event event) {
        if (++nodes > MAX_NODES) {
            throw new LimitExceeded(event.getStartMark(), "this file has more than " + MAX_NODES
                    + " keys, values, lists and mappings; jl2tp reads up to that many in a file");
        }
    }
}
