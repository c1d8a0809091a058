package org.feedletter.feed.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the feeds an HTML page links to: {@code <link rel="alternate" type="application/rss+xml" href=...>}
 * and its Atom and JSON Feed friends, and {@code <link rel="feed">}. Hrefs are made absolute against the page
 * URL and any {@code <base href>}. Comment feeds go last: a site's main feed is the one a person wants.
 */
final class FeedLinkDiscovery {

    private static final Set<String> FEED_TYPES = Set.of(
            "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
            "application/rdf+xml", "application/xml", "text/xml", "application/x-rss+xml", "application/x-atom+xml");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    List<URI> feedLinks(byte[] html, String contentType, URI pageUrl) {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(html), charsetName(contentType),
                    pageUrl == null ? "" : pageUrl.toString());
        } catch (IOException | RuntimeException e) {
            return List.of(); // a page we cannot read links to nothing we can use
        }
        Set<URI> main = new LinkedHashSet<>();
        Set<URI> comments = new LinkedHashSet<>();
        for (Element link : page.select("link[href]")) {
            if (!isFeedLink(link)) {
                continue;
            }
            URI uri = Links.resolve(null, link.absUrl("href"));
            if (uri != null) {
                boolean aboutComments = (link.attr("title") + " " + uri).toLowerCase(Locale.ROOT).contains("comment");
                (aboutComments ? comments : main).add(uri);
            }
        }
        List<URI> links = new ArrayList<>(main);
        comments.stream().filter(uri -> !main.contains(uri)).forEach(links::add);
        return links;
    }

    private static boolean isFeedLink(Element link) {
        List<String> rels = List.of(WHITESPACE.split(link.attr("rel").toLowerCase(Locale.ROOT).strip()));
        String type = BodyText.mediaType(link.attr("type"));
        return rels.contains("feed") || (rels.contains("alternate") && FEED_TYPES.contains(type));
    }

    /** The HTTP charset if Java knows it; otherwise null lets jsoup look at the BOM and meta charset. */
    private static String charsetName(String contentType) {
        String name = BodyText.httpCharset(contentType);
        try {
            return name != null && Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException illegalName) {
            return null;
        }
    }
}
