package org.feedletter.ingest.dedup;

import org.feedletter.ingest.normalize.SiteDomain;


/**
 * The feed an ingest stores entries from, and the site it belongs to: the registrable domains ({@link SiteDomain})
 * of its URL and of the site link it gives. An entry whose link is on that site is the site's own page; an
 * aggregator's or a partner's feed linking to a publisher's page is not.
 *
 * @param feedUrl the feed's URL (ties between entries go by it, the same on every node), or null when not known
 * @param siteLink the feed's site link (RSS channel link, Atom alternate link, JSON Feed home page), or null
 */
public record FeedSite(long feedId, String feedUrl, String siteLink) {

    /** A feed whose URL and site are not known here: no entry counts as on its site. */
    public static FeedSite unknown(long feedId) {
        return new FeedSite(feedId, null, null);
    }

    /** Whether {@code url} is on the feed's site. */
    public boolean onSite(String url) {
        String domain = SiteDomain.of(url);
        return domain != null && (domain.equals(SiteDomain.of(feedUrl)) || domain.equals(SiteDomain.of(siteLink)));
    }

    /**
     * Whether an author line spells the site's own name, as a blog's account does ("Vadakku Vaasal" on
     * vadakkuvaasal.example): it names the publication, not a person who wrote the entry.
     */
    public boolean namedBy(String author) {
        if (author == null) {
            return false;
        }
        StringBuilder letters = new StringBuilder(author.length());
        author.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase)
                .forEach(letters::appendCodePoint);
        if (letters.length() < 4) {
            return false;
        }
        String name = letters.toString();
        return name.equals(siteName(siteLink)) || name.equals(siteName(feedUrl));
    }

    /** The site's registrable domain without its suffix: "vadakkuvaasal" for www.vadakkuvaasal.example. */
    private static String siteName(String url) {
        String domain = SiteDomain.of(url);
        int dot = domain == null ? -1 : domain.indexOf('.');
        return dot > 0 ? domain.substring(0, dot).replace("-", "") : null;
    }

    /** The feed URL, for breaking ties; the feed's id where the URL is not known. */
    String key() {
        return feedUrl != null ? feedUrl : "feed:" + feedId;
    }
}
