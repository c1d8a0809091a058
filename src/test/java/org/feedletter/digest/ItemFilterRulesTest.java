package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.feedletter.config.FeedSelector;
import org.feedletter.config.FilterRules;
import org.feedletter.config.Include;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;

/** Each rule kind, how include rules combine, and that exclude always wins; with the reasons an operator reads. */
class ItemFilterRulesTest {

    private static final URI PUBLICATIONS = URI.create("https://example.org/publications.xml");
    private static final URI EVENTS = URI.create("https://example.org/events.xml");

    private static final ItemFacts UKRAINE = new ItemFacts("Quick Comment: Ukraine's grain corridor",
            "The central bank in Kyiv held rates.", "Jane Doe, Ola Nordmann", List.of("Quick Comment"), "en-GB",
            List.of(PUBLICATIONS));

    private static FilterRules none() {
        return FilterRules.NONE;
    }

    private static FilterRules authors(String... names) {
        return new FilterRules(List.of(), List.of(names), List.of(), List.of(), null, null, List.of());
    }

    private static FilterRules feeds(FeedSelector... feeds) {
        return new FilterRules(List.of(), List.of(), List.of(feeds), List.of(), null, null, List.of());
    }

    private static FilterRules keywords(String... words) {
        return new FilterRules(List.of(), List.of(), List.of(), List.of(words), null, null, List.of());
    }

    private static FilterRules titleRegex(String regex) {
        return new FilterRules(List.of(), List.of(), List.of(), List.of(), regex, null, List.of());
    }

    private static FilterRules textRegex(String regex) {
        return new FilterRules(List.of(), List.of(), List.of(), List.of(), null, regex, List.of());
    }

    private static FilterRules languages(String... tags) {
        return new FilterRules(List.of(), List.of(), List.of(), List.of(), null, null, List.of(tags));
    }

    private static ItemFilter including(FilterRules rules) {
        return ItemFilter.of(new Include(Include.Match.ANY, rules), none());
    }

    private static ItemFacts with(String title, String text, String author, String language) {
        return new ItemFacts(title, text, author, List.of(), language, List.of(EVENTS));
    }

    @Test
    void authorMatchesOneOfSeveralNamesIgnoringCase() {
        ItemFilter filter = including(authors("jane  DOE"));

        assertThat(filter.explain(UKRAINE)).isEqualTo(new ItemFilter.Decision(true, "author 'jane  DOE'"));
        assertThat(filter.explain(with("T", null, "Janet Doe and Bob", null)))
                .isEqualTo(new ItemFilter.Decision(false, "author 'Janet Doe and Bob' is not among [jane  DOE]"));
        assertThat(filter.explain(with("T", null, null, null)).reason()).isEqualTo(
                "the item has no author, so none among [jane  DOE]");
    }

    @Test
    void feedMatchesAnyFeedThatCarriedTheItem() {
        ItemFilter filter = including(feeds(new FeedSelector("Publications", List.of(PUBLICATIONS))));

        assertThat(filter.explain(UKRAINE).reason()).isEqualTo("feed 'Publications'");
        assertThat(filter.explain(with("T", null, null, null))).isEqualTo(new ItemFilter.Decision(false,
                "feed [https://example.org/events.xml] is not among [Publications]"));
        assertThat(filter.looksAtFeeds()).isTrue();
    }

    @Test
    void aFilterThatLooksAtFeedsRefusesAnItemWithoutThem() {
        StoredItem item = new StoredItem(1, "urn:x", null, null, "T", null, Instant.EPOCH, null, null, null, List.of(),
                null, 1, Instant.EPOCH, Instant.EPOCH, null);

        assertThatThrownBy(() -> including(feeds(new FeedSelector("P", List.of(PUBLICATIONS)))).explain(item))
                .isInstanceOf(IllegalStateException.class);
        assertThat(including(authors("A")).looksAtFeeds()).isFalse();
    }

    @Test
    void keywordsAreWholeWordsInAnyCaseInTitleOrText() {
        ItemFilter filter = including(keywords("ukraine", "Central  Bank"));

        assertThat(filter.explain(UKRAINE).reason()).isEqualTo("keyword 'ukraine' in the title");
        assertThat(filter.explain(with("Rates", "The CENTRAL bank held.", null, null)).reason())
                .isEqualTo("keyword 'Central  Bank' in the text");
        assertThat(filter.explain(with("Ukrainefest", "central banking", null, null)))
                .isEqualTo(new ItemFilter.Decision(false,
                        "no keyword among [ukraine, Central  Bank] in the title or text"));
    }

    @Test
    void titleRegexIsFoundInTheTitleOnly() {
        ItemFilter filter = including(titleRegex("^Quick Comment"));

        assertThat(filter.explain(UKRAINE).reason()).isEqualTo("title matches /^Quick Comment/");
        assertThat(filter.explain(with("A Quick Comment", "Quick Comment", null, null)))
                .isEqualTo(new ItemFilter.Decision(false, "title does not match /^Quick Comment/"));
    }

