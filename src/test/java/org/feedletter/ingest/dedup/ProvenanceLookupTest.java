package org.feedletter.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedletter.feed.parse.Entry;
import org.feedletter.ingest.normalize.EntryNormalizer;
import org.feedletter.ingest.normalize.HtmlSanitizer;
import org.feedletter.store.Database;
import org.feedletter.store.FeedStore;
import org.feedletter.store.ItemStore;
import org.feedletter.store.StoredItem;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Finding an item by the names an operator has for it, and gathering why its entries were merged. */
@Tag("database")
class ProvenanceLookupTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String ORIGINAL = "https://example.org/qc/central-bank/";
    private static final String COPY = "https://partner.example.net/republished/central-bank";

    private Database database;
    private ProvenanceLookup lookup;
    private StoredItem item;

    @BeforeEach
    void ingestAPieceAndItsDeclaredCopy() {
        database = TestDatabases.fresh();
        ItemStore items = new ItemStore(database);
        FeedStore feeds = new FeedStore(database);
        long site = feeds.add(URI.create("https://example.org/feed/"), "Site", Duration.ofMinutes(30), NOW).id();
        long partner = feeds.add(URI.create("https://partner.example.net/feed.json"), "Partner", Duration.ofHours(1),
                NOW).id();
        ingest(items, site, new Entry("npi-1042", URI.create(ORIGINAL), "Central bank pauses", null,
                NOW.minus(Duration.ofHours(2)), null, "<p>Rates held.</p>", null, List.of(), null, List.of()));
        ingest(items, partner, new Entry("partner-9001", URI.create(COPY), "Central bank pauses", null,
                NOW.minus(Duration.ofHours(1)), null, "<p>Rates held.</p>", null, List.of(), null,
                List.of(URI.create(ORIGINAL))));
        lookup = new ProvenanceLookup(items, feeds);
        item = items.newest(10, 0).get(0);
    }

    private static void ingest(ItemStore items, long feed, Entry entry) {
        new ItemIngestor(items).ingest(feed, List.of(new EntryNormalizer(new HtmlSanitizer()).normalize(entry, feed,
                NOW)), NOW);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void anItemIsFoundByIdPublicIdItsUrlInAnyFormAndAMergedEntrysUrl() {
        assertThat(lookup.find(Long.toString(item.id()))).extracting(StoredItem::id).containsExactly(item.id());
        assertThat(lookup.find(item.publicId())).extracting(StoredItem::id).containsExactly(item.id());
        assertThat(lookup.find(" http://www.example.org/qc/central-bank?utm_source=rss ")).extracting(StoredItem::id)
                .containsExactly(item.id());
        assertThat(lookup.find(COPY)).extracting(StoredItem::id).containsExactly(item.id());
    }

    @Test
    void nothingMatchesAnUnknownUrlAnUnknownIdOrNothing() {
        assertThat(lookup.find("https://nowhere.example/")).isEmpty();
        assertThat(lookup.find("999999")).isEmpty();
        assertThat(lookup.find("  ")).isEmpty();
        assertThat(lookup.of(999_999)).isEmpty();
    }

    /** What an operator types into the admin search box is never an error, only a search that finds nothing. */
    @Test
    void malformedQueriesFindNothingAndThrowNothing() {
        for (String query : List.of("http://[::1", "99999999999999999999999", "urn:feedletter:", "%zz%", "https://",
                "x".repeat(5000), "https://example.org/\u0000\n")) {
            assertThat(lookup.find(query)).as(query.length() > 40 ? "a long query" : query).isEmpty();
        }
    }

    @Test
    void theProvenanceNamesEachEntrysFeedRuleAndEvidence() {
        ItemProvenance provenance = lookup.of(item.id()).orElseThrow();

        assertThat(provenance.shownFrom().label()).isEqualTo("Site");
        assertThat(provenance.whyShown()).isEqualTo("does not call itself a copy; the next one does (on its feed's site, "
                + "says it is a copy (names its original))");
        assertThat(provenance.sources()).extracting(s -> s.feed().label(), ItemProvenance.Source::guid,
                ItemProvenance.Source::rule, ItemProvenance.Source::shown).containsExactly(
                        tuple("Site", "npi-1042", "new", true),
                        tuple("Partner", "partner-9001", "declared-original", false));
        assertThat(provenance.sources().get(1).evidence()).isEqualTo("names https://example.org/qc/central-bank as its "
                + "original; item " + item.id() + ", by its entry npi-1042");
        ItemProvenance.Carried copy = provenance.sources().get(1).carried();
        assertThat(copy.titleFolded()).isEqualTo("central bank pauses");
        assertThat(copy.texts()).isEqualTo("text 2 words");
        assertThat(copy.marks()).isEqualTo("on its feed's site, says it is a copy (names its original)");
        assertThat(provenance.alsoUnder()).containsExactly(new ItemProvenance.Alias(COPY, "a merged entry's URL"));
    }
}
