package org.feedletter.ingest.dedup;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feed an ingest stores entries from, and the site it belongs to: the registrable domains of its URL and of the
 * site link it gives. An entry whose link is on that site is the site's own page; an aggregator's or a partner's
 * feed linking to a publisher's page is not.
 *
 * @param feedUrl the feed's URL (ties between entries go by it, the same on every node), or null when not known
 * @param siteLink the feed's site link (RSS channel link, Atom alternate link, JSON Feed home page), or null
 */
public record FeedSite(long feedId, String feedUrl, String siteLink) {

    private static final Pattern HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)");
    /** Second-level labels under which country domains register names (example.co.uk, example.com.au). */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "ac", "gov", "edu", "or", "ne",
            "go", "gv", "nic", "mil", "ltd", "plc", "sch", "info", "biz", "gob", "gouv", "nom", "int");

    /** A feed whose URL and site are not known here: no entry counts as on its site. */
    public static FeedSite unknown(long feedId) {
        return new FeedSite(feedId, null, null);
    }

    /** Whether {@code url} is on the feed's site. */
    public boolean onSite(String url) {
        String domain = domainOf(url);
        return domain != null && (domain.equals(domainOf(feedUrl)) || domain.equals(domainOf(siteLink)));
    }

    /** The feed URL, for breaking ties; the feed's id where the URL is not known. */
    String key() {
        return feedUrl != null ? feedUrl : "feed:" + feedId;
    }

    /** "institute.example" for https://www.institute.example/feed/ and https://feeds.institute.example/x. */
    static String domainOf(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HOST.matcher(url);
        if (!m.find()) {
            return null;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return host;
        }
        int keep = labels[labels.length - 1].length() == 2 && SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }
}