    @Test
    void textRegexIsFoundInTheText() {
        ItemFilter filter = including(textRegex("held (rates|steady)"));

        assertThat(filter.explain(UKRAINE).reason()).isEqualTo("text matches /held (rates|steady)/");
        assertThat(filter.explain(with("held rates", "cut rates", null, null)).included()).isFalse();
        assertThat(filter.explain(with("held rates", null, null, null)).reason())
                .isEqualTo("the item has no text to match /held (rates|steady)/");
    }

    @Test
    void languageIsAPrefixOfTheTagButNotOfAnotherLanguage() {
        ItemFilter filter = including(languages("EN"));

        assertThat(filter.explain(UKRAINE).reason()).isEqualTo("language 'en-GB' (en)");
        assertThat(filter.explain(with("T", null, null, "en")).reason()).isEqualTo("language 'en'");
        assertThat(filter.explain(with("T", null, null, "eng")))
                .isEqualTo(new ItemFilter.Decision(false, "language 'eng' is not among [en]"));
        assertThat(including(languages("en-GB")).explain(with("T", null, null, "en")).included()).isFalse();
    }

    @Test
    void anItemWithoutLanguageNeverMatchesALanguageIncludeNorExclude() {
        ItemFacts unknown = with("T", null, null, null);

        assertThat(including(languages("en")).explain(unknown)).isEqualTo(new ItemFilter.Decision(false,
                "the item has no language (its feed gives none), so none among [en]"));
        assertThat(ItemFilter.of(Include.EVERYTHING, languages("en")).explain(unknown).included()).isTrue();
    }

    @Test
    void matchAnyTakesTheFirstRuleThatMatchesAndOtherwiseListsEveryMiss() {
        FilterRules rules = new FilterRules(List.of("Report"), List.of("Jane Doe"), List.of(), List.of(), null, null,
                List.of());
        ItemFilter filter = ItemFilter.of(new Include(Include.Match.ANY, rules), none());

        assertThat(filter.explain(UKRAINE)).isEqualTo(new ItemFilter.Decision(true, "author 'Jane Doe'"));
        assertThat(filter.explain(with("T", null, "Bob", null))).isEqualTo(new ItemFilter.Decision(false,
                "no category or title prefix among [report] (the item has no categories); "
                        + "author 'Bob' is not among [Jane Doe]"));
    }

    @Test
    void matchAllNeedsEveryRuleAndNamesTheOneThatFailed() {
        FilterRules rules = new FilterRules(List.of("Quick Comment"), List.of("Jane Doe"), List.of(), List.of(), null,
                null, List.of("en"));
        ItemFilter filter = ItemFilter.of(new Include(Include.Match.ALL, rules), none());

        assertThat(filter.explain(UKRAINE)).isEqualTo(new ItemFilter.Decision(true,
                "category 'quick comment' and author 'Jane Doe' and language 'en-GB' (en)"));
        ItemFacts byX = new ItemFacts(UKRAINE.title(), UKRAINE.text(), "X", UKRAINE.categories(), "en",
                UKRAINE.feeds());
        assertThat(filter.explain(byX)).isEqualTo(new ItemFilter.Decision(false,
                "match all — author 'X' is not among [Jane Doe]"));
    }

    @Test
    void excludeWinsOverAMatchingInclude() {
        ItemFilter filter = ItemFilter.of(new Include(List.of("Quick Comment")), keywords("sponsored"));
        ItemFacts sponsored = new ItemFacts("Quick Comment: a sponsored take", null, null, List.of(), null, List.of());

        assertThat(filter.explain(sponsored)).isEqualTo(new ItemFilter.Decision(false,
                "excluded by keyword 'sponsored' in the title"));
        assertThat(filter.explain(UKRAINE)).isEqualTo(new ItemFilter.Decision(true, "category 'quick comment'"));
    }

    @Test
    void withOnlyExcludeRulesEverythingElseIsIn() {
        ItemFilter filter = ItemFilter.of(Include.EVERYTHING, FilterRules.categories(List.of("Podcast")));

        assertThat(filter.explain(UKRAINE)).isEqualTo(new ItemFilter.Decision(true,
                "the newsletter takes every item not excluded"));
        assertThat(filter.explain(new ItemFacts("Ep. 4", null, null, List.of("podcast"), null, List.of())))
                .isEqualTo(new ItemFilter.Decision(false, "excluded by category 'podcast'"));
    }

    private static FilterRules typeRules(List<String> categories, List<String> paths, String urlRegex,
            List<String> labels) {
        return new FilterRules(categories, List.of(), List.of(), List.of(), null, null, List.of(), paths, urlRegex,
                labels);
    }

