package org.feedletter.feed.parse;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a feed says it is pushed from (WebSub, https://www.w3.org/TR/websub/#discovery): the hubs it names and its
 * own canonical ("self") URL, the topic a subscription names. Read from a document (Atom {@code link rel="hub"} and
 * {@code rel="self"}, RSS {@code atom:link}, JSON Feed {@code hubs} and {@code feed_url}) or from HTTP {@code Link}
 * headers (RFC 8288), which come first: the spec has subscribers stop at the first place that names a hub.
 *
 * @param hubs absolute http(s) URLs, in the order given, without repeats; empty when the feed names none
 * @param self the topic URL, or null when the feed does not say
 */
public record HubLinks(List<URI> hubs, URI self) {

    public static final HubLinks NONE = new HubLinks(List.of(), null);

    public HubLinks {
        hubs = List.copyOf(new LinkedHashSet<>(hubs));
    }

    public boolean hasHub() {
        return !hubs.isEmpty();
    }

    /**
     * What a fetch says: the {@code Link} headers when they name a hub (then their self link, else the document's),
     * else the document's links.
     */
    public static HubLinks discovered(HubLinks headers, HubLinks document) {
        if (headers.hasHub()) {
            return new HubLinks(headers.hubs(), headers.self() != null ? headers.self() : document.self());
        }
        return document;
    }

    /**
     * The hubs and self link among HTTP {@code Link} header values ({@code <https://hub.example/>; rel="hub",
     * </feed>; rel=self}), resolved against the URL the answer came from. A value that cannot be read is skipped.
     */
    public static HubLinks fromHeaders(List<String> values, URI base) {
        List<URI> hubs = new ArrayList<>();
        URI self = null;
        for (String value : values) {
            for (LinkValue link : LinkValue.parseAll(value)) {
                URI target = Links.resolve(base, link.target());
                if (target == null) {
                    continue;
                }
                if (link.rels().contains("hub")) {
                    hubs.add(target);
                }
                if (link.rels().contains("self") && self == null) {
                    self = target;
                }
            }
        }
        return new HubLinks(hubs, self);
    }

    /** One link of a {@code Link} header: its target as written and its relation types, lower-cased. */
    record LinkValue(String target, Set<String> rels) {

        /** Every link in one header value; commas inside {@code <...>} and quoted strings do not split. */
        static List<LinkValue> parseAll(String header) {
            List<LinkValue> links = new ArrayList<>();
            int i = 0;
            int n = header.length();
            while (i < n) {
                int open = header.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = header.indexOf('>', open + 1);
                if (close < 0) {
                    break;
                }
                String target = header.substring(open + 1, close).strip();
                Set<String> rels = new LinkedHashSet<>();
                i = close + 1;
                // parameters up to the next comma outside quotes
                while (i < n && header.charAt(i) != ',') {
                    int semicolon = header.indexOf(';', i);
                    int comma = header.indexOf(',', i);
                    if (semicolon < 0 || (comma >= 0 && comma < semicolon)) {
                        i = comma < 0 ? n : comma;
                        break;
                    }
                    int[] end = new int[1];
                    String[] parameter = parameter(header, semicolon + 1, end);
                    i = end[0];
                    if (parameter != null && parameter[0].equals("rel") && parameter[1] != null) {
                        for (String rel : parameter[1].strip().split("\\s+")) {
                            if (!rel.isEmpty()) {
                                rels.add(rel.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
                links.add(new LinkValue(target, rels));
                i++; // past the comma
            }
            return links;
        }

        /** A {@code name=value} or {@code name="value"} from {@code start}; its end goes in {@code end[0]}. */
        private static String[] parameter(String header, int start, int[] end) {
            int n = header.length();
            int i = start;
            int nameStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';' && header.charAt(i) != ',') {
                i++;
            }
            String name = header.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) != '=') {
                end[0] = i;
                return new String[] {name, null};
            }
            i++; // '='
            while (i < n && header.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(header.charAt(i));
                    i++;
                }
                i++; // closing quote
                while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                    i++;
                }
            } else {
                while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
                    value.append(header.charAt(i));
                    i++;
                }
            }
            end[0] = Math.min(i, n);
            return new String[] {name, value.toString()};
        }
    }
}
