package org.feedletter.web.mergedfeed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedletter.config.Durations;
import org.feedletter.config.SecretUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a WebSub hub that topics changed: one form POST per topic, {@code hub.mode=publish} with the topic as
 * {@code hub.url} (what PubSubHubbub hubs read, Google's among them) and as {@code hub.topic} (what WebSub-era hubs
 * read, websub.rocks's among them). The spec leaves this request to the hub; every hub we know takes one of the two
 * and ignores the other.
 *
 * <p>Asynchronous: {@link #changed} only queues, on one thread of its own, so a slow or absent hub holds up neither a
 * rebuild nor a request. Coalesced: a topic with a ping waiting is not queued again, as the waiting ping covers the
 * change (the hub fetches the topic when it gets it). A ping that fails for a reason that may pass (no connection,
 * a timeout, 408, 429, 5xx) is tried again after {@link #DEFAULT_BACKOFF}; each failure is one warning naming the hub
 * and the status. The hub is the operator's, so it is reached as configured; its redirects are not followed.
 */
public final class HubNotifier implements AutoCloseable {

    /** The waits before the second, third and fourth attempts. */
    static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(25));
    private static final Logger log = LoggerFactory.getLogger(HubNotifier.class);

    /** Where each ping ended: {@code sent}, {@code retried} (failed, tried again later) or {@code failed} (given up). */
    public interface Outcomes {
        Outcomes NONE = outcome -> {};

        void count(String outcome);
    }

    private final URI hub;
    private final String shownHub;
    private final String userAgent;
    private final Duration timeout;
    private final List<Duration> backoff;
    private final Outcomes outcomes;
    private final ExecutorService clientThreads;
    private final HttpClient client;
    private final ScheduledExecutorService worker;
    /** Topics with a ping queued or waiting to be tried again, not yet being sent. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Pings queued, being sent, or waiting to be tried again. */
    private final AtomicInteger unfinished = new AtomicInteger();

    /**
     * @param connectTimeout how long connecting to the hub may take
     * @param timeout how long the hub may take to answer, connecting included
     */
    public HubNotifier(URI hub, String userAgent, Duration connectTimeout, Duration timeout, Outcomes outcomes) {
        this(hub, userAgent, connectTimeout, timeout, outcomes, DEFAULT_BACKOFF);
    }

    HubNotifier(URI hub, String userAgent, Duration connectTimeout, Duration timeout, Outcomes outcomes,
            List<Duration> backoff) {
        this.hub = hub;
        this.shownHub = SecretUrls.masked(hub.toString());
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.backoff = List.copyOf(backoff);
        this.outcomes = outcomes;
        this.clientThreads = Executors.newCachedThreadPool(daemon("websub-hub-client"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(clientThreads)
                .build();
        this.worker = Executors.newSingleThreadScheduledExecutor(daemon("websub-hub"));
    }

    /** The hub, as the feeds name it. */
    public URI hub() {
        return hub;
    }

    /** Queues a ping for each topic that has none waiting; returns at once, never throws for the hub's sake. */
    public void changed(Collection<String> topics) {
        for (String topic : topics) {
            queue(topic, 0, Duration.ZERO);
        }
    }

    /** Pings not yet done: queued, being sent, or waiting to be tried again. */
    public int unfinished() {
        return unfinished.get();
    }

    private void queue(String topic, int attempt, Duration delay) {
        if (!waiting.add(topic)) {
            return; // the ping waiting covers this change too
        }
        unfinished.incrementAndGet();
        try {
            worker.schedule(() -> send(topic, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // closed: nothing more is sent
            waiting.remove(topic);
            unfinished.decrementAndGet();
        }
    }

    private void send(String topic, int attempt) {
        // From here on, a change needs a ping of its own: the hub may fetch the topic before it.
        waiting.remove(topic);
        try {
            Failure failure = post(topic);
            if (failure == null) {
                outcomes.count("sent");
                log.debug("WebSub hub {} told that {} changed", shownHub, topic);
            } else if (failure.mayPass() && attempt < backoff.size()) {
                Duration wait = backoff.get(attempt);
                log.warn("WebSub hub {}: the ping for {} failed ({}); trying again in {}", shownHub, topic,
                        failure.what(), Durations.inSeconds(wait));
                outcomes.count("retried");
                queue(topic, attempt + 1, wait); // unless a newer ping waits already, which covers it
            } else {
                log.warn("WebSub hub {}: the ping for {} failed ({}); not trying again: its subscribers hear of this"
                        + " change with the next one", shownHub, topic, failure.what());
                outcomes.count("failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (RuntimeException e) {
            log.warn("WebSub hub {}: the ping for {} failed ({}); not trying again", shownHub, topic, e.toString());
            outcomes.count("failed");
        } finally {
            unfinished.decrementAndGet();
        }
    }

    /** Why a ping did not take, and whether trying again may help. */
    private record Failure(String what, boolean mayPass) {}

    /** Null when the hub took the ping. */
    private Failure post(String topic) throws InterruptedException {
        String form = "hub.mode=publish&hub.url=" + encode(topic) + "&hub.topic=" + encode(topic);
        HttpRequest request = HttpRequest.newBuilder(hub)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return new Failure("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        }
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status >= 300 && status < 400) {
            return new Failure("HTTP " + status + "; a hub's redirects are not followed: set web.hub to where it leads",
                    false);
        }
        return new Failure("HTTP " + status, status == 408 || status == 429 || status >= 500);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Drops what is queued and stops a ping in flight. */
    @Override
    public void close() {
        worker.shutdownNow();
        clientThreads.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
