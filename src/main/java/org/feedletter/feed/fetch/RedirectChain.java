package org.feedletter.feed.fetch;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The redirects of one fetch, followed by hand: bounded, loop-free, http(s) only. It also works out
 * where the feed moved for good: the URL reached by the 301/308 hops at the start of the chain.
 */
final class RedirectChain {

    private final URI start;
    private final int maxRedirects;
    private final Set<URI> visited = new HashSet<>();
    private URI current;
    private URI movedPermanently;
    private boolean permanentSoFar = true;
    private int hops;

    RedirectChain(URI start, int maxRedirects) {
        this.start = start;
        this.maxRedirects = maxRedirects;
        this.current = start;
        visited.add(start.normalize());
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    URI current() {
        return current;
    }

    /** The URL reached by the permanent hops that opened the chain, or null. */
    URI movedPermanently() {
        return movedPermanently;
    }

    /** Moves on to the answer's Location, or fails when that would be unsafe or endless. */
    void follow(HttpAnswer answer) throws FetchFailure {
        String from = SafeUrl.of(answer.url());
        String location = answer.header("Location");
        if (location == null || location.isBlank()) {
            throw new FetchFailure("HTTP " + answer.status() + " without a Location header from " + from, answer.status());
        }
        URI target = resolve(answer.url(), location.trim(), answer.status());
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailure("refused the redirect from " + from + " to " + SafeUrl.of(target)
                    + ": only http and https redirects are followed", answer.status());
        }
        if (!visited.add(target.normalize())) {
            throw new FetchFailure("redirect loop: " + from + " leads back to " + SafeUrl.of(target), answer.status());
        }
        if (hops == maxRedirects) {
            throw new FetchFailure("too many redirects (more than " + maxRedirects + ") from " + SafeUrl.of(start)
                    + ", the last to " + SafeUrl.of(target), answer.status());
        }
        hops++;
        boolean permanent = answer.status() == 301 || answer.status() == 308;
        permanentSoFar &= permanent;
        if (permanentSoFar) {
            movedPermanently = target;
        }
        current = target;
    }

    /**
     * RFC 3986 (5.2.4) drops a ".." that would climb above the root: "../feeds/x.xml" from "/redirect" is
     * "/feeds/x.xml". java.net.URI keeps it ("/../feeds/x.xml"), which a server may refuse or answer wrongly.
     */
    private static URI withoutDotSegmentsAboveRoot(URI url) throws java.net.URISyntaxException {
        String path = url.getRawPath();
        if (path == null || url.getRawAuthority() == null || !path.startsWith("/..")) {
            return url;
        }
        while (path.startsWith("/../") || path.equals("/..")) {
            path = path.length() == 3 ? "/" : path.substring(3);
        }
        return new URI(url.getScheme() + "://" + url.getRawAuthority() + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                + (url.getRawFragment() == null ? "" : "#" + url.getRawFragment()));
    }

    private static URI resolve(URI base, String location, int status) throws FetchFailure {
        try {
            // "http://host" + "feed" would resolve to "http://hostfeed": give the base its root path.
            URI rooted = base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base;
            return withoutDotSegmentsAboveRoot(rooted.resolve(new URI(location)));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailure("HTTP " + status + " from " + SafeUrl.of(base) + " points to a malformed Location: "
                    + location, status);
        }
    }
}
