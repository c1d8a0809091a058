package org.feedletter.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedTextTest {

    @Test
    void htmlBecomesPlainText() {
        assertThat(FeedText.htmlToText("Quick Comment: A &amp; B")).isEqualTo("Quick Comment: A & B");
        assertThat(FeedText.htmlToText("<b>Bold</b> &eacute;t&eacute;\n  new line")).isEqualTo("Bold été new line");
        assertThat(FeedText.htmlToText("x < y")).isEqualTo("x < y");
        assertThat(FeedText.htmlToText("   ")).isNull();
        assertThat(FeedText.htmlToText(null)).isNull();
    }

    @Test
    void plainTextIsReturnedAsIsWhenThereIsNothingToDo() {
        String title = "Nothing to do here";

        assertThat(FeedText.htmlToText(title)).isSameAs(title);
        assertThat(FeedText.collapseWhitespace(title)).isSameAs(title);
    }

    @Test
    void whitespaceCollapses() {
        assertThat(FeedText.collapseWhitespace("  a \t\n b\u00A0\u00A0c  ")).isEqualTo("a b c");
    }

    @Test
    void textIsEscapedForHtml() {
        assertThat(FeedText.escapeHtml("1 < 2 & \"3\" > 0")).isEqualTo("1 &lt; 2 &amp; &quot;3&quot; &gt; 0");
        String clean = "clean";
        assertThat(FeedText.escapeHtml(clean)).isSameAs(clean);
    }

    @Test
    void authorNamesComeOutOfEmailForms() {
        assertThat(FeedText.authorName("jane@example.com (Jane Doe)")).isEqualTo("Jane Doe");
        assertThat(FeedText.authorName("\"Jane Doe\" <jane@example.com>")).isEqualTo("Jane Doe");
        assertThat(FeedText.authorName("Jane Doe")).isEqualTo("Jane Doe");
        assertThat(FeedText.authorName("Jane (the editor)")).isEqualTo("Jane (the editor)");
        assertThat(FeedText.authorName("jane@example.com")).isEqualTo("jane@example.com");
        assertThat(FeedText.authorName(" ")).isNull();
    }
}
