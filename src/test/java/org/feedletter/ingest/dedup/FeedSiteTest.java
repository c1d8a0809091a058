package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedSiteTest {

    private final FeedSite blog = new FeedSite(1, "https://www.vadakkuvaasal.example/feeds/posts/default",
            "https://www.vadakkuvaasal.example/");

    /** A blog's account signs every post with the blog's name: that names the publication, nobody who wrote it. */
    @Test
    void anAuthorLineSpellingTheSitesNameNamesThePublication() {
        assertThat(blog.namedBy("Vadakku Vaasal")).isTrue();
        assertThat(blog.namedBy("vadakku-vaasal")).isTrue();
        assertThat(new FeedSite(2, "https://feeds.example.net/x", "https://north-gate.example/").namedBy("North Gate"))
                .as("a hyphenated domain").isTrue();
    }

    @Test
    void aPersonsNameIsNotTheSites() {
        assertThat(blog.namedBy("Ahilan Sivakumar")).isFalse();
        assertThat(blog.namedBy("Vadakku Vaasal Editors")).isFalse();
        assertThat(blog.namedBy(null)).isFalse();
        assertThat(new FeedSite(3, "https://xy.example/feed", null).namedBy("X Y")).as("too short to tell").isFalse();
        assertThat(FeedSite.unknown(4).namedBy("Vadakku Vaasal")).isFalse();
    }
}
