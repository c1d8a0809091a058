package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.feedletter.ingest.dedup.IngestReport;
import org.feedletter.ingest.poll.RefreshOutcome;
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
    void atATerminalWhatIsLoggedMeanwhileGoesAboveTheBarNotThroughIt() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logged, true));
        StringWriter text = new StringWriter();
        try {
            ProgressBar bar = new ProgressBar(new PrintWriter(text), new Terminal(true, false), 2);
            bar.accept(outcome(RefreshOutcome.Kind.FETCHED, 3, null));
            System.err.print("12:00:00.000 WARN  FeedRefresher - feed 8 (Other): ");
            System.err.print("HTTP 503\n");
            bar.accept(outcome(RefreshOutcome.Kind.FETCHED, 1, null));
            bar.finish();
            System.err.print("after\n");
        } finally {
            System.setErr(before);
        }

        assertThat(logged.toString()).isEqualTo("12:00:00.000 WARN  FeedRefresher - feed 8 (Other): HTTP 503\n"
                + "after\n");
        assertThat(text.toString()).isEqualTo("\r[############............] 1/2 feeds  3 new items  0 errors"
                + "\r\u001b[K" // the bar cleared for the log line...
                + "[############............] 1/2 feeds  3 new items  0 errors" // ...and drawn again under it
                + "\r[########################] 2/2 feeds  4 new items  0 errors" + System.lineSeparator());
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
