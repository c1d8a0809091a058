package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.feedletter.ingest.IngestReport;
import org.feedletter.ingest.RefreshOutcome;
import org.feedletter.store.FeedStore.FeedPoll;
import org.feedletter.store.StoredFeed;
import org.junit.jupiter.api.Test;

/** Colour and a redrawn progress bar at a terminal; plain lines anywhere else. */
class TerminalTest {

    private static final StoredFeed FEED = new StoredFeed(7, null, URI.create("https://example.org/feed"), "Example",
            StoredFeed.FeedOrigin.ADDED, Duration.ofMinutes(30), null, null, null, StoredFeed.FeedState.ACTIVE,
            Instant.EPOCH, null, null, null, 0, null);

    private static RefreshOutcome outcome(RefreshOutcome.Kind kind, int newItems, String message) {
        return new RefreshOutcome(FEED, kind, new IngestReport(newItems, 0, Map.of(), 0), message,
                new FeedPoll(7, FEED.url(), Instant.EPOCH, 200, null, null, null, null, null, Instant.EPOCH,
                        FeedPoll.Result.OK), Duration.ofMillis(5));
    }

    @Test
    void atATerminalTheBarIsRedrawnInPlaceWithColouredErrors() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), new Terminal(true, true), 2);

        bar.accept(outcome(RefreshOutcome.Kind.FETCHED, 3, null));
        bar.accept(outcome(RefreshOutcome.Kind.FAILED, 0, "HTTP 503"));
        bar.finish();

        assertThat(text.toString()).isEqualTo("\r[############............] 1/2 feeds  3 new items  0 errors"
                + "\r[########################] 2/2 feeds  3 new items  \u001b[31m1 error\u001b[0m"
                + System.lineSeparator());
    }

    @Test
    void elsewhereEachFeedIsOnePlainLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), Terminal.plain(), 2);

        bar.accept(outcome(RefreshOutcome.Kind.FETCHED, 3, null));
        bar.accept(outcome(RefreshOutcome.Kind.FAILED, 0, "HTTP 503"));
        bar.finish();

        assertThat(text.toString().lines()).containsExactly("[1/2] feed 7 Example: fetched, 3 new",
                "[2/2] feed 7 Example: failed: HTTP 503");
    }

    @Test
    void colourIsOffWithoutATerminalAndWhenAskedToBe() {
        assertThat(new Terminal(false, true).red("x")).isEqualTo("x");
        assertThat(new Terminal(true, false).red("x")).isEqualTo("x");
        assertThat(new Terminal(true, true).red("x")).isEqualTo("\u001b[31mx\u001b[0m");
        assertThat(Terminal.detect().interactive()).as("tests run without a console").isFalse();
    }
}
