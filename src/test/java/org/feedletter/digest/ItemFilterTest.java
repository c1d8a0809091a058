package org.feedletter.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.feedletter.config.Include;
import org.feedletter.store.StoredItem;
import org.junit.jupiter.api.Test;

class ItemFilterTest {

    private static final ItemFilter QUICK_COMMENT = ItemFilter.of(new Include(List.of("Quick Comment")));

    private static StoredItem item(String title, String... categories) {
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        return new StoredItem(1, "urn:x", null, null, title, null, t, null, null, null, List.of(categories), null, 1, t, t, null);
    }

    @Test
    void aNewsletterWithoutIncludeTakesEverything() {
        assertThat(ItemFilter.of(Include.EVERYTHING).matches(item("Annual report", "Report"))).isTrue();
    }

    @Test
    void categoryMatchesIgnoringCaseAndWhitespace() {
        assertThat(QUICK_COMMENT.matches(item("A take", "Quick Comment"))).isTrue();
        assertThat(QUICK_COMMENT.matches(item("A take", "quick comment"))).isTrue();
        assertThat(QUICK_COMMENT.matches(item("A take", "  QUICK   Comment "))).isTrue();
        assertThat(QUICK_COMMENT.matches(item("A take", "Quick\u00A0Comment"))).isTrue();
    }

    @Test
    void titlePrefixMatchesWhenTheItemHasNoCategory() {
        assertThat(QUICK_COMMENT.matches(item("Quick Comment: The central bank's pause"))).isTrue();
        assertThat(QUICK_COMMENT.matches(item("QUICK COMMENT – The central bank's pause"))).isTrue();
        assertThat(QUICK_COMMENT.matches(item("quick comment | The central bank's pause"))).isTrue();
    }

    @Test
    void aTitleThatOnlyStartsWithTheWordsIsNotAPrefixMatch() {
        assertThat(QUICK_COMMENT.matches(item("Quick Comments are our fastest format"))).isFalse();
        assertThat(QUICK_COMMENT.matches(item("Quick Comment"))).isFalse();
    }

    @Test
    void reportsEventsAndOtherKindsNeverEnterAQuickCommentDigest() {
        assertThat(QUICK_COMMENT.matches(item("Annual Report on Energy 2026", "Report", "Energy"))).isFalse();
        assertThat(QUICK_COMMENT.matches(item("Event: Roundtable on defence", "Event"))).isFalse();
        assertThat(QUICK_COMMENT.matches(item("Podcast: episode 88", "Podcast"))).isFalse();
        assertThat(QUICK_COMMENT.matches(item("A comment on quick decisions", "Comment"))).isFalse();
    }

    @Test
    void anyOfSeveralCategoriesMatches() {
        ItemFilter filter = ItemFilter.of(new Include(List.of("Report", "Policy Brief")));
        assertThat(filter.matches(item("Housing", "policy brief"))).isTrue();
        assertThat(filter.matches(item("Energy", "Report"))).isTrue();
        assertThat(filter.matches(item("Quick Comment: x", "Quick Comment"))).isFalse();
    }
}
