package org.feedletter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns YAML text into a {@link YamlNode} tree with line numbers, from the tokens of Jackson's YAML parser. */
final class YamlTree {

    /** The text is not YAML, or uses YAML that feedletter does not read. */
    static final class SyntaxException extends Exception {

        private final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private YamlTree() {}

    /** The document, or empty when the text holds nothing but comments and blank lines. */
    static Optional<YamlNode> parse(String yaml) throws SyntaxException {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            YamlNode root = node(parser);
            if (parser.nextToken() != null) {
                throw new SyntaxException(line(parser),
                        "a second YAML document starts here; feedletter reads one document (remove the '---')");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw syntaxException(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail", e);
        }
    }

    /** Reads the node that starts at the current token, leaving the parser on its last token. */
    private static YamlNode node(JsonParser parser) throws IOException, SyntaxException {
        int line = line(parser);
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // Jackson hands an alias over as its bare name, which would silently become the value.
            throw new SyntaxException(line, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
        }
        return switch (token) {
            case START_OBJECT -> mapping(parser, line);
            case START_ARRAY -> sequence(parser, line);
            case VALUE_NULL -> new YamlNode.Empty(line);
            default -> new YamlNode.Scalar(line, parser.getText());
        };
    }

    private static YamlNode.Mapping mapping(JsonParser parser, int line) throws IOException, SyntaxException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            parser.nextToken();
            entries.add(new YamlNode.Entry(key, keyLine, node(parser)));
        }
        return new YamlNode.Mapping(line, entries);
    }

    private static YamlNode.Sequence sequence(JsonParser parser, int line) throws IOException, SyntaxException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser));
        }
        return new YamlNode.Sequence(line, items);
    }

    /** What the parser's words for the usual mistakes mean, for someone editing the file. */
    static Optional<String> plainWords(String problem, String context) {
        String p = problem == null ? "" : problem;
        String c = context == null ? "" : context;
        if (p.contains("cannot start any token") && p.contains("TAB")) {
            return Optional.of("a tab; YAML indents with spaces only");
        }
        if (p.startsWith("mapping values are not allowed here")) {
            return Optional.of("a 'key: value' where none may start: check that the line above has its ': ', that this "
                    + "line is indented like the keys beside it, and quote a value that holds ': '");
        }
        if (p.contains("could not find expected ':'")) {
            return Optional.of("a line of a section without the ': ' between its key and its value");
        }
        if (p.contains("but found '<block sequence start>'")) {
            return Optional.of("a list item ('- ') indented differently from the items above it");
        }
        if (p.contains("but found '<block mapping start>'") || p.contains("did not find expected key")) {
            return Optional.of("a key indented differently from the keys of its section");
        }
        if (p.contains("expected ',' or '}'")) {
            return Optional.of("a '{' that is not closed with '}' (or a ',' missing between its keys)");
        }
        if (p.contains("expected ',' or ']'")) {
            return Optional.of("a '[' that is not closed with ']' (or a ',' missing between its items)");
        }
        if (p.contains("found unexpected end of stream") && c.contains("quoted scalar")) {
            return Optional.of("a quote that is opened and not closed");
        }
        return Optional.empty();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * Only SnakeYAML's short problem text is used: its full message quotes the offending source line, which could
     * hold a secret.
     */
    private static SyntaxException syntaxException(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String parser = marked.getProblem();
            if (marked.getContext() != null && marked.getContextMark() != null) {
                parser += " (" + marked.getContext() + " that starts at line " + (marked.getContextMark().getLine() + 1) + ")";
            }
            String message = plainWords(marked.getProblem(), marked.getContext())
                    .map(words -> "YAML syntax error: " + words + "; the parser says: ")
                    .orElse("YAML syntax error: ") + parser;
            return new SyntaxException(marked.getProblemMark().getLine() + 1, message);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new SyntaxException(Math.max(line, 0), "YAML syntax error: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
}
