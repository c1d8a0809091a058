package org.feedletter.ingest.normalize;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * is the link it leads to.
 */
public final class CanonicalUrl {

    // RFC 3986, appendix B: splits any URI-like string without rejecting what java.net.URI finds illegal.
    private static final Pattern PARTS = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?");
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "twclid", "ttclid", "li_fat_id", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid", "yclid", "mkt_tok",
            "_ga", "_gl");
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
        String target = redirectTarget(url.strip());
        return canonical(target != null ? target : url.strip());
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
