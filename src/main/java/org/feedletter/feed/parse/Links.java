package org.feedletter.feed.parse;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns the URL strings feeds carry into absolute web URIs. Only http and https come out: an entry link of
 * "javascript:" or "file:" must never reach an email.
 */
final class Links {

    private static final String HEX = "0123456789ABCDEF";

    private Links() {}

    /** {@code ref} made absolute against {@code base}; null when blank, unreadable or not http(s). */
    static URI resolve(URI base, String ref) {
        URI uri = parse(ref);
        if (uri == null) {
            return null;
        }
        if (!uri.isAbsolute()) {
            if (base == null || !base.isAbsolute() || base.isOpaque()) {
                return null;
            }
            try {
                uri = withRootPath(base).resolve(uri);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return isWeb(uri) ? uri : null;
    }

    /** Like {@link #resolve} but keeps any absolute or resolvable URI, for bases that only serve to resolve. */
    static URI resolveBase(URI base, String ref) {
        URI uri = parse(ref);
        if (uri == null || uri.isAbsolute() || base == null || !base.isAbsolute() || base.isOpaque()) {
            return uri != null && uri.isAbsolute() ? uri : base;
        }
        try {
            return withRootPath(base).resolve(uri);
        } catch (IllegalArgumentException e) {
            return base;
        }
    }

    static boolean isWeb(URI uri) {
        String scheme = uri.getScheme();
        return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    }

    private static URI parse(String ref) {
        if (ref == null) {
            return null;
        }
        String s = ref.strip();
        if (s.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            try {
                uri = new URI(escape(s)); // spaces, pipes and stray percent signs are common in the wild
            } catch (URISyntaxException again) {
                return null;
            }
        }
        return uri.getHost() == null && uri.getRawAuthority() != null ? withAsciiHost(uri) : uri;
    }

    /** java.net.URI takes "http://пример.рф/" for a host-less URI; IDNA gives it back its host. */
    private static URI withAsciiHost(URI uri) {
        String authority = uri.getAuthority();
        int at = authority.lastIndexOf('@');
        int colon = authority.indexOf(':', at + 1);
        String host = authority.substring(at + 1, colon < 0 ? authority.length() : colon);
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            String rebuilt = authority.substring(0, at + 1) + ascii + (colon < 0 ? "" : authority.substring(colon));
            return new URI(uri.getScheme(), rebuilt, uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (IllegalArgumentException | URISyntaxException e) {
            return uri;
        }
    }

    /** Percent-encodes what browsers would: characters that may not appear in a URI, and lone '%'. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean strayPercent = c == '%'
                    && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)));
            if (c <= ' ' || c == 0x7F || "\"<>\\^`{|}".indexOf(c) >= 0 || strayPercent) {
                out.append('%').append(HEX.charAt((c >> 4) & 0xF)).append(HEX.charAt(c & 0xF));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return HEX.indexOf(Character.toUpperCase(c)) >= 0;
    }

    /** java.net.URI resolves "a" against "http://host" to "http://hosta"; a root path avoids that. */
    private static URI withRootPath(URI base) {
        String path = base.getRawPath();
        return (path == null || path.isEmpty()) && base.getRawAuthority() != null ? base.resolve("/") : base;
    }
}
