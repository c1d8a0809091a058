package org.feedletter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every HTML page gets unless its route set its own (the admin pages do): a Content-Security-Policy
 * that lets a page run only the inline scripts it was rendered with (by their hashes), load nothing from elsewhere
 * but images, and never be framed; and no content-type sniffing.
 */
final class PageSecurity {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("(?is)<script>(.*?)</script>");
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PageSecurity() {}

    static void apply(HttpFields.Mutable headers, String html) {
        if (!headers.contains("Content-Security-Policy")) {
            headers.put("Content-Security-Policy", policy(html));
        }
        if (!headers.contains("X-Content-Type-Options")) {
            headers.put("X-Content-Type-Options", "nosniff");
        }
        if (!headers.contains("X-Frame-Options")) {
            headers.put("X-Frame-Options", "DENY");
        }
    }

    static String policy(String html) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            hashes.add("'sha256-" + sha256(m.group(1)) + "'");
        }
        return hashes.isEmpty() ? POLICY : POLICY + "; script-src " + String.join(" ", hashes);
    }

    private static String sha256(String script) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
