package org.feedletter.feed.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.Durations;
import org.feedletter.config.FetchSettings;
import org.feedletter.feed.fetch.FetchResult.Failed;
import org.feedletter.feed.fetch.FetchResult.Fetched;
import org.feedletter.feed.fetch.FetchResult.Gone;
import org.feedletter.feed.fetch.FetchResult.NotModified;
import org.feedletter.feed.fetch.FetchResult.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches feeds over HTTP(S) and from file: URLs. Blocking and thread-safe: callers run many
 * fetches at once, all sharing one HTTP client and its pooled connections. A fetch never throws for
 * a network or HTTP problem; every outcome is a {@link FetchResult}.
 */
public final class FeedFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);

    private final FetchSettings settings;
    private final InstantSource clock;
    private final ExecutorService clientThreads;
    private final Watchdog watchdog;
    private final RequestSender sender;
    private final HostLimiter hostLimiter;
    private final HostBackoff backoff = new HostBackoff();
    private final EgressRules egress;
    private final BodyDecoder decoder;
    private final FileFetcher files;

    public FeedFetcher(FetchSettings settings) {
        this(settings, InstantSource.system());
    }

    /** @param clock the wall clock that Retry-After instants are read against */
    public FeedFetcher(FetchSettings settings, InstantSource clock) {
        if (settings.maxBodyBytes() < 1 || settings.maxRedirects() < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive and maxRedirects not negative: " + settings);
        }
        this.settings = settings;
        this.clock = clock;
        this.hostLimiter = new HostLimiter(settings.perHostConcurrency());
        this.egress = new EgressRules(settings.allowInternal());
        this.clientThreads = Executors.newCachedThreadPool(new DaemonThreads("feedletter-fetch-"));
        this.watchdog = new Watchdog(settings.readTimeout(), new DaemonThreads("feedletter-fetch-watchdog-"));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .executor(clientThreads)
                .build();
        this.sender = new RequestSender(client, watchdog, settings.userAgent(), settings.connectTimeout(),
                settings.readTimeout(), settings.maxBodyBytes());
        this.decoder = new BodyDecoder(settings.maxBodyBytes());
        this.files = new FileFetcher(settings.maxBodyBytes());
    }

    public FetchResult fetch(FetchRequest request) {
        long started = System.nanoTime();
        URI url = request.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        FetchResult result = switch (scheme) {
            case "http", "https" -> fetchOverHttp(request, Deadline.startingAt(started, settings.deadline()));
            case "file" -> url.equals(request.feedUrl()) ? files.fetch(request)
                    : new Failed("feed link " + SafeUrl.of(url) + " (from " + SafeUrl.of(request.feedUrl())
                            + ") refused: only a feed the operator gives may be a local file", 0,
                            Duration.ofNanos(System.nanoTime() - started));
            default -> new Failed("cannot fetch " + SafeUrl.of(url) + ": only http, https and file URLs are supported",
                    0, Duration.ofNanos(System.nanoTime() - started));
        };
        if (log.isDebugEnabled()) {
            log.debug("Fetch of {} ended in {}: {}", SafeUrl.of(url), Durations.inSeconds(result.elapsed()), summary(result));
        }
        return result;
    }

    /**
     * POSTs a form to {@code target}, a URL that the feed at {@code feedUrl} names (a WebSub hub): held to the egress
     * rules like the feed's links (an internal address only when it is the feed's own host and port, or
     * {@code fetch.allow-internal} names it), within the fetch deadline and limits. Follows 307 and 308, which keep
     * the method (a hub may hand a subscription on); any other redirect is a failure. Never throws for a network or
     * HTTP problem.
     */
    public FormAnswer postForm(URI feedUrl, URI target, Map<String, String> form) {
        long started = System.nanoTime();
        Deadline deadline = Deadline.startingAt(started, settings.deadline());
        String body = encode(form);
        RedirectChain redirects = new RedirectChain(target, settings.maxRedirects());
        URI from = null;
        try {
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchFailure("cannot post to " + SafeUrl.of(target) + ": only http and https are supported");
            }
            while (true) {
                URI url = redirects.current();
                String host = SafeUrl.hostKey(url);
                if (clientThreads.isShutdown()) {
                    throw new FetchFailure("cannot post to " + SafeUrl.of(url) + ": the fetcher is closed");
                }
                HttpAnswer answer;
                try (HostLimiter.Slot slot = hostLimiter.acquire(host, deadline)) {
                    if (slot == null) {
                        throw new FetchFailure("timed out after " + Durations.inSeconds(settings.deadline())
                                + " waiting for a free connection to " + host + " for " + SafeUrl.of(url));
                    }
                    InetAddress pinned = egress.check(feedUrl, url, from);
                    answer = sender.sendForm(url, body, deadline, pinned);
                }
                int status = answer.status();
                if (status == 307 || status == 308) {
                    redirects.follow(answer);
                    from = answer.url();
                    continue;
                }
                if (status >= 200 && status < 300) {
                    return new FormAnswer(status, answer.url(), null, deadline.elapsed());
                }
                return new FormAnswer(status, answer.url(), "HTTP " + status + " from " + SafeUrl.of(answer.url())
                        + " after " + Durations.inSeconds(deadline.elapsed()), deadline.elapsed());
            }
        } catch (FetchFailure failure) {
            return new FormAnswer(failure.status(), redirects.current(), failure.getMessage(), deadline.elapsed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FormAnswer(0, target, "interrupted while posting to " + SafeUrl.of(target), deadline.elapsed());
        } catch (RuntimeException e) {
            log.warn("Unexpected failure posting to {}", SafeUrl.of(target), e);
            return new FormAnswer(0, target, "could not post to " + SafeUrl.of(target) + ": " + e, deadline.elapsed());
        }
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    /** Releases the client's threads; fetches after this fail. */
    @Override
    public void close() {
        watchdog.close();
        clientThreads.shutdownNow();
    }

    private FetchResult fetchOverHttp(FetchRequest request, Deadline deadline) {
        RedirectChain redirects = new RedirectChain(request.url(), settings.maxRedirects());
        URI from = null;
        try {
            while (true) {
                URI url = redirects.current();
                String host = SafeUrl.hostKey(url);
                Instant heldUntil = backoff.heldUntil(host, clock.instant());
                if (heldUntil != null) {
                    return new RateLimited(host, null, heldUntil, host + " asked us to wait until " + heldUntil
                            + "; not requesting " + SafeUrl.of(url) + " before then", deadline.elapsed());
                }
                HttpAnswer answer = sendWithinHostLimit(url, from, host, request, deadline);
                if (!RedirectChain.isRedirect(answer.status())) {
                    return outcomeOf(answer, redirects, deadline);
                }
                redirects.follow(answer);
                from = answer.url();
            }
        } catch (FetchFailure failure) {
            return new Failed(failure.getMessage(), failure.status(), deadline.elapsed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while fetching " + SafeUrl.of(request.url()), 0, deadline.elapsed());
        } catch (RuntimeException e) {
            // A bug or a surprise from the HTTP client: still one failed feed, not a failed poll.
            log.warn("Unexpected failure fetching {}", SafeUrl.of(request.url()), e);
            return new Failed("could not fetch " + SafeUrl.of(request.url()) + ": " + e, 0, deadline.elapsed());
        }
    }

    /** @param from the URL that redirected to {@code url}, or null for the first request */
    private HttpAnswer sendWithinHostLimit(URI url, URI from, String host, FetchRequest request, Deadline deadline)
            throws FetchFailure, InterruptedException {
        if (clientThreads.isShutdown()) {
            throw new FetchFailure("cannot fetch " + SafeUrl.of(url) + ": the fetcher is closed");
        }
        try (HostLimiter.Slot slot = hostLimiter.acquire(host, deadline)) {
            if (slot == null) {
                throw new FetchFailure("timed out after " + Durations.inSeconds(settings.deadline())
                        + " waiting for a free connection to " + host + " for " + SafeUrl.of(url));
            }
            // Checked here, as late as can be: the look-up it makes is the one the connection will use (see EgressRules).
            InetAddress pinned = egress.check(request.feedUrl(), url, from);
            return sender.send(url, request, deadline, pinned);
        }
    }

    private FetchResult outcomeOf(HttpAnswer answer, RedirectChain redirects, Deadline deadline) throws FetchFailure {
        int status = answer.status();
        String url = SafeUrl.of(answer.url());
        if (status >= 200 && status < 300) {
            return fetched(answer, redirects, deadline);
        }
        if (status == 304) {
            return new NotModified(redirects.movedPermanently(), deadline.elapsed());
        }
        if (status == 410) {
            return new Gone("HTTP 410 Gone from " + url + ": the publisher removed this feed", deadline.elapsed());
        }
        String retryAfter = answer.header("Retry-After");
        if (status == 429 || (status == 503 && retryAfter != null)) {
            return rateLimited(answer, retryAfter, deadline);
        }
        Duration elapsed = deadline.elapsed();
        return new Failed("HTTP " + status + " from " + url + " after " + Durations.inSeconds(elapsed), status, elapsed);
    }

    private Fetched fetched(HttpAnswer answer, RedirectChain redirects, Deadline deadline) throws FetchFailure {
        String encoding = answer.header("Content-Encoding");
        if (!BodyDecoder.understands(encoding)) {
            throw new FetchFailure("unsupported Content-Encoding " + encoding + " from " + SafeUrl.of(answer.url()), answer.status());
        }
        byte[] body;
        try {
            body = decoder.decode(answer.body(), encoding);
        } catch (BodyTooLargeException e) {
            throw new FetchFailure(e.getMessage() + " from " + SafeUrl.of(answer.url()), answer.status());
        } catch (IOException e) {
            throw new FetchFailure("could not decompress the " + encoding + " body from " + SafeUrl.of(answer.url())
                    + ": " + e.getMessage(), answer.status());
        }
        // finalUrl is the base for the items' links: no credentials there. movedPermanently keeps them,
        // since it replaces the stored feed URL.
        return new Fetched(SafeUrl.withoutUserInfo(answer.url()), redirects.movedPermanently(), answer.status(),
                answer.header("Content-Type"), body, answer.header("ETag"), answer.header("Last-Modified"), deadline.elapsed(),
                answer.headers().allValues("Link"));
    }

    private RateLimited rateLimited(HttpAnswer answer, String retryAfter, Deadline deadline) {
        String host = SafeUrl.hostKey(answer.url());
        Instant now = clock.instant();
        Instant until = RetryAfter.parse(retryAfter, now);
        if (until != null && until.isAfter(now)) {
            backoff.hold(host, until);
        }
        String message = "HTTP " + answer.status() + " from " + SafeUrl.of(answer.url())
                + (until == null ? ": the host asks us to slow down" : ": the host asks us to wait until " + until);
        return new RateLimited(host, answer.status(), until, message, deadline.elapsed());
    }

    private static String summary(FetchResult result) {
        if (result instanceof Fetched fetched) {
            return "HTTP " + fetched.status() + ", " + fetched.body().length + " bytes from " + SafeUrl.of(fetched.finalUrl());
        }
        if (result instanceof NotModified) {
            return "not modified";
        }
        if (result instanceof RateLimited rateLimited) {
            return rateLimited.message();
        }
        if (result instanceof Gone gone) {
            return gone.message();
        }
        return ((Failed) result).message();
    }

    /** Names the client's threads so that a thread dump tells whose they are. */
    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
