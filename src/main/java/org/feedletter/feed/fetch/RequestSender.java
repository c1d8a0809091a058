package org.feedletter.feed.fetch;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.feedletter.config.Durations;
import org.slf4j.LoggerFactory;

/**
 * Sends one GET and reads its answer within the read timeout and the fetch's deadline: the client's
 * request timeout bounds the wait for the response head, the {@link Watchdog} bounds the body.
 *
 * <p>It uses the blocking {@code HttpClient.send} on the caller's thread: {@code sendAsync} hands
 * every completion to the common pool, which on a machine with two cores means a new thread each time.
 */
final class RequestSender {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private final HttpClient client;
    private final Watchdog watchdog;
    private final String userAgent;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final long maxBodyBytes;

    RequestSender(HttpClient client, Watchdog watchdog, String userAgent, Duration connectTimeout,
                  Duration readTimeout, long maxBodyBytes) {
        this.client = client;
        this.watchdog = watchdog;
        this.userAgent = userAgent;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The JDK's HTTP client refuses a Host header unless this property names it when the client's classes load:
     * {@link org.feedletter.Main} and the build's test settings set it first, and this class too, in case it loads
     * before anything else of the client's.
     */
    static final String ALLOW_HOST_HEADER = "jdk.httpclient.allowRestrictedHeaders";

    static {
        if (System.getProperty(ALLOW_HOST_HEADER) == null) {
            System.setProperty(ALLOW_HOST_HEADER, "host");
        }
    }

    /** Whether a request may carry its own Host header here (see {@link #ALLOW_HOST_HEADER}). */
    static final boolean CAN_PIN = canSetHost();

    private static boolean canSetHost() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.org");
            return true;
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(RequestSender.class).warn("the HTTP client was loaded before {}=host could be "
                    + "set: redirects to other hosts over plain http go by name, checked by a look-up just before",
                    ALLOW_HOST_HEADER);
            return false;
        }
    }

    /**
     * @param pinned the address to connect to instead of looking the URL's host up again (see {@link EgressRules}),
     *     or null
     */
    HttpAnswer send(URI url, FetchRequest validators, Deadline deadline, InetAddress pinned)
            throws FetchFailure, InterruptedException {
        return exchange(url, deadline, headTimeout -> requestFor(url, validators, headTimeout, CAN_PIN ? pinned : null,
                userAgent));
    }

    /**
     * POSTs an application/x-www-form-urlencoded body (a WebSub subscription request), within the same limits as a
     * GET; the answer's body is kept only when 2xx, like a fetch's.
     */
    HttpAnswer sendForm(URI url, String form, Deadline deadline, InetAddress pinned)
            throws FetchFailure, InterruptedException {
        return exchange(url, deadline, headTimeout -> {
            URI target = SafeUrl.withoutUserInfo(url);
            InetAddress address = CAN_PIN ? pinned : null;
            HttpRequest.Builder builder = HttpRequest.newBuilder(address == null ? target : atAddress(target, address))
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                    .timeout(headTimeout)
                    .header("User-Agent", userAgent)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            if (address != null) {
                builder.header("Host", target.getRawAuthority());
            }
            return builder.build();
        });
    }

    private HttpAnswer exchange(URI url, Deadline deadline, java.util.function.Function<Duration, HttpRequest> requests)
            throws FetchFailure, InterruptedException {
        long remaining = deadline.remainingNanos();
        boolean deadlineFirst = remaining < readTimeout.toNanos();
        Duration headLimit = deadlineFirst ? deadline.budget() : readTimeout;
        if (remaining <= 0) {
            throw new FetchFailure("timed out after " + Durations.inSeconds(headLimit) + " before requesting " + SafeUrl.of(url));
        }
        CappedBodySubscriber body = new CappedBodySubscriber(maxBodyBytes);
        try (Watchdog.Watch watch = watchdog.watch(body, deadline)) {
            HttpRequest request = requests.apply(deadlineFirst ? Duration.ofNanos(remaining) : readTimeout);
            HttpResponse<byte[]> response = client.send(request, body::forResponse);
            return new HttpAnswer(url, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw ExchangeFailures.describe(e, url, body.status(), headLimit, connectTimeout);
        } catch (IllegalArgumentException e) {
            // e.g. a stored etag that is not a valid header value
            throw new FetchFailure("cannot fetch " + SafeUrl.of(url) + ": " + e.getMessage());
        }
    }

    static HttpRequest requestFor(URI url, FetchRequest validators, Duration headTimeout, InetAddress pinned,
            String userAgent) {
        URI target = SafeUrl.withoutUserInfo(url);
        HttpRequest.Builder builder = HttpRequest.newBuilder(pinned == null ? target : atAddress(target, pinned))
                .GET()
                .timeout(headTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip, deflate");
        if (pinned != null) {
            builder.header("Host", target.getRawAuthority()); // the name the server is asked for, as the URL gives it
        }
        if (validators.etag() != null) {
            builder.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            builder.header("If-Modified-Since", validators.lastModified());
        }
        if (url.getRawUserInfo() != null) {
            // user:password in a feed URL means Basic authentication. It never reaches another host:
            // a redirect keeps it only when the Location is relative.
            String credentials = URLDecoder.decode(url.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    /** The URL with its host replaced by the address (IPv6 in brackets), port, path and query kept. */
    static URI atAddress(URI url, InetAddress address) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        try {
            return new URI(url.getScheme() + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort())
                    + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot address " + SafeUrl.of(url) + " at " + host, e);
        }
    }
}
