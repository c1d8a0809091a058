package org.feedletter.ingest.normalize;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.feedletter.identity.Words;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The page a post without a title shares: a Mastodon toot, a micro-blog or a bridged social post is a line or two of
 * text and one link ("New Quick Comment: ... https://institute.example/..."), and is that page announced, as a link
 * blog's post naming a page in its feed's {@code external_url} is. Only a short text with exactly one link to
 * another site counts: hashtags and mentions link the post's own site, and a post linking two pages (a round-up)
 * shares neither.
 */
final class SharedLink {

    /** A toot holds 500 characters: about 80 words. Longer, an untitled entry is a text of its own. */
    static final int MAX_WORDS = 80;

    private SharedLink() {}

    /**
     * The one page elsewhere that an untitled entry's HTML links, as given (absolute), or null.
     *
     * @param html the entry's content or summary, unsanitized
     * @param base what relative links are resolved against
     * @param link the entry's own link, whose site (the post's) is not elsewhere
     */
    static String of(String html, String base, String link) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document doc = Jsoup.parseBodyFragment(html, base == null ? "" : base);
        if (Words.count(doc.text(), MAX_WORDS + 1) > MAX_WORDS) {
            return null;
        }
        String own = link == null ? null : SiteDomain.of(link);
        Set<String> elsewhere = new LinkedHashSet<>();
        for (Element a : doc.select("a[href]")) {
            String href = a.absUrl("href");
            if (!href.startsWith("http://") && !href.startsWith("https://")) {
                continue;
            }
            String site = SiteDomain.of(href);
            if (site == null || Objects.equals(site, own)) {
                continue; // a hashtag, a mention, the post itself
            }
            elsewhere.add(CanonicalUrl.of(href).orElse(href));
            if (elsewhere.size() > 1) {
                return null;
            }
        }
        return elsewhere.isEmpty() ? null : elsewhere.iterator().next();
    }

    /** Whether the entry has no title of its own to go by. */
    static boolean untitled(String title) {
        return title == null || title.isBlank();
    }

    static String base(URI contentBase, String link) {
        return contentBase != null ? contentBase.toString() : link;
    }
}
