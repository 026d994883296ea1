package net.jl2tp.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Turns the bytes of one file into a YAML node tree with marks, or into problems. Every way the
 * bytes can be wrong ends here as a {@link Problem} with a position: the YAML library throws
 * several exception types, some without a position, and a Java exception must never reach a user.
 */
final class YamlDocument {
    /** Far above any real site file (10 000 sessions is about 2 MB), far below memory trouble. */
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Aliases to collections a file may use; more is an alias bomb, not a config. */
    private static final int MAX_ALIASES = 100;

    private YamlDocument() {
    }

    /** The parse of one file: its text (for carets) and its root node, or its problems. */
    record Parsed(String text, Optional<Node> root, List<Problem> problems) {
    }

    static Parsed parse(String file, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return failed(null, new Problem(SourceMark.startOf(file),
                    "file is " + bytes.length + " bytes; jl2tp reads config files up to " + MAX_BYTES + " bytes"));
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            return failed(null, new Problem(firstBadByte(file, bytes), "file is not valid UTF-8 text"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark is legal UTF-8 but not YAML content
        }
        List<Problem> tabs = tabsInIndentation(file, text);
        if (!tabs.isEmpty()) {
            return failed(text, tabs.toArray(Problem[]::new));
        }
        if (isBlank(text)) {
            return failed(text, new Problem(SourceMark.startOf(file),
                    "file is empty; a config file starts with 'l2tp:' and 'version: 1'"));
        }
        try {
            Iterator<Node> documents = compose(file, text);
            if (!documents.hasNext()) {
                return failed(text, new Problem(SourceMark.startOf(file),
                        "file has no YAML document; a config file starts with 'l2tp:' and 'version: 1'"));
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                SourceMark where = second.getStartMark().map(m -> SourceMark.of(file, m))
                        .orElse(SourceMark.startOf(file));
                return failed(text, new Problem(where,
                        "file has more than one YAML document; put one 'l2tp:' mapping in each file"));
            }
            return new Parsed(text, Optional.of(root), List.of());
        } catch (BoundedParser.LimitExceeded e) {
            SourceMark where = e.mark().map(m -> SourceMark.of(file, m)).orElse(SourceMark.startOf(file));
            return failed(text, new Problem(where, e.getMessage()));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            SourceMark where = mark.map(m -> SourceMark.of(file, m)).orElse(SourceMark.startOf(file));
            return failed(text, new Problem(where, "YAML syntax error: " + describe(e)));
        } catch (StackOverflowError e) {
            return failed(text, new Problem(SourceMark.startOf(file), "YAML nesting is too deep"));
        } catch (RuntimeException e) {
            // YamlEngineException without a mark, and the bare IllegalArgumentException of '!%a'.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
            if (detail.startsWith("Number of aliases")) {
                detail = "more than " + MAX_ALIASES + " aliases to lists or mappings; jl2tp refuses this "
                        + "as a possible alias bomb";
            }
            return failed(text, new Problem(SourceMark.startOf(file), "YAML syntax error: " + detail));
        }
    }

    /** The documents of the text, composed from a parser that stops at the limits. */
    private static Iterator<Node> compose(String file, String text) {
        LoadSettings settings = settings(file);
        return new Composer(settings, new BoundedParser(new ParserImpl(settings, new StreamReader(settings, text))));
    }

    private static LoadSettings settings(String file) {
        return LoadSettings.builder()
                .setLabel(file)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .setParseComments(false)
                .setAllowNonScalarKeys(true) // refused by the binder, with the key's position
                .build();
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem == null || problem.isBlank()) {
            return context == null ? firstLine(String.valueOf(e.getMessage())) : context;
        }
        return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Parsed failed(String text, Problem... problems) {
        return new Parsed(text, Optional.empty(), List.of(problems));
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Points at the first byte that is not UTF-8, counting columns in characters before it. */
    private static SourceMark firstBadByte(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true); // stops at the first malformed sequence
        out.flip();
        int line = 1;
        int column = 1;
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceMark(file, line, column);
    }

    private static List<Problem> tabsInIndentation(String file, String text) {
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (int col = 0; col < line.length(); col++) {
                char c = line.charAt(col);
                if (c == '\t') {
                    problems.add(new Problem(new SourceMark(file, i + 1, col + 1),
                            "tab character in indentation; YAML indents with spaces only"));
                    break;
                }
                if (c != ' ') {
                    break;
                }
            }
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return false;
            }
        }
        return true;
    }
}
