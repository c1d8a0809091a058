package org.feedletter.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.ingest.normalize.HtmlSanitizer.SanitizedHtml;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    private String clean(String html) {
        return sanitizer.sanitize(html, "https://example.org/qc/piece/").html();
    }

    @Test
    void formattingLinksImagesAndTablesSurvive() {
        String html = "<p>A <b>bold</b> <em>claim</em> with <a href=\"https://example.org/a\">a link</a>.</p>"
                + "<ul><li>one</li></ul><blockquote>quote</blockquote><img src=\"https://example.org/i.png\" alt=\"chart\">"
                + "<table><tr><td>cell</td></tr></table>";

        assertThat(clean(html)).contains("<b>bold</b>", "<em>claim</em>", "href=\"https://example.org/a\"", "<li>one</li>",
                "<blockquote>quote</blockquote>", "src=\"https://example.org/i.png\"", "<td>cell</td>");
    }

    @Test
    void scriptsStylesIframesFormsAndObjectsAreRemovedWithTheirContent() {
        String html = "<p>keep</p><script>alert(1)</script><style>p{color:red}</style>"
                + "<iframe src=\"https://evil.example\">x</iframe><form action=\"https://evil.example\"><input name=q>"
                + "<button>go</button></form><object data=\"x.swf\"></object><embed src=\"x.swf\">";

        String clean = clean(html);
        assertThat(clean).contains("<p>keep</p>")
                .doesNotContain("<script", "alert(1)", "<style", "color:red", "<iframe", "<form", "<input", "<object",
                        "<embed");
    }

    @Test
    void eventHandlersAndInlineStylesAreRemoved() {
        String clean = clean("<p onclick=\"steal()\" style=\"background:url(https://evil.example/x)\" "
                + "onmouseover=\"x()\">text</p><img src=\"https://example.org/i.png\" onerror=\"alert(1)\">");

        assertThat(clean).doesNotContain("onclick", "steal", "style=", "evil.example", "onmouseover", "onerror", "alert");
        assertThat(clean).contains("<p>text</p>");
    }

    @Test
    void javascriptAndDataUrlsAreRemoved() {
        String clean = clean("<a href=\"javascript:alert(1)\">js</a><a href=\" JaVaScRiPt:alert(2)\">js2</a>"
                + "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">data</a><img src=\"data:image/svg+xml;base64,AAAA\">"
                + "<a href=\"vbscript:x\">vb</a>");

        assertThat(clean).doesNotContain("javascript", "JaVaScRiPt", "data:", "vbscript", "alert");
        assertThat(clean).contains(">js</a>", ">data</a>");
    }

    @Test
    void svgWithScriptAndRemoteCssAreRemoved() {
        String clean = clean("<svg onload=\"alert(1)\"><script>alert(2)</script><circle r=\"4\"/></svg>"
                + "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\"><p>after</p>");

        assertThat(clean).doesNotContain("<svg", "alert", "<link", "evil.example", "<circle");
        assertThat(clean).contains("<p>after</p>");
    }

    @Test
    void relativeLinksAreMadeAbsoluteAgainstTheBase() {
        String clean = clean("<a href=\"../other/\">x</a><img src=\"/img/chart.png\">");

        assertThat(clean).contains("href=\"https://example.org/qc/other/\"", "src=\"https://example.org/img/chart.png\"");
    }

    @Test
    void linksGetRelNoopener() {
        assertThat(clean("<a href=\"https://example.org/a\" target=\"_blank\">x</a>"))
                .contains("rel=\"noopener noreferrer\"").doesNotContain("target");
    }

    @Test
    void unknownTagsAreUnwrappedAndTheirTextKept() {
        assertThat(clean("<font color=\"red\"><marquee>moving</marquee> words</font>"))
                .isEqualTo("moving words");
    }

    @Test
    void theTextComesWithTheHtml() {
        SanitizedHtml result = sanitizer.sanitize("<p>One <b>two</b></p><p>three &amp; four</p><script>x()</script>", null);

        assertThat(result.text()).isEqualTo("One two three & four");
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(sanitizer.sanitize(null, null)).isEqualTo(SanitizedHtml.EMPTY);
        assertThat(sanitizer.sanitize("   ", null)).isEqualTo(SanitizedHtml.EMPTY);
    }

    @Test
    void commentsAndConditionalCommentsAreRemoved() {
        assertThat(clean("<p>a</p><!-- secret --><!--[if IE]><script>x</script><![endif]-->"))
                .isEqualTo("<p>a</p>");
    }

    /** A site's template around the piece: what identity compares is the piece's own prose, the page shows it all. */
    @Test
    void theProseLeavesOutPageFurnitureTheTextKeeps() {
        String body = "The government extended the ban on four Ukrainian farm products until the end of March, and "
                + "the official reason does not hold up well in the data.";
        String html = "<div class=\"audio-player\">Listen to this article 0:54</div>"
                + "<figure><img src=\"https://x.example/a.jpg\"><figcaption>Grain at the border. Photo: J. Nowak"
                + "</figcaption></figure><div class=\"tn-autor\"><p><strong>Anna Zielińska</strong><br>Institute</p></div>"
                + "<p>Reading time: 1 min</p><h3>Key points</h3>"
                + "<p>" + body + "</p><aside><h3>Support our work</h3><p>Independent journalism from the region costs "
                + "money. Become a patron from 10 a month.</p></aside><p class=\"share-links\">Share on X | Facebook</p>"
                + "<p>Short.</p><p>The rest of the piece.</p>";

        HtmlSanitizer.SanitizedHtml s = new HtmlSanitizer().sanitize(html, "https://x.example/");

        assertThat(s.prose()).isEqualTo(body + " Short. The rest of the piece.");
        assertThat(s.text()).as("the text as shown").startsWith("Listen to this article 0:54 Grain at the border.")
                .contains("Support our work");
        assertThat(s.html()).contains("Support our work").doesNotContain("<aside");
    }

    /** Short blocks before the piece, with no furniture around them, are left out of the prose as well. */
    @Test
    void theProseLeavesOutShortBlocksBeforeThePieceWithoutFurniture() {
        String body = "The central bank held its rate for the third time, and the statement reads as a promise to wait.";
        HtmlSanitizer.SanitizedHtml s = new HtmlSanitizer().sanitize(
                "<p>Reading time: 3 min</p><p>By M. Kowalczyk</p><p>" + body + "</p><p>Why?</p>", null);

        assertThat(s.prose()).isEqualTo(body + " Why?");
        assertThat(s.text()).isEqualTo("Reading time: 3 min By M. Kowalczyk " + body + " Why?");
    }

    /** An e-mail's preview line, hidden from its reader, is no part of the prose (a newsletter read as a feed). */
    @Test
    void theProseLeavesOutTextNoReaderSees() {
        String body = "The prefecture extended the drought order on the Loire for three weeks, and farmers downstream pay.";
        HtmlSanitizer.SanitizedHtml s = new HtmlSanitizer().sanitize("<span class=\"mcnPreviewText\" "
                + "style=\"display: none; font-size:0px; mso-hide:all\">This week: drought, water and the budget in "
                + "the Senate, and our new fellows</span><table><tr><td><p>" + body + "</p>"
                + "<p hidden>Tracking text for the mail platform</p></td></tr></table>", null);

        assertThat(s.prose()).isEqualTo(body);
        assertThat(s.text()).startsWith("This week: drought").contains(body);
    }

    /** A piece whose first paragraph is short keeps it once its prose has begun, and plain text keeps all. */
    @Test
    void theProseOfAPlainTextOrOfAPieceWithoutFurnitureIsItsText() {
        HtmlSanitizer sanitizer = new HtmlSanitizer();
        assertThat(sanitizer.sanitize("Yes. The cabinet did it again.", null).prose())
                .isEqualTo("Yes. The cabinet did it again.");
        assertThat(sanitizer.sanitize("<figure><p>A piece set whole in a figure, as some feeds do.</p></figure>", null)
                .prose()).isEqualTo("A piece set whole in a figure, as some feeds do.");
        String piece = "<p>The cabinet extended the measure again on Tuesday after a short debate.</p><p>Why?</p>";
        assertThat(sanitizer.sanitize(piece, null).prose()).isEqualTo(sanitizer.sanitize(piece, null).text());
    }
}
