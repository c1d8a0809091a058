package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedletter.config.DedupSettings;
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
class NearDuplicateIngestTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final String BANK_TEXT = "The central bank of Hungary raised interest rates by half a point on "
            + "Tuesday, its third increase this year, and signalled that more could follow if the forint keeps "
            + "falling against the euro. Economists had expected a pause after inflation eased in October.";

    private Database database;
    private ItemStore items;
    private ItemIngestor ingestor;
    private final EntryNormalizer normalizer = new EntryNormalizer(new HtmlSanitizer());
    private long siteFeed;
    private long partnerFeed;
    private long aggregatorFeed;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.fresh();
        items = new ItemStore(database);
        ingestor = new ItemIngestor(items, DedupSettings.defaults());
        FeedStore feeds = new FeedStore(database);
        siteFeed = feeds.add(URI.create("https://institute.example/feed/"), "Site", Duration.ofMinutes(30), NOW).id();
        partnerFeed = feeds.add(URI.create("https://partner.example/feed.json"), "Partner", Duration.ofHours(1), NOW).id();
        aggregatorFeed = feeds.add(URI.create("https://aggregator.example/rss"), "Aggregator", Duration.ofHours(1), NOW).id();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aPartnerRepublicationUnderAnEditedTitleAndItsOwnUrlJoinsTheOriginal() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Quick Comment: Hungary's rate gamble",
                BANK_TEXT, MONDAY));
        IngestReport report = ingest(partnerFeed, entry("p-77", "https://partner.example/republished/rates",
                "\u201cQuick Comment\u201d \u2013 Hungary\u2019s rate gamble | Partner Review",
                "This commentary first appeared on the Institute's website. " + BANK_TEXT, MONDAY.plus(Duration.ofHours(30))));

        assertThat(report.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        assertThat(items.count()).isEqualTo(1);
        ItemSource copy = onlySourceOf(partnerFeed);
        assertThat(copy.rule()).isEqualTo("fingerprint");
        assertThat(copy.evidence()).isEqualTo("text ~ text 1.00 alike (43 and 43 words), title 1.00, authors the same "
                + "person, published 1d 6h apart; item " + copy.itemId() + ", by its entry qc-1");
    }

    @Test
    void anAggregatorExcerptJoinsTheFullText() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        String excerpt = String.join(" ", List.of(BANK_TEXT.split(" ")).subList(0, 30)) + " \u2026";
        ingest(aggregatorFeed, entry("agg-1", "https://aggregator.example/read/991", "Institute: Hungary's rate gamble",
                excerpt, MONDAY.plus(Duration.ofHours(2))));

        assertThat(items.count()).isEqualTo(1);
        assertThat(onlySourceOf(aggregatorFeed).evidence()).startsWith("text ~ text 1.00 alike (30 and 43 words)");
    }

    @Test
    void anEntryDeclaringAnItemsUrlAsItsOriginalJoinsIt() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", "Short.", MONDAY));
        ingest(aggregatorFeed, entry("agg-1", "https://aggregator.example/read/991", "Rates", "Other words.", MONDAY,
                URI.create("https://institute.example/qc/rates?utm_source=agg")));

        assertThat(items.count()).isEqualTo(1);
        ItemSource copy = onlySourceOf(aggregatorFeed);
        assertThat(copy.rule()).isEqualTo("declared-original");
        assertThat(copy.evidence()).isEqualTo("names https://institute.example/qc/rates as its original; item "
                + copy.itemId() + ", by its entry qc-1");
    }

    @Test
    void anOriginalArrivingAfterACopyThatDeclaredItJoinsTheCopy() {
        ingest(aggregatorFeed, entry("agg-1", "https://aggregator.example/read/991", "Rates", "Other words.", MONDAY,
                URI.create("https://institute.example/qc/rates/")));
        IngestReport report = ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble",
                "Short.", MONDAY));

        assertThat(report.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_DECLARED_ORIGINAL, 1));
        assertThat(items.count()).isEqualTo(1);
        assertThat(onlySourceOf(siteFeed).evidence())
                .startsWith("its URL https://institute.example/qc/rates is named as the original; item ");
        StoredItem item = items.newest(1, 0).get(0);
        assertThat(item.link()).as("readers are sent to the source").isEqualTo("https://institute.example/qc/rates/");
        assertThat(item.title()).isEqualTo("Hungary's rate gamble");
    }

    @Test
    void anOriginalPublishedBeforeTheCopyTheItemWasMadeFromBecomesWhatTheItemShows() {
        ingest(aggregatorFeed, entry("agg-1", "https://aggregator.example/read/991", "Institute: Hungary's rate gamble",
                String.join(" ", List.of(BANK_TEXT.split(" ")).subList(0, 30)), MONDAY.plus(Duration.ofHours(5))));
        String publicId = items.newest(1, 0).get(0).publicId();
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));

        StoredItem item = items.newest(1, 0).get(0);
        assertThat(items.count()).isEqualTo(1);
        assertThat(item.publicId()).as("the id the merged feed published stays").isEqualTo(publicId);
        assertThat(item.link()).isEqualTo("https://institute.example/qc/rates/");
        assertThat(item.title()).isEqualTo("Hungary's rate gamble");
        assertThat(item.published()).isEqualTo(MONDAY);
        assertThat(items.entriesOf(item.id())).filteredOn(e -> e.source().feedId() == siteFeed).singleElement()
                .satisfies(e -> assertThat(e.evidence().contentWords()).as("the full text's opening").isGreaterThan(30));

        IngestReport againUnderTheCopysUrl = ingest(partnerFeed, entry("p-1", "https://aggregator.example/read/991",
                "Rates", "Other.", MONDAY));
        assertThat(againUnderTheCopysUrl.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_CANONICAL_URL, 1));
        IngestReport againUnderTheOriginalsUrl = ingest(partnerFeed, entry("p-2", "https://institute.example/qc/rates",
                "Rates", "Other.", MONDAY));
        assertThat(againUnderTheOriginalsUrl.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_CANONICAL_URL, 1));
    }

    @Test
    void aSiteThatDeclaresItsFrontPageAsEveryEntrysCanonicalMergesNothing() {
        ingest(siteFeed, entry("home", "https://institute.example/", "Home", "Welcome.", MONDAY));
        ingest(partnerFeed, entry("p-1", "https://partner.example/a", "A", "First.", MONDAY,
                URI.create("https://institute.example/")), entry("p-2", "https://partner.example/b", "B", "Second.", MONDAY,
                URI.create("https://institute.example/")));

        assertThat(items.count()).isEqualTo(3);
    }

    @Test
    void anAggregatorThatNamesTheFeedItReadAsEveryEntrysViaMergesNothing() {
        ingest(partnerFeed, entry("p-1", "https://partner.example/a", "Ports and the northern flank", "Harbours from "
                + "Scapa Flow to Lerwick are candidates for the inventory.", MONDAY, URI.create(
                "https://partner.example/feed.json")), entry("p-2", "https://partner.example/b", "Drones over the platform",
                "Drones were seen again over the gas platform on Sunday night.", MONDAY,
                URI.create("https://partner.example/feed.json")));
        ingest(siteFeed, entry("s-1", "https://institute.example/qc/c", "Fisheries talks collapse", "The talks ended "
                + "without a deal on Thursday.", MONDAY, URI.create("https://partner.example/feed.json")));

        assertThat(items.count()).isEqualTo(3); // which URLs count as feeds: EntryNormalizerTest
    }

    @Test
    void similarHeadlinesOverDifferentStoriesStayApart() {
        ingest(siteFeed, entry("v-hu", "https://institute.example/qc/visit-hungary", "Novak's visit to Hungary: what it "
                + "means for energy", "Prime Minister Novak's visit to Hungary this week was meant to settle the gas "
                + "question. Budapest wants a longer contract with the pipeline operator, and the cabinet signalled it "
                + "would accept higher transit fees in exchange for storage capacity near the border.", MONDAY));
        IngestReport report = ingest(partnerFeed, entry("v-sk", "https://partner.example/visit-slovakia",
                "Novak's visit to Slovakia: what it means for energy", "Prime Minister Novak's visit to Slovakia this "
                + "week was meant to settle the gas question. Bratislava instead raised the nuclear plant at Mochovce, "
                + "whose third unit still waits for a licence, and asked for help financing a new grid link to Austria.",
                MONDAY.plus(Duration.ofDays(2))));

        assertThat(report.newItems()).isEqualTo(1);
        assertThat(onlySourceOf(partnerFeed).evidence())
                .startsWith("nearest: item 1, text ~ text 0.27 alike (43 and 43 words)").endsWith("too little text alike");
    }

    @Test
    void aWeeklyColumnsInstalmentsStayApart() {
        String opening = "Welcome to Week in Review, our look back at the economic news of the past seven days. ";
        ingest(siteFeed, entry("wir-1", "https://institute.example/wir/1", "Week in Review", opening
                + "Polish wage growth slowed for the fourth month, while Czech industry surprised with a rebound in "
                + "car output and the Slovak government presented a budget that cuts the deficit by a full point.", MONDAY));
        IngestReport report = ingest(siteFeed, entry("wir-2", "https://institute.example/wir/2", "Week in Review", opening
                + "Romania's central bank left rates unchanged again, Bulgarian inflation fell below five per cent for "
                + "the first time since the war began and Croatian tourism revenue set another record this summer.",
                MONDAY.plus(Duration.ofDays(7))));

        assertThat(report.newItems()).isEqualTo(1);
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void aShortNoteUnderTheSameTitleByTheSameAuthorOnTheSameDayIsOnePiece() {
        ingest(siteFeed, entry("pod-40", "https://institute.example/podcast/40", "Podcast: Central Europe Briefing",
                "Listen to the new episode of our podcast now.", MONDAY));
        IngestReport copy = ingest(partnerFeed, entry("pod-b", "https://partner.example/podcast/b",
                "Podcast: Central Europe Briefing | Partner", "Listen to the new episode now.",
                MONDAY.plus(Duration.ofHours(5))));

        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_TITLE, 1));
        assertThat(onlySourceOf(partnerFeed).evidence()).contains("authors the same person");
    }

    @Test
    void aSeriesEpisodesUnderOneTitleAWeekApartStayApart() {
        ingest(siteFeed, entry("pod-40", "https://institute.example/podcast/40", "Podcast: Central Europe Briefing",
                "Listen to the new episode of our podcast now.", MONDAY.minus(Duration.ofDays(7))));
        ingest(partnerFeed, entry("pod-41", "https://partner.example/podcast/41", "Podcast: Central Europe Briefing",
                "Listen to the new episode of our podcast now.", MONDAY));

        assertThat(items.count()).isEqualTo(2);
        assertThat(onlySourceOf(partnerFeed).evidence()).endsWith("short texts published days apart");
    }

    @Test
    void shortNotesUnderTitlesThatDifferInANumberStayApart() {
        ingest(siteFeed, entry("pod-40", "https://institute.example/podcast/40", "Podcast episode 40: Baltic cables",
                "Listen now.", MONDAY));
        ingest(partnerFeed, entry("pod-41", "https://partner.example/podcast/41", "Podcast episode 41: Baltic cables",
                "Listen now.", MONDAY));

        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void copiesPublishedFurtherApartThanTheWindowStayApart() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        ingest(partnerFeed, entry("p-1", "https://partner.example/rates", "Hungary's rate gamble", BANK_TEXT,
                MONDAY.minus(Duration.ofDays(22))));

        assertThat(items.count()).isEqualTo(2);
    }

    private static final String STANDING_INTRO = "Every Monday our Brussels team looks at the week ahead in the "
            + "European institutions: the files on the table, the votes to watch and what they mean for the region. "
            + "This column is free to republish with credit, and you can have it by e-mail each week by signing up "
            + "on our site. ";

    /**
     * A partner republishing a weekly column whose instalments open with the same standing paragraph: its copy of
     * next week's joins neither this week's (read back from the store by a process that did not write it) nor
     * anything but its own piece.
     */
    @Test
    void aColumnsNextInstalmentUnderTheSameStandingParagraphIsNotThisWeeksPiece() {
        String packaging = STANDING_INTRO + "This week the Council takes up the packaging regulation again, after the "
                + "Parliament's environment committee voted to soften the reuse targets for drinks and takeaway food. "
                + "Three governments want the targets dropped altogether, and the presidency has floated a review "
                + "clause in their place, which the north's deposit schemes would not notice.";
        String budget = STANDING_INTRO + "This week all eyes are on the budget talks, where the net payers want the "
                + "new defence fund paid from the existing envelopes rather than from fresh money. Cohesion regions "
                + "fear they will pay for it, and the Parliament says it will not sign off on another cut to farm "
                + "support, whatever the ministers say on their way in.";
        ingest(siteFeed, entry("w-47", "https://institute.example/week/packaging", "The week in Brussels", packaging,
                MONDAY));
        ingestor = new ItemIngestor(items, DedupSettings.defaults()); // another process: reads the store

        IngestReport nextWeek = ingest(partnerFeed, entry("p-48", "https://partner.example/week/budget",
                "The week in Brussels", budget, MONDAY.plus(Duration.ofDays(7))));
        IngestReport copy = ingest(aggregatorFeed, entry("a-47", "https://aggregator.example/week/packaging",
                "The week in Brussels", packaging, MONDAY.plus(Duration.ofHours(5))));

        assertThat(nextWeek.duplicatesByRule()).isEmpty();
        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        assertThat(items.count()).isEqualTo(2);
    }

    private static final String ELECTION_WATCH = "In our Election Watch series, our experts give their first reading "
            + "of the results on the night, with what they mean for the European Union and for the neighbours. ";

    /**
     * Two elections on one night, each read under the series' standing introduction and carried as excerpts cut
     * after a sentence of their own: a partner's excerpt of one joins neither the other (read back from the store by
     * a process that did not write it) nor anything but its own piece.
     */
    @Test
    void excerptsOfTwoPiecesOpeningWithOneStandingIntroductionStayApartAndACopyJoinsItsOwn() {
        String romania = ELECTION_WATCH + "Romania's run-off gave Nicusor Dan a clearer victory than the polls "
                + "suggested, and the diaspora voted in record numbers ...";
        String bulgaria = ELECTION_WATCH + "Bulgaria's seventh election in four years left GERB first again, short "
                + "of a majority once more, on the lowest turnout on record ...";
        ingest(siteFeed, entry("ew-ro", "https://institute.example/election-watch/romania",
                "Election Watch: first reading of the results", romania, MONDAY));
        ingestor = new ItemIngestor(items, DedupSettings.defaults()); // another process: reads the store

        IngestReport other = ingest(partnerFeed, entry("p-bg", "https://partner.example/election-watch/bulgaria",
                "Election Watch: first reading of the results", bulgaria, MONDAY.plus(Duration.ofHours(3))));
        IngestReport copy = ingest(aggregatorFeed, entry("a-ro", "https://aggregator.example/r/romania",
                "Election Watch: first reading of the results", romania.substring(0, romania.indexOf(" and the "))
                        + " ...", MONDAY.plus(Duration.ofHours(4))));

        assertThat(other.duplicatesByRule()).isEmpty();
        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void aRepublicationWordForWordUnderItsTitleByItsAuthorJoinsWithinHalfAWindowBeyondIt() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        IngestReport report = ingest(partnerFeed, entry("p-1", "https://partner.example/rates", "Hungary's rate gamble",
                BANK_TEXT, MONDAY.minus(Duration.ofDays(15))));

        assertThat(items.count()).isEqualTo(1);
        assertThat(report.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
    }

    @Test
    void aWindowSetInTheConfigApplies() {
        ingestor = new ItemIngestor(items, new DedupSettings(Duration.ofDays(30), 20, 0.6, 0.5));
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        ingest(partnerFeed, entry("p-1", "https://partner.example/rates", "Hungary's rate gamble", BANK_TEXT,
                MONDAY.minus(Duration.ofDays(15))));

        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void aLaterEntryUnderAMergedCopysUrlJoinsTheSameItem() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        ingest(partnerFeed, entry("p-1", "https://partner.example/rates", "Hungary's rate gamble | Partner", BANK_TEXT,
                MONDAY));
        IngestReport report = ingest(aggregatorFeed, entry("agg-1", "https://partner.example/rates?utm_medium=rss",
                "Rates", "Nothing alike.", MONDAY));

        assertThat(report.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_CANONICAL_URL, 1));
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void nearDuplicatesInOneFeedsPollAreOnePiece() {
        IngestReport report = ingest(aggregatorFeed,
                entry("a-1", "https://aggregator.example/1", "Hungary's rate gamble", BANK_TEXT, MONDAY),
                entry("a-2", "https://aggregator.example/2", "Hungary's rate gamble | Partner", BANK_TEXT, MONDAY));

        assertThat(report.newItems()).isEqualTo(1);
        assertThat(report.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
    }

    /**
     * Two feeds bringing the same piece at the same moment: both look up candidates before either has inserted, and
     * the one that takes the near-duplicate lock second finds the other's piece among the items fingerprinted since.
     */
    @Test
    void nearDuplicatesIngestedConcurrentlyByTwoFeedsAreOnePiece() throws Exception {
        ingestTheSamePieceAtOnce(ingestor, ingestor);
    }

    @Test
    void nearDuplicatesIngestedConcurrentlyByTwoNodesAreOnePiece() throws Exception {
        // Each node has its own in-memory index; the lock and the numbered fingerprint rows keep them in step.
        ingestTheSamePieceAtOnce(new ItemIngestor(items), new ItemIngestor(items));
    }

    /** Ten rounds of the site's and the partner's feed bringing one piece at the same moment: one item each round. */
    private void ingestTheSamePieceAtOnce(ItemIngestor forSite, ItemIngestor forPartner) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String text = wordsOfRound(round);
                CyclicBarrier start = new CyclicBarrier(2);
                int r = round;
                List<Future<IngestReport>> done = new ArrayList<>();
                for (long feed : List.of(siteFeed, partnerFeed)) {
                    ItemIngestor ingestorOfFeed = feed == siteFeed ? forSite : forPartner;
                    done.add(threads.submit(() -> {
                        CandidateItem c = normalizer.normalize(entry("g-" + r, "https://f" + feed + ".example/" + r,
                                "Hungary's rate gamble " + r, text, MONDAY), feed, NOW);
                        c.draft();
                        start.await();
                        return ingestorOfFeed.ingest(feed, List.of(c), NOW);
                    }));
                }
                for (Future<IngestReport> f : done) {
                    f.get();
                }
                assertThat(items.count()).as("round %d", round).isEqualTo(round + 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aNodeFindsWhatAnotherNodeStoredAfterItsIndexWasBuilt() {
        ingest(aggregatorFeed, entry("other", "https://aggregator.example/other", "Elections in Slovakia",
                wordsOfRound(99), MONDAY)); // this node's index is built now
        ItemIngestor otherNode = new ItemIngestor(items);
        otherNode.ingest(siteFeed, List.of(normalizer.normalize(entry("qc-1", "https://institute.example/qc/rates/",
                "Hungary's rate gamble", BANK_TEXT, MONDAY), siteFeed, NOW)), NOW);

        IngestReport copy = ingest(partnerFeed, entry("p-77", "https://partner.example/republished/rates",
                "Hungary's rate gamble | Partner Review", BANK_TEXT, MONDAY.plus(Duration.ofHours(3))));

        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void aCopyIsComparedWithTheTextAnItemWasUpdatedToOnAnotherNode() {
        String firstDraft = wordsOfRound(7);
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", firstDraft,
                MONDAY));
        new ItemIngestor(items).ingest(siteFeed, List.of(normalizer.normalize(entry("qc-1",
                "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY), siteFeed, NOW)), NOW);

        IngestReport copyOfFirstDraft = ingest(aggregatorFeed, entry("a-1", "https://aggregator.example/a-1",
                "Hungary's rate gamble", firstDraft, MONDAY));
        IngestReport copyOfUpdate = ingest(partnerFeed, entry("p-77", "https://partner.example/republished/rates",
                "Hungary's rate gamble | Partner Review", BANK_TEXT, MONDAY.plus(Duration.ofHours(3))));

        assertThat(copyOfFirstDraft.newItems()).as("the old text's keys are still indexed, but no longer match")
                .isEqualTo(1);
        assertThat(copyOfUpdate.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void aCopyIsComparedWithWhatTheTableHoldsNotWithWhatThisNodeIndexedBefore() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT,
                MONDAY)); // this node's index keeps the full text
        new ItemIngestor(items).ingest(siteFeed, List.of(normalizer.normalize(entry("qc-1",
                "https://institute.example/qc/rates/", "Hungary's rate gamble", wordsOfRound(3), MONDAY), siteFeed, NOW)),
                NOW);

        IngestReport copy = ingest(partnerFeed, entry("p-77", "https://partner.example/republished/rates",
                "Hungary's rate gamble | Partner Review", BANK_TEXT, MONDAY.plus(Duration.ofHours(3))));

        assertThat(copy.newItems()).as("the stored entry's text is another now").isEqualTo(1);
        assertThat(items.count()).isEqualTo(2);
    }

    @Test
    void aRestartedProcessFindsTheStoredItems() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        ItemIngestor restarted = new ItemIngestor(items);

        IngestReport copy = restarted.ingest(partnerFeed, List.of(normalizer.normalize(entry("p-77",
                "https://partner.example/republished/rates", "Hungary's rate gamble | Partner Review", BANK_TEXT,
                MONDAY.plus(Duration.ofHours(3))), partnerFeed, NOW)), NOW);

        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
    }

    @Test
    void copiesOfAnOldPieceArrivingTogetherAreMergedEvenAfterARestart() {
        // Two feeds added today carry a piece from last spring: published far outside the window, seen today.
        Instant spring = Instant.parse("2026-04-02T08:00:00Z");
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, spring));
        IngestReport copy = new ItemIngestor(items).ingest(partnerFeed, List.of(normalizer.normalize(entry("p-77",
                "https://partner.example/republished/rates", "Hungary's rate gamble | Partner Review", BANK_TEXT,
                spring.plus(Duration.ofHours(3))), partnerFeed, NOW)), NOW);

        assertThat(copy.duplicatesByRule()).isEqualTo(Map.of(ItemIngestor.RULE_FINGERPRINT, 1));
    }

    @Test
    void aFeedListingOneCopyTwiceUnderTwoUrlsInTwoPollsJoinsBothToTheOriginal() {
        ingest(siteFeed, entry("qc-1", "https://institute.example/qc/rates/", "Hungary's rate gamble", BANK_TEXT, MONDAY));
        ingest(partnerFeed, entry("p-1", "https://partner.example/r/1", "Hungary's rate gamble | Partner",
                "This piece first appeared elsewhere. " + BANK_TEXT, MONDAY.plus(Duration.ofHours(1))));
        IngestReport second = ingest(partnerFeed, entry("p-2", "https://partner.example/r/2",
                "Hungary's rate gamble | Partner", "This piece first appeared elsewhere. " + BANK_TEXT,
                MONDAY.plus(Duration.ofHours(1))));

        assertThat(second.newItems()).isZero();
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void aPartnersCopyOfAReplyNamingTheReplyAsItsOriginalDoesNotJoinThePieceTheReplyAnswers() {
        String answered = "The contract for the plant was signed on Friday, and the questions about water, tariffs and "
                + "spent fuel matter more than the date it starts; a plant built well is worth a plant built late.";
        String reply = "The costliest outcome is not the plant but the plant five years late: by 2032 the country "
                + "retires three gigawatts of coal, and the gap would be filled by imports at prices nobody controls.";
        String intro = "<p><em>A reply to Anna Berg's comment <a href=\"https://institute.example/qc/plant\">The plant: "
                + "signed, with questions left</a>.</em></p>";
        ingest(siteFeed, new Entry("a", URI.create("https://institute.example/qc/plant"), "The plant: signed, with questions left",
                        "Anna Berg", NOW.minusSeconds(3 * 86400), null, "<p>" + answered + "</p>", null, List.of(), null,
                        List.of(), null),
                new Entry("r", URI.create("https://institute.example/qc/plant-reply"), "The plant: a question of time",
                        "Olaf Lund", NOW.minusSeconds(86400), null, intro + "<p>" + reply + "</p>", null, List.of(), null,
                        List.of(), null));
        // The partner's feed names the reply as its original (rel="via"); its text keeps the reply's italic opening.
        IngestReport copy = ingest(partnerFeed, new Entry("p", URI.create("https://partner.example/opinion/plant-time"),
                "Opinion: the plant, a question of time", "O. Lund", NOW.minusSeconds(80000), null,
                intro + "<p>" + reply + "</p>", null, List.of(), null,
                List.of(URI.create("https://institute.example/qc/plant-reply")), null));

        assertThat(copy.duplicatesByRule()).containsEntry("declared-original", 1);
        assertThat(items.count()).isEqualTo(2);
        assertThat(onlySourceOf(partnerFeed).itemId()).isEqualTo(onlySourceOf(siteFeed, "r").itemId());
    }

    /** A text of its own for each round: no two rounds are near-duplicates. */
    private static String wordsOfRound(int round) {
        java.util.Random random = new java.util.Random(round);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(Integer.toString(random.nextInt(1 << 20), 36)).append(' ');
        }
        return text.toString();
    }

    private IngestReport ingest(long feed, Entry... entries) {
        return ingestor.ingest(feed, List.of(entries).stream().map(e -> normalizer.normalize(e, feed, NOW)).toList(), NOW);
    }

    private ItemSource onlySourceOf(long feed, String guid) {
        return items.sourcesOf(List.of(1L, 2L, 3L, 4L)).values().stream().flatMap(List::stream)
                .filter(s -> s.feedId() == feed && s.guid().equals(guid)).findFirst().orElseThrow();
    }

    private ItemSource onlySourceOf(long feed) {
        List<ItemSource> sources = items.sourcesOf(List.of(1L, 2L, 3L, 4L)).values().stream()
                .flatMap(List::stream).filter(s -> s.feedId() == feed).toList();
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    private static Entry entry(String guid, String link, String title, String text, Instant published,
            URI... declaredOriginals) {
        return new Entry(guid, URI.create(link), title, "Ingrid Halvorsen", published, null, "<p>" + text + "</p>", null,
                List.of(), null, List.of(declaredOriginals), null);
    }
}
