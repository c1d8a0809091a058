package org.feedletter.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.feedletter.config.Durations;
import org.feedletter.config.FeedConfig;
import org.feedletter.config.SecretUrls;
import org.feedletter.manage.FeedChanges;
import org.feedletter.manage.FeedOperations;
import org.feedletter.manage.PushOperations;
import org.feedletter.store.StoredFeed;

/**
 * {@code /admin/feeds}: each feed's health, a page of 50 at a time, with its entries per day over 30 days; and the
 * changes {@code feedletter feeds} makes (add, pause, resume, rename, interval, remove), through the same
 * {@link FeedChanges}.
 */
public final class FeedsSection implements AdminSection {

    private static final int PAGE = 50;

    private final FeedOperations feeds;
    private final FeedChanges changes;

    public FeedsSection(FeedOperations feeds) {
        this.feeds = feeds;
        this.changes = feeds.changes();
    }

    @Override
    public void addTo(AdminRouter admin) {
        admin.page("/admin/feeds", exchange -> list(exchange, admin.clock().instant()));
        admin.action("/admin/feeds/add", exchange -> answer(exchange, "Add a feed", interval(exchange.form("interval"))
                .map(interval -> changes.add(exchange.form("url"), exchange.form("name"), interval))
                .orElseGet(() -> badInterval(exchange.form("interval")))));
        admin.action("/admin/feeds/{id}/pause", exchange -> answer(exchange, "Pause",
                changes.pause(exchange.path("id"))));
        admin.action("/admin/feeds/{id}/resume", exchange -> answer(exchange, "Resume",
                changes.resume(exchange.path("id"))));
        admin.action("/admin/feeds/{id}/rename", exchange -> answer(exchange, "Rename",
                changes.rename(exchange.path("id"), exchange.form("name"))));
        admin.action("/admin/feeds/{id}/interval", exchange -> answer(exchange, "Interval",
                interval(exchange.form("interval")).map(interval -> changes.interval(exchange.path("id"), interval))
                        .orElseGet(() -> badInterval(exchange.form("interval")))));
        admin.action("/admin/feeds/{id}/remove", exchange -> answer(exchange, "Remove",
                changes.remove(exchange.path("id"))));
    }

    private static void answer(AdminExchange exchange, String action, FeedChanges.Change change) {
        exchange.done(action + (change.done() ? ": done" : ": refused"), change.message(), "/admin/feeds");
    }

    /** What the form says (the default when it says nothing), or empty when it is no duration. */
    private static Optional<Duration> interval(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(FeedConfig.DEFAULT_INTERVAL);
        }
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FeedChanges.Change badInterval(String text) {
        return new FeedChanges.Change(false, "Expected " + Durations.EXPECTED + ", got '" + text + "'.");
    }

    private void list(AdminExchange exchange, Instant now) {
        List<StoredFeed> all = feeds.listCurrent();
        int pages = Math.max(1, (all.size() + PAGE - 1) / PAGE);
        int page = Math.min(pages, Math.max(1, parsePage(exchange.query("page"))));
        List<StoredFeed> shown = all.subList((page - 1) * PAGE, Math.min(all.size(), page * PAGE));
        Map<Long, int[]> entries = feeds.entriesPerDay(shown.stream().map(StoredFeed::id).toList(), now,
                EntriesChart.DAYS);
        Map<Long, PushOperations.Status> pushes = feeds.pushStatuses();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredFeed feed : shown) {
            Map<String, Object> row = row(feed, entries.get(feed.id()), now);
            row.put("push", push(pushes.get(feed.id()), now));
            rows.add(row);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("feeds", rows);
        model.put("pushEnabled", feeds.pushEnabled());
        model.put("page", page);
        model.put("pages", pages);
        model.put("total", all.size());
        model.put("failing", all.stream().filter(FeedsSection::failing).count());
        exchange.render("admin/feeds.ftlh", model);
    }

    static boolean failing(StoredFeed feed) {
        return feed.failures() > 0 || feed.state() == StoredFeed.FeedState.GONE;
    }

    private static Map<String, Object> row(StoredFeed feed, int[] perDay, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", feed.id());
        row.put("name", feed.label());
        row.put("title", feed.title() == null ? "" : feed.title());
        row.put("url", SecretUrls.masked(feed.url().toString()));
        row.put("fromConfig", feed.origin() == StoredFeed.FeedOrigin.CONFIG);
        row.put("paused", feed.state() == StoredFeed.FeedState.PAUSED || feed.state() == StoredFeed.FeedState.GONE);
        row.put("interval", Durations.format(feed.interval()));
        row.put("state", feed.state().name().toLowerCase(Locale.ROOT));
        row.put("failing", failing(feed));
        row.put("lastFetch", AdminFormat.time(feed.lastPolledAt()));
        row.put("lastFetchAgo", AdminFormat.relative(feed.lastPolledAt(), now));
        row.put("lastSuccessAgo", AdminFormat.relative(feed.lastSuccessAt(), now));
        row.put("status", feed.lastStatus() == null ? "" : feed.lastStatus().toString());
        row.put("failures", feed.failures());
        row.put("lastError", feed.lastError() == null ? "" : feed.lastError());
        row.put("nextPoll", feed.state() == StoredFeed.FeedState.ACTIVE ? AdminFormat.relative(feed.nextPollAt(), now)
                : "stopped");
        row.put("chart", EntriesChart.model(perDay, now));
        return row;
    }

    /**
     * A feed's WebSub subscription for the page: its state ("" for none), whether it is live, the hub, when its lease
     * ends, the pushes taken and refused, and its last error.
     */
    private static Map<String, Object> push(PushOperations.Status status, Instant now) {
        Map<String, Object> push = new LinkedHashMap<>();
        boolean live = status != null && status.liveAt(now);
        push.put("state", status == null ? "" : status.state().equals("live") && !live ? "lapsed" : status.state());
        push.put("live", live);
        push.put("hub", status == null ? "" : status.hub());
        push.put("leaseEnds", status == null || status.leaseUntil() == null ? ""
                : AdminFormat.relative(status.leaseUntil(), now));
        push.put("lastPushAgo", status == null || status.lastPushAt() == null ? "never"
                : AdminFormat.relative(status.lastPushAt(), now));
        push.put("accepted", status == null ? 0L : status.pushesAccepted());
        push.put("refused", status == null ? 0L : status.pushesRefused());
        push.put("lastError", status == null || status.lastError() == null ? "" : status.lastError());
        return push;
    }

    private static int parsePage(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
