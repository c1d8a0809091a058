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

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * Only SnakeYAML's short problem text is used: its full message quotes the offending source line, which could
     * hold a secret.
     */
    private static SyntaxException syntaxException(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            String message = "YAML syntax error: " + marked.getProblem();
            if (marked.getContext() != null && marked.getContextMark() != null) {
                message += " (" + marked.getContext() + " that starts at line " + (marked.getContextMark().getLine() + 1) + ")";
            }
            return new SyntaxException(marked.getProblemMark().getLine() + 1, message);
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new SyntaxException(Math.max(line, 0), "YAML syntax error: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
}
