package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.normalize.CandidateItem;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemSource;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class ItemIngestorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private Database database;
    private ItemStore items;
    private ItemIngestor ingestor;
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private long siteFeed;
    private long typeFeed;
    private long partnerFeed;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh();
        items = new ItemStore(database);
        ingestor = new ItemIngestor(items);
        FeedStore feeds = new FeedStore(database);
        siteFeed = feeds.add(URI.create("https://example.org/feed/"), "Site", Duration.ofMinutes(30), NOW).id();
        typeFeed = feeds.add(URI.create("https://example.org/qc/feed.atom"), "QC", Duration.ofMinutes(30), NOW).id();
        partnerFeed = feeds.add(URI.create("https://partner.example.net/feed.json"), "Partner", Duration.ofHours(1), NOW).id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private IngestReport ingest(long feed, Entry... entries) {
        List<CandidateItem> candidates = List.of(entries).stream().map(e -> normalizer.normalize(e, feed, NOW)).toList();
        return ingestor.ingest(feed, candidates, NOW);
    }

    private static Entry entry(String guid, String link, String title) {
        return entry(guid, link, title, Instant.parse("2026-11-25T13:05:00Z"));
    }

    private static Entry entry(String guid, String link, String title, Instant published) {
        return new Entry(guid, link == null ? null : URI.create(link), title, "Ingrid Halvorsen", published, null,
                "<p>Body of " + title + "</p>", null, List.of("Quick Comment"), null, List.of());
    }

    private static final String WIRE_TEXT = "<p>The Senate passed the heat networks act on Tuesday by 41 votes to 34, "
            + "giving municipalities control over where district heating is built. The act leaves open who pays for the "
            + "losses of the first years, and smaller towns say they will not tender a network without a national fund "
            + "to cover them, the association of municipalities said in a statement after the vote.</p>";

    private static Entry wire(String guid, String title, String html, Instant published) {
        return new Entry(guid, URI.create("https://wire.example/" + guid), title, null, published, null, html, null,
                List.of(), null, List.of());
    }

    private static final Instant WRITTEN = Instant.parse("2026-11-26T05:15:02Z");

    /**
     * A report, then a wire's poll of three entries dated as given: a verbatim copy of the report (17 days after it
     * by {@code copy}'s date, beyond the dedup window) and two reports of its own.
     */
    private IngestReport reportThenWire(Instant copy, Instant second, Instant third) {
        ingest(partnerFeed, wire("report-1", "Senate passes the heat networks act", WIRE_TEXT,
                Instant.parse("2026-11-09T10:00:00Z")));
        return ingest(typeFeed, wire("w1", "Senate passes the heat networks act", WIRE_TEXT, copy),
                wire("w2", "Port strike ends in Rotterdam", "<p>Dockworkers in Rotterdam returned to work.</p>", second),
                wire("w3", "Dutch inflation eases to 2.1 percent", "<p>Prices rose 2.1 percent in November.</p>", third));
    }

    /**
     * A wire's feed that gives every entry the time it was written says nothing of when each was published: its
     * verbatim copy of the report still meets it, as a close text under the same title.
     */
    @Test
    void aFeedThatDatesEveryEntryAlikeIsComparedAsUndated() {
        IngestReport alike = reportThenWire(WRITTEN, WRITTEN, WRITTEN);

        assertThat(alike.newItems()).as("the copy joins the report").isEqualTo(2);
        assertThat(items.count()).isEqualTo(3);
    }

    /** The same copy in a feed that dates its entries one by one is dated 17 days after the report: another item. */
    @Test
    void aCopyDatedBeyondTheWindowByAFeedThatDatesEachEntryIsAnotherItem() {
        IngestReport dated = reportThenWire(WRITTEN, WRITTEN.minusSeconds(3600), WRITTEN.minusSeconds(7200));

        assertThat(dated.newItems()).isEqualTo(3);
    }

    @Test
    void aNewEntryBecomesAnItem() {
        IngestReport report = ingest(siteFeed, entry("npi-1042", "https://example.org/qc/central-bank/", "Central bank"));

        assertThat(report).isEqualTo(new IngestReport(1, 0, Map.of(), 0));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void theSameGuidInTheSameFeedIsTheSameItemEvenWhenTheLinkChanges() {
        ingest(siteFeed, entry("npi-1042", "https://example.org/qc/central-bank/", "Central bank"));
        IngestReport again = ingest(siteFeed, entry("npi-1042", "https://example.org/qc/central-bank-moved/", "Central bank"));

        assertThat(again.newItems()).isZero();
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void theSameGuidInAnotherFeedIsNotEnoughToBeTheSameItem() {
        ingest(siteFeed, entry("1", "https://example.org/a", "A"));
        ingest(partnerFeed, entry("1", "https://partner.example.net/b", "B"));

        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void theSameCanonicalUrlInAnyFeedIsTheSameItem() {
        ingest(siteFeed, entry("npi-1042", "https://example.org/qc/central-bank/", "Central bank"));
        IngestReport report = ingest(typeFeed, entry("tag:qc-1042",
                "http://www.example.org/qc/central-bank?utm_source=atom#main", "Central bank"));

        assertThat(report).isEqualTo(new IngestReport(0, 0, Map.of("canonical-url", 1), 0));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void aPieceFromThreeFeedsIsStoredOnceWithAllThreeAsProvenance() {
        ingest(siteFeed, entry("npi-1042", "https://example.org/qc/central-bank/", "Central bank"));
        ingest(typeFeed, entry("tag:qc-1042", "https://www.example.org/qc/central-bank/?utm_medium=feed", "Central bank"));
        ingest(partnerFeed, entry("bpr-7781", "http://example.org/qc/central-bank?utm_campaign=weekly", "Central bank"));

        assertThat(items.count()).isEqualTo(1);
        StoredItem item = items.newest(10, 0).get(0);
        List<ItemSource> sources = items.sourcesOf(List.of(item.id())).get(item.id());
        assertThat(sources).extracting(ItemSource::feedId).containsExactlyInAnyOrder(siteFeed, typeFeed, partnerFeed);
        assertThat(sources).extracting(ItemSource::rule).containsExactlyInAnyOrder("new", "canonical-url", "canonical-url");
        assertThat(item.firstFeedId()).isEqualTo(siteFeed);
    }

    @Test
    void twoEntriesOfOneFeedWithTheSameCanonicalUrlAreOneItem() {
        IngestReport report = ingest(siteFeed,
                entry("a", "https://example.org/qc/x/", "X"),
                entry("b", "https://example.org/qc/x?utm_source=rss", "X again"));

        assertThat(report).isEqualTo(new IngestReport(1, 0, Map.of("canonical-url", 1), 0));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void aLinkItsFeedGaveBeforeToAnotherPieceJoinsNothing() {
        // A podcast feed whose every episode links the show page, fetched (or pushed) one episode at a time.
        ingest(typeFeed, entry("ep-31", "https://example.org/podcast/", "Episode 31: who builds the heat networks"));
        IngestReport next = ingest(typeFeed, entry("ep-32", "https://example.org/podcast/",
                "Episode 32: water bills after the drought"));

        assertThat(next.newItems()).isEqualTo(1);
        assertThat(items.count()).isEqualTo(2);
    }

    private static final String LEDE = "The new private rented sector database will go live next spring, and "
            + "ministers have rightly presented it as the backbone of the new renting rules.";
    private static final String PDF = "https://example.org/media/renting-without-fear.pdf";
    private static final String REPORT_SUMMARY = "Private tenants in England move on average every four years, and "
            + "one in five moves is not their choice. This report sets out how to end no-fault evictions without "
            + "driving landlords out of the market.";

    private static Entry comment() {
        return new Entry("?p=5149", URI.create("https://example.org/quick-comment/landlord-register/"),
                "A landlord register is only as good as the people who check it", "Tom Ashworth",
                Instant.parse("2026-11-11T09:00:00Z"), null, "<p>" + LEDE + "</p><p>But a register is a list, not "
                + "an inspector. Councils have lost a third of their housing enforcement officers since 2010, and "
                + "nothing in the bill pays for new ones.</p>", "<p>" + LEDE + "</p>", List.of("Quick Comment"), null,
                List.of());
    }

    private static Entry report(String guid, String link) {
        return new Entry(guid, URI.create(link), "Renting without fear: ending no-fault evictions", "Priya Raman",
                Instant.parse("2026-11-10T07:00:00Z"), null, null, "<p>" + REPORT_SUMMARY + "</p>", List.of("Research"),
                null, List.of());
    }

    /** A newsletter's story: the comment's title and lede, with the PDF of the report it discusses as its link. */
    private static Entry teaser() {
        return new Entry("1045", URI.create("https://newsletter.example/p/the-weekly-46"),
                "A landlord register is only as good as the people who check it", "T. Ashworth",
                Instant.parse("2026-11-15T08:00:00Z"), null, "<p>" + LEDE + "</p><p><a href=\"" + PDF + "\">Download the "
                + "report (PDF)</a></p>", "<p>" + LEDE + "</p>", List.of("quick-comment"), null, List.of(URI.create(PDF)));
    }

    /** The items of the comment, the report, the teaser and the report's entry in the author feed. */
    private List<Long> itemsOfCommentReportTeaserAndAuthorEntry() {
        return items.inTransaction(tx -> List.of(
                tx.entryReads().byGuid(siteFeed, List.of("?p=5149")).get("?p=5149").itemId(),
                tx.entryReads().byGuid(siteFeed, List.of("?p=5144")).get("?p=5144").itemId(),
                tx.entryReads().byGuid(partnerFeed, List.of("1045")).get("1045").itemId(),
                tx.entryReads().byGuid(typeFeed, List.of("r-author")).get("r-author").itemId()));
    }

    /**
     * A story that is a comment word for word but links the PDF of a report, which the report's own entry in an
     * author feed links: it is the comment, and joins neither the report nor the comment to the other, whichever
     * came first. Where it joined the report (or the comment the report) before the site feed listed both, that
     * feed shows them two pieces: the item parts, the story going with the comment.
     */
    @Test
    void aStoryThatCopiesOnePieceAndLinksAnotherIsTheOneItCopiesInEveryOrder() {
        Entry siteReport = report("?p=5144", "https://example.org/research/renting-without-fear/");
        Entry authorReport = report("r-author", PDF);
        List<Runnable> polls = List.of(
                () -> ingest(partnerFeed, teaser()),
                () -> ingest(typeFeed, authorReport),
                () -> ingest(siteFeed, comment()),
                () -> ingest(siteFeed, siteReport),
                () -> ingest(siteFeed, comment(), siteReport));
        // Every arrival order is placed in PlacementTest; here, on the store, orders in which the item parts in each
        // way: the story first, the PDF first, the comment first, the report's page first, and both pages at once.
        List<List<Integer>> orders = List.of(List.of(0, 1, 2, 3), List.of(1, 2, 0, 3), List.of(0, 1, 3, 2),
                List.of(2, 0, 1, 3), List.of(3, 2, 0, 1), List.of(0, 1, 4), List.of(1, 0, 4), List.of(4, 0, 1));
        for (List<Integer> order : orders) {
            closeDatabase();
            openDatabase();
            order.forEach(i -> polls.get(i).run());

            List<Long> ids = itemsOfCommentReportTeaserAndAuthorEntry();
            assertThat(ids.get(2)).as("order %s: the story is the comment", order).isEqualTo(ids.get(0));
            assertThat(ids.get(3)).as("order %s: the author feed's entry is the report", order).isEqualTo(ids.get(1));
            assertThat(ids.get(0)).as("order %s: comment and report apart", order).isNotEqualTo(ids.get(1));
            assertThat(items.count()).as("order %s", order).isEqualTo(2);
            StoredItem commentItem = items.findByIds(List.of(ids.get(0))).get(0);
            assertThat(commentItem.title()).isEqualTo("A landlord register is only as good as the people who check it");
            assertThat(commentItem.categories()).contains("Quick Comment");
            assertThat(items.findByIds(List.of(ids.get(1))).get(0).categories()).doesNotContain("quick-comment");
        }
    }

    @Test
    void aFeedThatRenamesItsGuidsKeepsItsPiecesUnderTheirLinks() {
        ingest(typeFeed, entry("urn:uuid:1b4e", "https://example.org/qc/central-bank/", "Central bank"));
        IngestReport next = ingest(typeFeed, entry("urn:uuid:9f02", "https://example.org/qc/central-bank/",
                "Central bank"));

        assertThat(next).isEqualTo(new IngestReport(0, 0, Map.of("canonical-url", 1), 0));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void aRepollAddsNothing() {
        Entry a = entry("1", "https://example.org/a", "A");
        Entry b = entry("2", "https://example.org/b", "B");
        ingest(siteFeed, a, b);

        IngestReport again = ingest(siteFeed, a, b);

        assertThat(again).isEqualTo(new IngestReport(0, 0, Map.of(), 2));
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void anEntryThatReturnsWithAChangedTitleIsUpdatedInPlace() {
        ingest(siteFeed, entry("1", "https://example.org/a", "Quick Comment: First title"));
        StoredItem before = items.newest(1, 0).get(0);

        IngestReport again = ingest(siteFeed, entry("1", "https://example.org/a", "Quick Comment: Corrected title"));

        StoredItem after = items.newest(1, 0).get(0);
        assertThat(again).isEqualTo(new IngestReport(0, 1, Map.of(), 0));
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.publicId()).isEqualTo(before.publicId());
        assertThat(after.firstSeenAt()).isEqualTo(before.firstSeenAt());
        assertThat(after.title()).isEqualTo("Quick Comment: Corrected title");
    }

    @Test
    void anEntryThatReturnsWithANewUpdatedDateIsUpdatedInPlace() {
        Entry first = entry("1", "https://example.org/a", "A");
        ingest(siteFeed, first);
        Entry revised = new Entry("1", first.link(), "A", first.author(), first.published(),
                Instant.parse("2026-11-26T08:00:00Z"), first.contentHtml(), null, first.categories(), null, List.of());

        IngestReport again = ingest(siteFeed, revised);

        assertThat(again.updated()).isEqualTo(1);
        assertThat(items.newest(1, 0).get(0).updated()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void entriesWithNeitherGuidNorLinkGetAStableIdFromFeedTitleAndDate() {
        Entry anonymous = entry(null, null, "A note without a link");
        ingest(siteFeed, anonymous);
        IngestReport again = ingest(siteFeed, anonymous);

        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(items.count()).isEqualTo(1);
        assertThat(ingest(siteFeed, entry(null, null, "Another note")).newItems()).isEqualTo(1);
        assertThat(ingest(siteFeed, entry(null, null, "A note without a link",
                Instant.parse("2026-11-20T00:00:00Z"))).newItems()).isEqualTo(1);
    }

    @Test
    void entriesWithoutGuidOrLinkInDifferentFeedsAreDifferentItems() {
        ingest(siteFeed, entry(null, null, "Same title"));
        ingest(partnerFeed, entry(null, null, "Same title"));

        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void entriesWithoutGuidUseTheirLinkAsKey() {
        ingest(siteFeed, entry(null, "https://example.org/a", "A"));
        IngestReport again = ingest(siteFeed, entry(null, "https://example.org/a", "A"));

        assertThat(again.unchanged()).isEqualTo(1);
    }

    @Test
    void aMissingDateBecomesTheFirstSeenTime() {
        ingest(siteFeed, entry("1", "https://example.org/a", "A", null));

        assertThat(items.newest(1, 0).get(0).published()).isEqualTo(NOW);
    }

    @Test
    void ingestBumpsTheItemsVersionSoCachesNotice() {
        long before = items.version();
        ingest(siteFeed, entry("1", "https://example.org/a", "A"));
        long afterNew = items.version();
        ingest(siteFeed, entry("1", "https://example.org/a", "A"));

        assertThat(afterNew).isGreaterThan(before);
        assertThat(items.version()).isEqualTo(afterNew);
    }

    @Test
    void ingestsWithAndWithoutTheNearDuplicateLockBothMoveTheVersion() {
        String body = "<p>" + String.join(" ", java.util.Collections.nCopies(8,
                "The central bank raised its rate while wages, housing and trade slowed in the region.")) + "</p>";
        long before = items.version();
        ingest(siteFeed, new Entry("npi-1", URI.create("https://example.org/qc/rates/"), "Rates", null,
                Instant.parse("2026-11-25T13:05:00Z"), null, body, null, List.of(), null, List.of()));
        long afterFingerprinted = items.version();
        ingest(partnerFeed, new Entry("p-1", URI.create("https://example.org/qc/rates/?utm_source=partner"), "Rates",
                null, Instant.parse("2026-11-25T13:05:00Z"), null, body, null, List.of(), null, List.of()));
        long afterMerge = items.version();

        long item = items.newest(1, 0).get(0).id();
        assertThat(items.entriesOf(item)).as("each entry keeps the opening of its text")
                .allSatisfy(e -> assertThat(e.evidence().contentShingles()).isNotEmpty());
        assertThat(items.sourcesOf(List.of(item)).get(item)).extracting(ItemSource::rule)
                .containsExactly(ItemIngestor.RULE_NEW, ItemIngestor.RULE_CANONICAL_URL);
        assertThat(afterFingerprinted).isGreaterThan(before);
        assertThat(afterMerge).isGreaterThan(afterFingerprinted);
    }

    @Test
    void anEntryWhoseContentCannotBeProcessedIsLeftOutAndTheFeedsOtherEntriesAreStored() {
        CandidateItem good = normalizer.normalize(entry("1", "https://example.org/a", "A"), siteFeed, NOW);
        CandidateItem broken = new CandidateItem("2", "https://example.org/b", "https://example.org/b",
                EntryNormalizer.publicIdOf("https://example.org/b"), "v1", "B", List.of(), false, null, null,
                () -> { throw new IllegalStateException("sanitizer bug"); }, () -> null);

        IngestReport report = ingestor.ingest(siteFeed, List.of(broken, good), NOW);

        assertThat(report.newItems()).isEqualTo(1);
        assertThat(items.newest(10, 0)).extracting(StoredItem::title).containsExactly("A");
        assertThat(items.itemIdsByOriginalUrl("https://example.org/b")).as("no source kept: retried next poll").isEmpty();
    }

    @Test
    void theLinkKeptForReadersHasNoTrackingParameters() {
        ingest(typeFeed, entry("tag:qc-1", "https://www.example.org/qc/a/?utm_source=atom&utm_medium=feed", "A"));

        assertThat(items.newest(1, 0).get(0).link()).isEqualTo("https://www.example.org/qc/a/");
    }

    @Test
    void anItemShowsItsRepresentativeAndTakesWhatItLacksFromTheOtherEntriesInEitherOrder() {
        Entry sparse = new Entry("tag:qc-1", URI.create("https://example.org/qc/a"), "Quick Comment: A", null,
                Instant.parse("2026-11-25T13:05:00Z"), null, null, "<p>Short.</p>", List.of("Quick Comment"), null, List.of());
        Entry rich = new Entry("npi-1", URI.create("https://example.org/qc/a/"), "A (the site's title)",
                "Ingrid Halvorsen", Instant.parse("2026-11-25T13:00:00Z"), null,
                "<p>Short. And a much longer body with three reasons.</p>",
                "<p>Short, with a longer summary from the site.</p>", List.of("Energy"), null, List.of());

        ingest(typeFeed, sparse);
        ingest(siteFeed, rich);
        StoredItem sparseFirst = items.newest(1, 0).get(0);

        database.close();
        openDatabase();
        ingest(siteFeed, rich);
        ingest(typeFeed, sparse);
        StoredItem richFirst = items.newest(1, 0).get(0);

        for (StoredItem item : List.of(sparseFirst, richFirst)) {
            assertThat(item.title()).as("the entry published first").isEqualTo("A (the site's title)");
            assertThat(item.author()).isEqualTo("Ingrid Halvorsen");
            assertThat(item.excerpt()).isEqualTo("Short, with a longer summary from the site.");
            assertThat(item.contentHtml()).contains("three reasons");
            assertThat(item.categories()).as("every entry's categories").containsExactly("Energy", "Quick Comment");
        }
    }

    @Test
    void whatTheRepresentativeLacksComesFromTheNextEntryInRank() {
        Entry first = new Entry("tag:qc-1", URI.create("https://example.org/qc/a"), "A", null,
                Instant.parse("2026-11-25T13:00:00Z"), null, null, "<p>Short.</p>", List.of(), null, List.of());
        Entry later = new Entry("npi-1", URI.create("https://example.org/qc/a/"), "A, later", "Ingrid Halvorsen",
                Instant.parse("2026-11-25T15:00:00Z"), null, null, "<p>Other.</p>", List.of("Quick Comment"), null,
                List.of());

        ingest(typeFeed, first);
        ingest(siteFeed, later);

        StoredItem item = items.newest(1, 0).get(0);
        assertThat(item.title()).isEqualTo("A");
        assertThat(item.author()).as("the representative names nobody").isEqualTo("Ingrid Halvorsen");
        assertThat(item.categories()).containsExactly("Quick Comment");
    }
}
