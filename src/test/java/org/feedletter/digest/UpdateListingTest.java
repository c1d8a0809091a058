package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.feedletter.config.FilterRules;
import org.feedletter.config.Include;
import org.feedletter.config.NewsletterConfig;
import org.feedletter.config.UpdateListing;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.dedup.ItemIngestor;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.EditionStore;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.ListedUpdate;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which updates an edition lists, on the store: each newsletter with its own threshold and filters, only items it
 * really sent, each revision once, and the same section whenever the edition is rendered again.
 */
@Tag("database")
class UpdateListingTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final String TEXT = "The central bank of Hungary raised interest rates by half a point on Tuesday, "
            + "its third increase this year, and signalled that more could follow if the forint keeps falling against "
            + "the euro. Economists had expected a pause after inflation eased in October.";
    /** The last sentence rewritten: about 0.3 of the words. */
    private static final String REVISED = TEXT.replace("Economists had expected a pause after inflation eased in "
            + "October.", "Markets fell sharply after the announcement, and the government criticised the decision "
            + "as damaging to growth just weeks before the budget.");

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private final NewsletterConfig strict = newsletter("strict", UpdateListing.enabled(0.5), FilterRules.NONE);
    private final NewsletterConfig lenient = newsletter("lenient", UpdateListing.enabled(0.1), FilterRules.NONE);
    private final NewsletterConfig noCorrections = newsletter("no-corrections", UpdateListing.enabled(0.1),
            new FilterRules(List.of(), List.of(), List.of(), List.of(), "(?i)corrected", null, List.of()));
    private final List<NewsletterConfig> all = List.of(strict, lenient, noCorrections);
    private Database database;
    private EditionStore editions;
    private ItemIngestor ingestor;
    private EditionBuilder builder;
    private long feed;

    @BeforeEach
    void setUp() {
        database = TestDatabases.fresh();
        editions = new EditionStore(database);
        editions.syncNewsletters(all, clock.instant());
        ingestor = new ItemIngestor(new ItemStore(database));
        feed = new FeedStore(database).add(URI.create("https://institute.example/feed"), "Site", Duration.ofMinutes(30),
                clock.instant()).id();
        new SubscriberStore(database).seed("alice@example.org", "alice@example.org", STOCKHOLM,
                List.of("strict", "lenient", "no-corrections"), clock.instant());
        builder = new EditionBuilder(editions, all, "institute.example", clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void eachNewsletterJudgesTheMeasuredChangeByItsOwnThresholdAndFilters() throws Exception {
        ingest("qc-1", "Quick Comment: Rates up", TEXT);
        all.forEach(n -> builder.buildIfDue(n, true));

        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        ingest("qc-1", "Quick Comment: Rates up", REVISED);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));

        assertThat(builder.buildIfDue(strict, true).built()).as("0.3 of the text is below 0.5").isFalse();
        EditionOutcome lenientEdition = builder.buildIfDue(lenient, true);
        assertThat(lenientEdition.updates()).isEqualTo(1);
        assertThat(lenientEdition.items()).isZero();
        assertThat(contents().load(null, lenientEdition.editionId()).updates()).singleElement()
                .satisfies(u -> {
                    assertThat(u.item().title()).isEqualTo("Quick Comment: Rates up");
                    assertThat(u.textRevised()).isTrue();
                    assertThat(u.titleChanged()).isFalse();
                });

        clock.set(Instant.parse("2026-11-27T09:00:00Z"));
        ingest("qc-1", "Quick Comment: Rates up (corrected)", REVISED);
        clock.set(Instant.parse("2026-11-28T07:00:05Z"));

        assertThat(builder.buildIfDue(strict, true).updates()).as("a changed title always counts").isEqualTo(1);
        assertThat(builder.buildIfDue(noCorrections, true).built())
                .as("the updated item no longer passes this newsletter's filters").isFalse();
    }

    @Test
    void aListingCoversTheRevisionsBeforeItAndRendersTheSameLater() throws Exception {
        ingest("qc-1", "Quick Comment: Rates up", TEXT);
        builder.buildIfDue(lenient, true);

        clock.set(Instant.parse("2026-11-26T12:00:00Z"));
        ingest("qc-1", "Quick Comment: Rates rise", TEXT);
        clock.set(Instant.parse("2026-11-26T13:00:00Z"));
        ingest("qc-1", "Quick Comment: Rates rise sharply", REVISED);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));
        EditionOutcome edition = builder.buildIfDue(lenient, true);

        List<ListedUpdate> listed = contents().load(null, edition.editionId()).updates();
        assertThat(listed).singleElement().satisfies(u -> {
            assertThat(u.item().title()).isEqualTo("Quick Comment: Rates rise sharply");
            assertThat(u.oldTitle()).as("the title readers saw").isEqualTo("Quick Comment: Rates up");
            assertThat(u.textRevised()).isTrue();
        });

        clock.set(Instant.parse("2026-11-28T07:00:05Z"));
        assertThat(builder.buildIfDue(lenient, true).built()).as("listed once").isFalse();
        assertThat(contents().load(null, edition.editionId()).updates()).as("a resend shows the same section")
                .isEqualTo(listed);
    }

    @Test
    void itemsOnlyRecordedAsSeenWereNeverSentSoTheirUpdatesAreNotListed() {
        ingest("qc-1", "Quick Comment: Rates up", TEXT);
        builder.buildIfDue(lenient, false); // run --once --no-send

        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        ingest("qc-1", "Quick Comment: Rates up again", REVISED);
        clock.set(Instant.parse("2026-11-27T07:00:05Z"));

        assertThat(builder.buildIfDue(lenient, true).built()).isFalse();
    }

    private DigestLoader contents() {
        return new DigestLoader(editions, all, id -> null);
    }

    private static NewsletterConfig newsletter(String id, UpdateListing updates, FilterRules exclude) {
        return new NewsletterConfig(id, id, null, Include.EVERYTHING, "0 0 8 * * ?", STOCKHOLM, 10, exclude, updates);
    }

    private void ingest(String guid, String title, String text) {
        Entry entry = new Entry(guid, URI.create("https://institute.example/qc/rates"), title, "Ingrid Halvorsen",
                Instant.parse("2026-11-25T10:00:00Z"), null, "<p>" + text + "</p>", null, List.of("Quick Comment"),
                null, List.of(), null);
        ingestor.ingest(feed, List.of(normalizer.normalize(entry, feed, clock.instant())), clock.instant());
    }
}
