package org.feedletter.ingest.normalize;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of a web link under which the same page reached through different feeds compares equal:
 * lower-case scheme and host, http and https the same, {@code www.}, {@code m.} and {@code amp.} folded, the AMP
 * forms of a page ({@code /amp/} before or after its path, {@code .amp.html}, {@code ?amp=1}) folded into the page,
 * default port and fragment dropped, trailing slash folded, tracking parameters removed, the remaining query
 * parameters sorted but kept ({@code ?p=123} names a different page). A redirector's link ({@code /url?q=<the URL>})
 * is the link it leads to, and so is a link that wraps the page's: an AMP cache's copy
 * ({@code https://www-site-org.cdn.ampproject.org/c/s/www.site.org/page/amp/}), a web archive's capture
 * ({@code /web/20261124111502/https://site.org/page/}, the Wayback Machine's form, which national archives share) and
 * a news aggregator's article link that carries the page's URL encoded in its id ({@code /rss/articles/CBMi...}).
 */
public final class CanonicalUrl {

    // RFC 3986, appendix B: splits any URI-like string without rejecting what java.net.URI finds illegal.
    private static final Pattern PARTS = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?");
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "twclid", "ttclid", "li_fat_id", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid", "yclid", "mkt_tok",
            "_ga", "_gl", "amp_js_v", "amp_gsa", "amp_tf", "ampshare", "usqp");
    /**
     * Prefixes of campaign parameters: Google Analytics' {@code utm_}, and Matomo's (formerly Piwik) {@code pk_},
     * {@code mtm_}, {@code matomo_} and {@code piwik_}, which European publishers' feeds use as others use utm.
     */
    private static final List<String> TRACKING_PREFIXES = List.of("utm_", "pk_", "mtm_", "matomo_", "piwik_");
    /** Query parameters that ask for the AMP form of the same page. */
    private static final Set<String> AMP_PARAMETERS = Set.of("amp", "outputtype=amp", "output=amp", "amp=1",
            "amp=true", "format=amp");
    /** Host prefixes of a site's mobile and AMP copies. */
    private static final List<String> COPY_HOSTS = List.of("www.", "m.", "mobile.", "amp.");
    /** Names a redirector gives the parameter that holds where it leads. */
    private static final Set<String> REDIRECT_PARAMETERS = Set.of("q", "u", "url", "target", "dest", "destination",
            "to", "redirect", "redirect_url", "link", "out");
    /** A redirector's path is an endpoint ("/url", "/out", "/l.php", "/r"), not an article's. */
    private static final int MAX_REDIRECT_PATH = 12;
    private static final Pattern AMP_PATH = Pattern.compile("^/amp(?=/)|/amp$|\\.amp(?=\\.html?$)");

    private CanonicalUrl() {}

    /** The canonical form, or empty when {@code url} is not an absolute http(s) link. */
    public static Optional<String> of(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String target = wrappedTarget(url.strip());
        if (target == null) {
            target = redirectTarget(url.strip());
        }
        return canonical(target != null ? target : url.strip());
    }

    /** {@code /c/s/www.site.org/page}: an AMP cache's path (c content, v viewer, i image; s for https). */
    private static final Pattern AMP_CACHE_PATH = Pattern.compile("^/[cvi]/(s/)?([^/?#]+\\.[^/?#]+)(/[^?#]*)?$");
    /** {@code /web/20261124111502/https://site.org/page}, or with a modifier ({@code id_}) after the time. */
    private static final Pattern ARCHIVE_PATH = Pattern.compile("^/web/\\d{4,14}[a-z_]*/(https?:/{1,2})(.+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENCODED_ARTICLE_PATH = Pattern.compile("^(/rss)?/articles/(CBMi[A-Za-z0-9_-]+)$");

    /**
     * The page a wrapper's link stands for: an AMP cache's copy (a host with a label starting in "amp" or ending in
     * "-amp", as Google's {@code cdn.ampproject.org} and Bing's {@code bing-amp.com} have), a web archive's capture
     * (its query is the page's), or an aggregator's article id holding the page's URL; else null.
     */
    static String wrappedTarget(String url) {
        if (!url.contains("/web/") && !url.contains("/s/") && !url.contains("/articles/CBMi")
                && !url.contains("/c/") && !url.contains("/v/") && !url.contains("/i/")) {
            return null; // most links: no wrapper's path, and no pattern tried on each
        }
        Matcher m = PARTS.matcher(url);
        if (!m.matches() || m.group(4) == null || m.group(5) == null) {
            return null;
        }
        String path = m.group(5);
        String query = m.group(7) == null ? "" : "?" + m.group(7);
        Matcher archived = ARCHIVE_PATH.matcher(path);
        if (archived.matches()) {
            return archived.group(1).replaceFirst(":/{1,2}$", "://").toLowerCase(Locale.ROOT) + archived.group(2)
                    + query;
        }
        Matcher cached = AMP_CACHE_PATH.matcher(path);
        if (cached.matches() && isAmpCache(m.group(4))) {
            return (cached.group(1) != null ? "https://" : "http://") + cached.group(2)
                    + (cached.group(3) == null ? "" : cached.group(3)) + query;
        }
        Matcher article = ENCODED_ARTICLE_PATH.matcher(path);
        return article.matches() ? encodedArticleUrl(article.group(2)) : null;
    }

    private static boolean isAmpCache(String authority) {
        for (String label : authority.toLowerCase(Locale.ROOT).split("\\.")) {
            if (label.startsWith("amp") || label.endsWith("-amp")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URL in an aggregator's article id of the older form: base64url of a message whose first field is a
     * number and whose second (tag 0x22) is the URL, length first. Newer ids hold a token instead, and say nothing
     * without asking the aggregator: null.
     */
    private static String encodedArticleUrl(String id) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id.length() % 4 == 0 ? id : id + "=".repeat(4 - id.length() % 4));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != 0x08 || bytes[2] != 0x22) {
            return null;
        }
        int length = 0;
        int at = 3;
        for (int shift = 0; at < bytes.length && shift < 21; shift += 7) {
            int b = bytes[at++] & 0xFF;
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length <= 0 || at + length > bytes.length) {
            return null;
        }
        String target = new String(bytes, at, length, StandardCharsets.UTF_8);
        return target.startsWith("https://") || target.startsWith("http://") ? target : null;
    }

    /**
     * Where a redirector link leads: an aggregator's {@code /url?q=https%3A%2F%2F...} or {@code /out?u=...}, a
     * click tracker's {@code /redirect?url=...}. Only a short path (a redirect endpoint, not an article) whose
     * parameter of one of the usual names holds a whole http(s) URL counts; else null.
     */
    static String redirectTarget(String url) {
        Matcher m = PARTS.matcher(url);
        if (!m.matches() || m.group(7) == null || m.group(5) == null || m.group(5).length() > MAX_REDIRECT_PATH) {
            return null;
        }
        for (String parameter : m.group(7).split("[&;]")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && REDIRECT_PARAMETERS.contains(parameter.substring(0, eq).toLowerCase(Locale.ROOT))) {
                String value;
                try {
                    value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    continue;
                }
                String lower = value.toLowerCase(Locale.ROOT);
                if ((lower.startsWith("https://") || lower.startsWith("http://")) && redirectTarget(value) == null) {
                    return value;
                }
            }
        }
        return null;
    }

    private static Optional<String> canonical(String url) {
        Matcher m = PARTS.matcher(url);
        if (!m.matches() || m.group(2) == null || m.group(4) == null) {
            return Optional.empty();
        }
        String scheme = m.group(2).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String hostAndPort = hostAndPort(m.group(4));
        if (hostAndPort.isEmpty()) {
            return Optional.empty();
        }
        String path = foldTrailingSlash(AMP_PATH.matcher(foldTrailingSlash(percentEncoded(m.group(5)))).replaceAll(""));
        String query = canonicalQuery(m.group(7));
        return Optional.of("https://" + hostAndPort + path + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * The link as published, minus tracking parameters, the fragment and a default port: what readers are sent to.
     * Unlike the canonical form it keeps scheme, host and path as they were, since a site may need its www. or its
     * slash.
     */
    public static String withoutTracking(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = PARTS.matcher(url.strip());
        if (!m.matches() || m.group(2) == null || m.group(4) == null) {
            return url.strip();
        }
        StringBuilder clean = new StringBuilder().append(m.group(2)).append("://")
                .append(withoutDefaultPort(m.group(2), m.group(4))).append(m.group(5));
        if (m.group(7) != null) {
            List<String> kept = new ArrayList<>();
            for (String parameter : m.group(7).split("&")) {
                if (!parameter.isEmpty() && !isTracking(parameter)) {
                    kept.add(parameter);
                }
            }
            if (!kept.isEmpty()) {
                clean.append('?').append(String.join("&", kept));
            }
        }
        return clean.toString();
    }

    private static String withoutDefaultPort(String scheme, String authority) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("https") && authority.endsWith(":443") || lower.equals("http") && authority.endsWith(":80")) {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
        return authority;
    }

    private static String hostAndPort(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort;
        String port = "";
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && colon > hostPort.lastIndexOf(']')) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        host = asciiHost(host.toLowerCase(Locale.ROOT));
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (String prefix : COPY_HOSTS) {
            if (host.startsWith(prefix) && host.indexOf('.', prefix.length()) > 0) {
                host = host.substring(prefix.length());
                break;
            }
        }
        boolean defaultPort = port.isEmpty() || port.equals("80") || port.equals("443");
        return host.isEmpty() ? "" : defaultPort ? host : host + ":" + port;
    }

    private static String asciiHost(String host) {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    private static String foldTrailingSlash(String path) {
        String folded = path;
        while (folded.endsWith("/")) {
            folded = folded.substring(0, folded.length() - 1);
        }
        return folded;
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : query.split("[&;]")) {
            if (!parameter.isEmpty() && !isTracking(parameter)
                    && !AMP_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT))) {
                kept.add(percentEncoded(parameter));
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static boolean isTracking(String parameter) {
        int eq = parameter.indexOf('=');
        String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
        return TRACKING.contains(name) || TRACKING_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /**
     * One spelling of each character (RFC 3986, 6.2.2): letters beyond ASCII, spaces and the other characters a URI
     * may not hold as their UTF-8 bytes percent-encoded ({@code /opinió/} is {@code /opini%C3%B3/}, as one feed
     * writes it and another does not), escapes in upper case, and escapes of letters, digits and {@code -._~} as
     * the characters themselves. A {@code %} that starts no escape is left as it is.
     */
    static String percentEncoded(String s) {
        if (isPlain(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                int b = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (isUnreserved(b)) {
                    out.append((char) b);
                } else {
                    appendEscape(out, b);
                }
                i += 3;
            } else if (mustBeEscaped(c)) {
                int cp = s.codePointAt(i);
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xFF);
                }
                i += Character.charCount(cp);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Nothing to change: printable ASCII a URI may hold, and no escape. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' || mustBeEscaped(c)) {
                return false;
            }
        }
        return true;
    }

    /** Beyond ASCII, a space or control character, or one of the marks a URI may not hold as they are. */
    private static boolean mustBeEscaped(char c) {
        return c > 0x7E || c <= 0x20 || "\"<>\\^`{|}".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isUnreserved(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '.'
                || b == '_' || b == '~';
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}
