package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our one-walk writer against jsoup's own serializer, on the trees the sanitizer leaves. */
class CleanTreeWriterTest {

    private static final URI BASE = URI.create("https://example.org/qc/piece/");

    static Stream<String> inputs() {
        List<String> inputs = new ArrayList<>(HtmlSanitizerSafetyTest.HOSTILE);
        inputs.addAll(List.of(
                "<p>A <b>bold</b> <em>claim</em> with <a href=\"https://example.org/a?x=1&amp;y=2\">a link</a>.</p>",
                "<p title=\"x\">text &amp; &lt;tags&gt; &quot;quoted&quot; 'single' a&nbsp;b</p>",
                "<img src=\"/i.png\" alt=\"a &quot;chart&quot; &lt;b&gt; &amp; more&nbsp;\" width=\"10\"><br><hr>",
                "<table><colgroup><col span=\"2\"></colgroup><tr><td colspan=\"2\">cell</td></tr></table>",
                "<pre>  indented\n\tcode  &lt;x&gt;\n</pre><p>after</p>",
                "Caf\u00e9, na\u00efve, \u00c5land, \u4e2d\u6587, emoji \ud83d\ude00 and &eacute;&#x1F600;&#128512;",
                "<abbr title=\"North Atlantic\">NATO</abbr> <time datetime=\"2026-11-27T08:00\">today</time>",
                "<blockquote cite=\"https://example.org/src\"><q cite=\"/rel\">quoted</q></blockquote>",
                "<ol start=\"3\" type=\"a\"><li>one<li>two</ol><dl><dt>t<dd>d</dl>",
                "text with a lone surrogate \ud800 here and \udfff there",
                "<p>unclosed <b>bold <i>italic</p> tail",
                "<div><span>a</span>\n\n<span>b</span></div><figure><figcaption>c</figcaption></figure>"));
        Random random = new Random(7);
        String[] pieces = {"<p>", "</p>", "<b>", "</b>", "<a href=\"https://e.org/?a=1&b=2\">", "</a>", "<br>", "<img src=x>",
                "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "\"", "'", "<", ">", "&", "\u00a0", " ", "\n", "word",
                "<font>", "</font>", "<script>x</script>", "<!-- c -->", "<td>", "<tr>", "<table>", "</table>",
                "<img alt=\"<&>\u00a0\" src=\"https://e.org/i.png\">", "\u00e9", "\ud83d\ude00", "<ul><li>", "<hr/>"};
        for (int i = 0; i < 300; i++) {
            StringBuilder html = new StringBuilder();
            for (int n = random.nextInt(30); n >= 0; n--) {
                html.append(pieces[random.nextInt(pieces.length)]);
            }
            inputs.add(html.toString());
        }
        return inputs.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void writesWhatJsoupWrites(String input) {
        Element body = HtmlSanitizer.cleanBody(input, BASE);

        assertThat(CleanTreeWriter.write(body, input.length()).html()).isEqualTo(body.html());
    }

    @Test
    void takesTheTextWithBlocksApartAndWhitespaceCollapsed() {
        Element body = HtmlSanitizer.cleanBody("<p>One\n  <b>two</b></p><p>three&nbsp;&amp; four</p><ul><li>five</ul>",
                BASE);

        assertThat(CleanTreeWriter.write(body, 0).text()).isEqualTo("One two three & four five");
    }

    /** A bridged social post sets its lines apart with line breaks only: their words must not run together. */
    @Test
    void aLineBreakPartsWordsAsABlockDoes() {
        Element body = HtmlSanitizer.cleanBody("<b>Water code: who gains?</b><br><br>The Mazhilis passed it.<br>"
                + "\u270d\ufe0f A. Seitkali<br><a href=\"https://e.org/p\">Read more</a>", BASE);

        assertThat(CleanTreeWriter.write(body, 0).text())
                .isEqualTo("Water code: who gains? The Mazhilis passed it. \u270d\ufe0f A. Seitkali Read more")
                .isEqualTo(body.text());
    }

    @Test
    void spacesAreJavasWhitespaceAndTheNoBreakSpace() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(CleanTreeWriter.isSpace(c)).as("U+%04X", (int) c)
                    .isEqualTo(Character.isWhitespace(c) || c == '\u00A0');
        }
    }

    @Test
    void anAttributeLongerThanAnyTextBeforeItIsWrittenWhole() {
        String url = "https://example.org/ref?utm_source=" + "x".repeat(400);
        Element body = HtmlSanitizer.cleanBody("<p><a href=\"" + url + "\">source</a> and more</p>", BASE);

        assertThat(CleanTreeWriter.write(body, 0).html()).isEqualTo(body.html()).contains(url);
    }

    @Test
    void aTextToEscapeLongerThanAnyTextBeforeItIsWrittenWhole() {
        String text = "Profits & losses " + "word ".repeat(400);
        Element body = HtmlSanitizer.cleanBody("<p>" + text + "</p>", BASE);

        var written = CleanTreeWriter.write(body, 0);
        assertThat(written.html()).isEqualTo(body.html()).contains("Profits &amp; losses");
        assertThat(written.text()).startsWith("Profits & losses word");
    }

    @Test
    void takesOnlyTheOpeningOfALongText() {
        Element body = HtmlSanitizer.cleanBody("<p>" + "word ".repeat(2000) + "</p>", BASE);

        String text = CleanTreeWriter.write(body, 0).text();
        assertThat(text).hasSize(CleanTreeWriter.MAX_TEXT_CHARS).startsWith("word word");
    }
}
