package net.jl2tp.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A document as show and status write it, before it is text: one tree, written as YAML or JSON,
 * so that both outputs have the same structure. A mapping keeps its keys in the order given; a
 * comment is YAML-only (JSON has none), which is how show says what the kernel does not report.
 */
public sealed interface Tree {

    record Mapping(List<Member> members) implements Tree {
        public Mapping {
            members = List.copyOf(members);
        }

        /** The entries, comments left out. */
        public List<Entry> entries() {
            return members.stream().filter(Entry.class::isInstance).map(Entry.class::cast).toList();
        }
    }

    record Sequence(List<Tree> items) implements Tree {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    record Text(String value) implements Tree {
    }

    record Number(long value) implements Tree {
    }

    record Bool(boolean value) implements Tree {
    }

    /** JSON null: a key whose value is absent, kept so that scripts find every key. */
    record Null() implements Tree {
    }

    /**
     * A value written on one line (JSON's compact form, YAML's flow style; comments inside are left
     * out): one object per line keeps a long list of plan steps or record entries readable and diffable.
     */
    record Line(Tree value) implements Tree {
    }

    sealed interface Member {
    }

    record Entry(String key, Tree value) implements Member {
    }

    /** A YAML comment line in the mapping, at the place of a key it explains. */
    record Comment(String text) implements Member {
    }

    static Text text(String value) {
        return new Text(value);
    }

    static Number number(long value) {
        return new Number(value);
    }

    static Bool bool(boolean value) {
        return new Bool(value);
    }

    static Line line(Tree value) {
        return new Line(value);
    }

    static Sequence sequence(List<? extends Tree> items) {
        return new Sequence(List.copyOf(items));
    }

    /** Builds a mapping member by member. */
    final class MappingBuilder {
        private final List<Member> members = new ArrayList<>();

        public MappingBuilder put(String key, Tree value) {
            members.add(new Entry(key, value));
            return this;
        }

        public MappingBuilder put(String key, String value) {
            return put(key, value == null ? new Null() : text(value));
        }

        public MappingBuilder put(String key, long value) {
            return put(key, number(value));
        }

        public MappingBuilder put(String key, boolean value) {
            return put(key, bool(value));
        }

        public MappingBuilder comment(String text) {
            members.add(new Comment(text));
            return this;
        }

        public Mapping build() {
            return new Mapping(members);
        }
    }

    static MappingBuilder mapping() {
        return new MappingBuilder();
    }
}
