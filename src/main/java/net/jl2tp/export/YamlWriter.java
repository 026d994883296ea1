package net.jl2tp.export;

import net.jl2tp.json.Tree;

import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.emitter.Emitter;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Writes a {@link Tree} as block-style YAML, two spaces a level, through SnakeYAML Engine's
 * emitter: the emitter decides when a string needs quotes (a name such as {@code @pw0} starts
 * with a YAML indicator), so every string reads back as itself. A string that a YAML tool would
 * resolve to something else ({@link PlainScalars}) is double-quoted: {@code "00000012"} would be a
 * number to a YAML 1.1 tool, {@code "true"} a boolean.
 */
public final class YamlWriter {
    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true) // "  - item", indented under its key
            .setDumpComments(true)
            .setSplitLines(false) // a value stays on its line, whatever its length
            .build();
    private static final ImplicitTuple TAG_IMPLIED = new ImplicitTuple(true, true);
    private static final ImplicitTuple TAG_IMPLIED_WHEN_QUOTED = new ImplicitTuple(false, true);

    private YamlWriter() {
    }

    public static String write(Tree tree) {
        StringBuilder out = new StringBuilder();
        Emitter emitter = new Emitter(SETTINGS, new StreamDataWriter() {
            @Override
            public void write(String text) {
                out.append(text);
            }

            @Override
            public void write(String text, int offset, int length) {
                out.append(text, offset, offset + length);
            }
        });
        emitter.emit(new StreamStartEvent());
        emitter.emit(new DocumentStartEvent(false, Optional.empty(), Map.of()));
        node(emitter, tree, FlowStyle.BLOCK);
        emitter.emit(new DocumentEndEvent(false));
        emitter.emit(new StreamEndEvent());
        return out.toString();
    }

    private static void node(Emitter emitter, Tree tree, FlowStyle style) {
        if (tree instanceof Tree.Mapping mapping) {
            mapping(emitter, mapping, style);
        } else if (tree instanceof Tree.Sequence sequence) {
            emitter.emit(new SequenceStartEvent(Optional.empty(), Optional.empty(), true, style));
            sequence.items().forEach(item -> node(emitter, item, style));
            emitter.emit(new SequenceEndEvent());
        } else if (tree instanceof Tree.Line line) {
            node(emitter, line.value(), FlowStyle.FLOW);
        } else if (tree instanceof Tree.Text t) {
            text(emitter, t.value());
        } else if (tree instanceof Tree.Number n) {
            scalar(emitter, Tag.INT, Long.toString(n.value()));
        } else if (tree instanceof Tree.Bool b) {
            scalar(emitter, Tag.BOOL, Boolean.toString(b.value()));
        } else if (tree instanceof Tree.Null) {
            scalar(emitter, Tag.NULL, "null");
        }
    }

    /**
     * A mapping of comments only is written as its comments over {@code {}}: the emitter has no
     * block mapping without keys, and {@code {}} keeps the YAML the same document as the JSON.
     */
    private static void mapping(Emitter emitter, Tree.Mapping mapping, FlowStyle style) {
        boolean block = style == FlowStyle.BLOCK; // a flow mapping (one line) has no room for comments
        boolean onlyComments = mapping.entries().isEmpty();
        if (onlyComments && block) {
            mapping.members().forEach(member -> comment(emitter, (Tree.Comment) member));
        }
        emitter.emit(new MappingStartEvent(Optional.empty(), Optional.empty(), true, style));
        if (!onlyComments) {
            for (Tree.Member member : mapping.members()) {
                if (member instanceof Tree.Comment comment) {
                    if (block) {
                        comment(emitter, comment);
                    }
                } else if (member instanceof Tree.Entry entry) {
                    text(emitter, entry.key());
                    node(emitter, entry.value(), style);
                }
            }
        }
        emitter.emit(new MappingEndEvent());
    }

    /** One comment line; a line break in it (from a name the kernel gave) would end the comment. */
    private static void comment(Emitter emitter, Tree.Comment comment) {
        String oneLine = comment.text().replaceAll("[\\r\\n\\u0085\\u2028\\u2029]", "?");
        emitter.emit(new CommentEvent(CommentType.BLOCK, " " + oneLine, Optional.empty(), Optional.empty()));
    }

    private static void text(Emitter emitter, String text) {
        if (PlainScalars.readBackAsText(text)) {
            // plain if the emitter can write it so, quoted otherwise: the emitter's choice
            emitter.emit(new ScalarEvent(Optional.empty(), Optional.of(Tag.STR.getValue()), TAG_IMPLIED, text,
                    ScalarStyle.PLAIN));
        } else {
            emitter.emit(new ScalarEvent(Optional.empty(), Optional.of(Tag.STR.getValue()), TAG_IMPLIED_WHEN_QUOTED,
                    text, ScalarStyle.DOUBLE_QUOTED));
        }
    }

    private static void scalar(Emitter emitter, Tag tag, String text) {
        emitter.emit(new ScalarEvent(Optional.empty(), Optional.of(tag.getValue()), TAG_IMPLIED, text,
                ScalarStyle.PLAIN));
    }
}
