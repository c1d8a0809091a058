package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class YamlTreeTest {

    @Test
    void every_node_and_key_knows_its_line() throws Exception {
        YamlNode root = YamlTree.parse("""
                # a comment
                mail:
                  host: smtp.example.org
                feeds:
                  - url: https://example.org/feed/

                    name: Example
                  - { url: "https://example.net/" }
                """).orElseThrow();

        assertThat(root).isEqualTo(new YamlNode.Mapping(2, List.of(
                new YamlNode.Entry("mail", 2, new YamlNode.Mapping(3, List.of(
                        new YamlNode.Entry("host", 3, new YamlNode.Scalar(3, "smtp.example.org"))))),
                new YamlNode.Entry("feeds", 4, new YamlNode.Sequence(5, List.of(
                        new YamlNode.Mapping(5, List.of(
                                new YamlNode.Entry("url", 5, new YamlNode.Scalar(5, "https://example.org/feed/")),
                                new YamlNode.Entry("name", 7, new YamlNode.Scalar(7, "Example")))),
                        new YamlNode.Mapping(8, List.of(
                                new YamlNode.Entry("url", 8, new YamlNode.Scalar(8, "https://example.net/"))))))))));
    }

    @Test
    void numbers_and_booleans_stay_text_as_written() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("port: 0587\nsecurity: off\nrate: 0.50\n").orElseThrow();

        assertThat(root.entries()).extracting(e -> ((YamlNode.Scalar) e.value()).text())
                .containsExactly("0587", "off", "0.50");
    }

    @Test
    void a_key_without_a_value_is_empty() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("web:\nfetch: ~\n").orElseThrow();

        assertThat(root.entries()).extracting(YamlNode.Entry::value)
                .containsExactly(new YamlNode.Empty(1), new YamlNode.Empty(2));
    }

    @Test
    void repeated_keys_are_kept_for_the_reader_to_report() throws Exception {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlTree.parse("a: 1\na: 2\n").orElseThrow();

        assertThat(root.entries()).extracting(YamlNode.Entry::line).containsExactly(1, 2);
        assertThat(root.entry("a")).map(YamlNode.Entry::value).contains(new YamlNode.Scalar(1, "1"));
    }

    @Test
    void nothing_but_comments_is_no_document() throws Exception {
        assertThat(YamlTree.parse("")).isEmpty();
        assertThat(YamlTree.parse("# nothing\n\n")).isEmpty();
        assertThat(YamlTree.parse("---\n")).isEmpty();
    }

    @Test
    void a_syntax_error_carries_its_line() {
        YamlTree.SyntaxException e = catchThrowableOfType(YamlTree.SyntaxException.class,
                () -> YamlTree.parse("a:\n  b: [1, 2\nc: 3\n"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("YAML syntax error: ").contains("flow sequence that starts at line 2");
    }
}
