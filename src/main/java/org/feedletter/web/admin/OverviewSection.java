package org.feedletter.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedletter.ingest.poll.PollSummary;
import org.feedletter.manage.EditionOperations;
import org.feedletter.manage.FeedOperations;
import org.feedletter.manage.ItemOperations;
import org.feedletter.manage.OutboxOperations;
import org.feedletter.manage.SubscriberOperations;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin}: how things stand (feeds ok and failing, the outbox, the last editions, subscribers), and the
 * "poll now" action, which polls every feed in the background; one such poll runs at a time.
 */
public final class OverviewSection implements AdminSection {

    private static final Logger log = LoggerFactory.getLogger(OverviewSection.class);

    private final FeedOperations feeds;
    private final ItemOperations items;
    private final EditionOperations editions;
    private final OutboxOperations outbox;
    private final SubscriberOperations subscribers;
    private final AtomicBoolean polling = new AtomicBoolean();
    /** How long "poll now" waits to show its result in place before it leaves the poll to run on. */
    static final Duration POLL_WAIT = Duration.ofSeconds(20);

    public OverviewSection(FeedOperations feeds, ItemOperations items, EditionOperations editions,
            OutboxOperations outbox, SubscriberOperations subscribers) {
        this.feeds = feeds;
        this.items = items;
        this.editions = editions;
        this.outbox = outbox;
        this.subscribers = subscribers;
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin", exchange -> overview(exchange, admin.clock().instant()));
        admin.action("/admin/poll", this::pollNow);
        admin.action("/admin/outbox/retry", this::retryFailed);
    }

    private void overview(AdminExchange exchange, Instant now) {
        List<StoredFeed> all = feeds.listCurrent();
        List<Map<String, Object>> failing = new ArrayList<>();
        all.stream().filter(FeedsSection::failing)
                .sorted(Comparator.comparingInt(StoredFeed::failures).reversed())
                .limit(10)
                .forEach(feed -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", feed.label());
                    row.put("failures", feed.failures());
                    row.put("lastError", feed.lastError() == null ? "" : feed.lastError());
                    row.put("lastSuccessAgo", AdminFormat.relative(feed.lastSuccessAt(), now));
                    failing.add(row);
                });
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("feedCount", all.size());
        model.put("failingCount", all.stream().filter(FeedsSection::failing).count());
        model.put("failing", failing);
        model.put("outbox", outbox.countByState());
        model.put("outboxErrors", outbox.lastErrors(5).stream().map(e -> Map.of("id", e.id(), "email", e.email(),
                "state", e.state(), "attempts", e.attempts(), "error", e.error())).toList());
        model.put("editions", NewslettersSection.editionRows(editions.recent(5)));
        Map<String, Long> byState = new LinkedHashMap<>();
        subscribers.countByState().forEach((state, n) -> byState.put(state.name().toLowerCase(Locale.ROOT), n));
        model.put("subscribers", byState);
        model.put("polling", polling.get());
        model.put("charts", List.of(
                DailyChart.model("Items published", "item", items.publishedPerDay(now, DailyChart.DAYS), now,
                        false, ""),
                DailyChart.model("Messages sent", "message", outbox.sentPerDay(now, DailyChart.DAYS), now,
                        false, ""),
                DailyChart.model("Messages failed", "message", outbox.failedPerDay(now, DailyChart.DAYS), now,
                        false, "failed"),
                DailyChart.model("Active subscribers", "subscriber", subscribers.activePerDay(now,
                        DailyChart.DAYS), now, true, "")));
        exchange.render("admin/overview.ftlh", model);
    }

    /** The failed messages queued again: what {@code feedletter mail retry} does. */
    private void retryFailed(AdminExchange exchange) {
        int queued = outbox.retryFailed();
        log.info("admin: {} failed messages queued again, asked from {}", queued, exchange.clientAddress());
        exchange.done("Retry failed messages", queued == 0 ? "No message had failed."
                : queued + (queued == 1 ? " failed message is" : " failed messages are") + " queued again; they go "
                + "out at the next delivery tick.", "/admin");
    }

    /**
     * Polls every feed in the background (one such poll at a time) and waits up to {@link #POLL_WAIT} for it: a poll
     * that ends by then is shown in place (feeds polled, failed, new items, each failure); a longer one goes on, and
     * the feeds page shows its results as they come.
     */
    private void pollNow(AdminExchange exchange) {
        CompletableFuture<PollSummary> poll = new CompletableFuture<>();
        if (!polling.compareAndSet(false, true)) {
            exchange.done("Poll now", "A poll of every feed is already running; the feeds page shows each result as "
                    + "it comes in.", "/admin/feeds");
            return;
        }
        log.info("admin: poll of every feed requested from {}", exchange.clientAddress());
        Thread thread = new Thread(() -> {
            try {
                PollSummary summary = feeds.pollAll(outcome -> {});
                log.info("admin poll: {} feeds polled, {} failed, {} new items", summary.polled(),
                        summary.failures().size(), summary.totals().newItems());
                poll.complete(summary);
            } catch (RuntimeException e) {
                log.error("admin poll failed", e);
                poll.completeExceptionally(e);
            } finally {
                polling.set(false);
            }
        }, "admin-poll");
        thread.setDaemon(true);
        thread.start();
        PollSummary summary;
        try {
            summary = poll.get(POLL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.done("Poll now", "Polling every feed; it takes longer than " + POLL_WAIT.toSeconds() + " s, so it "
                    + "goes on in the background. The feeds page shows each result as it comes in.", "/admin/feeds");
            return;
        } catch (ExecutionException e) {
            exchange.done("Poll now", "The poll failed: " + e.getCause().getMessage(), "/admin/feeds");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.done("Poll now", "Polling every feed in the background.", "/admin/feeds");
            return;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("polled", summary.polled());
        model.put("notModified", summary.notModified());
        model.put("newItems", summary.totals().newItems());
        model.put("duplicates", summary.totals().duplicates());
        model.put("failures", summary.failures().stream().map(o -> Map.of("id", o.feed().id(), "name",
                o.feed().label(), "message", o.message() == null ? "" : o.message())).toList());
        exchange.render("admin/polled.ftlh", model);
    }
}
