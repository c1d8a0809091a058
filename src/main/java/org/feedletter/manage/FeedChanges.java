package org.feedletter.manage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.feedletter.config.Durations;
import org.feedletter.config.SecretUrls;
import org.feedletter.store.FeedStore;
import org.feedletter.store.StoredFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adding, pausing, resuming, renaming, re-timing and removing feeds: one set of rules and answers for
 * {@code feedletter feeds ...} and the admin feeds page. A feed from the config file is paused and resumed here
 * too, but renamed, re-timed and removed in the file, which says so.
 */
public final class FeedChanges {

    private static final Logger log = LoggerFactory.getLogger(FeedChanges.class);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);

    /** What an action did, in words for the operator; {@code done} false when it was refused. */
    public record Change(boolean done, String message) {}

    private final FeedStore feeds;
    private final Path configFile;
    private final InstantSource clock;

    public FeedChanges(FeedStore feeds, Path configFile, InstantSource clock) {
        this.feeds = feeds;
        this.configFile = configFile;
        this.clock = clock;
    }

    /** A current feed by its id, its URL or the URL the config file writes. */
    public Optional<StoredFeed> find(String which) {
        String wanted = which == null ? "" : which.strip();
        return feeds.listCurrent().stream()
                .filter(f -> String.valueOf(f.id()).equals(wanted) || f.url().toString().equals(wanted)
                        || wanted.equals(f.configUrl()))
                .findFirst();
    }

    /** Adds an http(s) feed that is not there yet; it is polled at once. */
    public Change add(String url, String name, Duration interval) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            return refused("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return refused("'" + SecretUrls.masked(uri.toString()) + "' is not an http or https address");
        }
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            return refused("a feed is polled at most every minute, not every " + Durations.format(interval));
        }
        Optional<StoredFeed> there = find(uri.toString());
        if (there.isPresent()) {
            return refused("feed " + there.get().id() + " (" + there.get().label() + ") already polls "
                    + SecretUrls.masked(uri.toString()) + (there.get().origin() == StoredFeed.FeedOrigin.CONFIG
                    ? "; it comes from the config file" : ""));
        }
        String label = name == null || name.isBlank() ? uri.getHost() : name.strip();
        StoredFeed added = feeds.add(uri, label, interval, clock.instant());
        log.info("feed {} added: {}", added.id(), SecretUrls.masked(uri.toString()));
        return new Change(true, "Added feed " + added.id() + ": " + added.label() + ", polled every "
                + Durations.format(interval) + ".");
    }

    public Change pause(String which) {
        return withFeed(which, feed -> feeds.pause(feed.id())
                ? done(feed, "is paused: it is not polled until resumed; its items stay")
                : refused(describe(feed) + " is " + state(feed) + ", not active: nothing to pause"));
    }

    public Change resume(String which) {
        return withFeed(which, feed -> feeds.resume(feed.id(), clock.instant())
                ? done(feed, "is polled again, from now")
                : refused(describe(feed) + " is " + state(feed) + ": nothing to resume"));
    }

    public Change rename(String which, String name) {
        if (name == null || name.isBlank()) {
            return refused("a feed needs a name that is not empty");
        }
        return withFeed(which, feed -> fromFile(feed, "rename it").orElseGet(() -> {
            feeds.rename(feed.id(), name.strip());
            return new Change(true, "Feed " + feed.id() + " is now called " + name.strip() + ".");
        }));
    }

    public Change interval(String which, Duration interval) {
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            return refused("a feed is polled at most every minute, not every " + Durations.format(interval));
        }
        return withFeed(which, feed -> fromFile(feed, "change its interval").orElseGet(() -> {
            feeds.setInterval(feed.id(), interval);
            return done(feed, "is polled every " + Durations.format(interval) + " from its next poll on");
        }));
    }

    public Change remove(String which) {
        return withFeed(which, feed -> fromFile(feed, "remove it").orElseGet(() -> {
            feeds.remove(feed.id());
            log.info("feed {} removed: {}", feed.id(), SecretUrls.masked(feed.url().toString()));
            return new Change(true, "Removed feed " + feed.id() + " (" + feed.label()
                    + "): it is no longer polled; its items stay.");
        }));
    }

    private Change withFeed(String which, Function<StoredFeed, Change> change) {
        return find(which).map(change).orElseGet(() -> refused("There is no feed " + which
                + "; 'feedletter feeds list' shows them."));
    }

    /** The refusal for a config feed: it is changed in the file. */
    private Optional<Change> fromFile(StoredFeed feed, String what) {
        return feed.origin() == StoredFeed.FeedOrigin.CONFIG
                ? Optional.of(refused(describe(feed) + " comes from the config file " + configFile
                        + ": " + what + " there"))
                : Optional.empty();
    }

    private static Change done(StoredFeed feed, String what) {
        return new Change(true, describe(feed) + " " + what + ".");
    }

    private static Change refused(String why) {
        return new Change(false, why.endsWith(".") ? why : why + ".");
    }

    private static String describe(StoredFeed feed) {
        return "Feed " + feed.id() + " (" + feed.label() + ")";
    }

    private static String state(StoredFeed feed) {
        return feed.state().name().toLowerCase(Locale.ROOT);
    }
}
