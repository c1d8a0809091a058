package org.feedletter.feed.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.feedletter.config.SecretUrls;

/** Ways to show and key a URL without leaking the user:password it may carry. */
final class SafeUrl {

    private SafeUrl() {}

    /** The URL as text for messages and logs, without user:password and with secret parameters masked. */
    static String of(URI url) {
        return SecretUrls.masked(url.getRawUserInfo() == null ? url.toString() : withoutUserInfo(url).toString());
    }

    /** The same URL without user:password; the URL itself when it has none. */
    static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        String hostPort = url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1);
        try {
            return new URI(url.getScheme() + "://" + hostPort
                    + (url.getRawPath() == null ? "" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                    + (url.getRawFragment() == null ? "" : "#" + url.getRawFragment()));
        } catch (URISyntaxException e) {
            return URI.create(url.getScheme() + "://" + hostPort);
        }
    }

    /** The key for per-host limits and back-off: lower-cased host:port, with the scheme's default port. */
    static String hostKey(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return host + ":" + port;
    }
}