    private static ItemFacts piece(String title, List<String> categories, String url, String excerpt, String html) {
        return new ItemFacts(title, excerpt, null, categories, null, List.of(), url, html);
    }

    @Test
    void categoriesFoldCaseHyphensPunctuationAndPlurals() {
        ItemFilter filter = including(typeRules(List.of("Quick Comment"), List.of(), null, List.of()));

        for (String spelling : List.of("Quick comments", "quick-comment", "QUICK COMMENT", "[Quick Comment]",
                "quick_comments")) {
            assertThat(filter.explain(piece("T", List.of(spelling), null, null, null)).included()).as(spelling)
                    .isTrue();
        }
        assertThat(filter.explain(piece("T", List.of("Quick comments"), null, null, null)).reason())
                .isEqualTo("category 'quick comments' (as 'Quick Comment')");
        assertThat(filter.explain(piece("Quick comments — election night", List.of(), null, null, null)).reason())
                .isEqualTo("title starts with 'quick comment'");
        for (String other : List.of("Quick Commentary", "Comment", "Quick", "Quick Comment Series")) {
            assertThat(filter.explain(piece("T", List.of(other), null, null, null)).included()).as(other).isFalse();
        }
        assertThat(filter.explain(piece("Quick commentary: a long read", List.of(), null, null, null)).included())
                .isFalse();
    }

    @Test
    void aUrlPathPrefixMatchesWholeSegmentsAndAUrlRegexAnywhere() {
        ItemFilter byPath = including(typeRules(List.of(), List.of("/publications/quick-comment"), null, List.of()));

        assertThat(byPath.explain(piece("T", List.of(), "https://x.example/publications/quick-comment/2026/a", null,
                null)).reason()).isEqualTo("URL path starts with '/publications/quick-comment'");
        assertThat(byPath.explain(piece("T", List.of(), "https://x.example/Publications/Quick-Comment/a?utm_source=x",
                null, null)).included()).isTrue();
        assertThat(byPath.explain(piece("T", List.of(), "https://x.example/publications/quick-commentary/a", null,
                null)).included()).isFalse();
        assertThat(byPath.explain(piece("T", List.of(), null, null, null)).reason())
                .isEqualTo("the item has no URL, so no path among [/publications/quick-comment]");

        ItemFilter byRegex = including(typeRules(List.of(), List.of(), "/qc-\\d+$", List.of()));
        assertThat(byRegex.explain(piece("T", List.of(), "https://x.example/pieces/qc-118", null, null)).included())
                .isTrue();
        assertThat(byRegex.explain(piece("T", List.of(), "https://x.example/pieces/report-118", null, null))
                .included()).isFalse();
    }

    @Test
    void aLabelCountsOnlyAtTheTopOfTheTextOnALineOfItsOwnOrBeforeASeparator() {
        ItemFilter filter = including(typeRules(List.of(), List.of(), null, List.of("Quick Comment")));

        assertThat(filter.explain(piece("T", List.of(), null, null,
                "<h3>Quick comments</h3><p>The pause buys time.</p>")).reason())
                .isEqualTo("label 'Quick Comment' at the top of the text");
        assertThat(filter.explain(piece("T", List.of(), null, null,
                "<p><strong>Quick Comment</strong> - insights from our experts on breaking news</p><p>Body.</p>"))
                .included()).isTrue();
        assertThat(filter.explain(piece("T", List.of(), null,
                "QUICK COMMENT | insights from our experts. The pause buys time.", null)).included()).isTrue();
        assertThat(filter.explain(piece("T", List.of(), null, null,
                "<p><em>Quick Comment</em><br>The pause buys time.</p>")).included()).isTrue();
        assertThat(filter.explain(piece("T", List.of(), null, null,
                "<div class=\"kicker\"><span>Quick comment</span></div><p>The pause buys time.</p>")).included())
                .isTrue();
        // Deep in the text, or inside a sentence, it is no label.
        String deep = "<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Quick Comment</p>";
        assertThat(filter.explain(piece("T", List.of(), null, null, deep)).included()).isFalse();
        assertThat(filter.explain(piece("T", List.of(), null,
                "Join us on 15 December. Quick comments from the audience are welcome.", null)).included()).isFalse();
        assertThat(filter.explain(piece("T", List.of(), null, null, null)).reason())
                .isEqualTo("the item has no text, so no label among [Quick Comment]");
    }

    @Test
    void textRulesReadTheWholeTextNotOnlyTheExcerpt() {
        String html = "<p>" + "Filler sentence about the weather. ".repeat(40) + "</p><p>The Druzhba pipeline.</p>";
        ItemFacts item = piece("T", List.of(), null, "Filler sentence about the weather.", html);

        assertThat(including(keywords("druzhba")).explain(item).reason()).isEqualTo("keyword 'druzhba' in the text");
        assertThat(including(textRegex("Druzhba\\s+pipeline")).explain(item).included()).isTrue();
    }
}
