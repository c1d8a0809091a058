package org.feedletter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feed URL as it may be shown: an operator may configure a feed as {@code https://user:pass@host/feed?token=...},
 * and neither the user:password nor a query parameter that carries a key or a token may leave the process. What
 * the public sees (merged feeds, OPML) has them removed; what operators see (admin pages, CLI, logs) has them
 * masked, so they can still tell which feed is which.
 */
public final class SecretUrls {

    // RFC 3986, appendix B: splits any URI-like string.
    private static final Pattern PARTS = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?");
    /** Parameter names that carry credentials: "token", "api_key", "access_token", "sig", "password", ... */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i).*(token|key|secret|pass|pwd|auth|sig|session|credential).*|sid|code");
    public static final String MASK = "****";

    private SecretUrls() {}

    /** Without user:password and without secret parameters: for what anyone may read. */
    public static String publicForm(String url) {
        return rewrite(url, false);
    }

    /** With user:password and secret parameter values replaced by {@link #MASK}: for operators and logs. */
    public static String masked(String url) {
        return rewrite(url, true);
    }

    /** Whether the URL carries anything {@link #publicForm} would remove. */
    public static boolean hasSecrets(String url) {
        return url != null && !publicForm(url).equals(url);
    }

    private static String rewrite(String url, boolean mask) {
        if (url == null) {
            return null;
        }
        Matcher m = PARTS.matcher(url);
        if (!m.matches()) {
            return url;
        }
        StringBuilder out = new StringBuilder();
        if (m.group(1) != null) {
            out.append(m.group(1));
        }
        if (m.group(3) != null) {
            String authority = m.group(4);
            int at = authority.lastIndexOf('@');
            out.append("//");
            if (at >= 0 && mask) {
                out.append(MASK).append('@');
            }
            out.append(authority.substring(at + 1));
        }
        out.append(m.group(5));
        if (m.group(7) != null) {
            List<String> kept = new ArrayList<>();
            for (String parameter : m.group(7).split("&", -1)) {
                int eq = parameter.indexOf('=');
                String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
                if (!SECRET_PARAMETER.matcher(name).matches()) {
                    kept.add(parameter);
                } else if (mask) {
                    kept.add((eq < 0 ? parameter : parameter.substring(0, eq)) + "=" + MASK);
                }
            }
            if (!kept.isEmpty()) {
                out.append('?').append(String.join("&", kept));
            }
        }
        if (m.group(8) != null) {
            out.append(m.group(8));
        }
        return out.toString();
    }
}
