package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedletter.store.PushSubscription.State;
import org.feedletter.testing.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** WebSub subscriptions and the poll times they stretch, on both databases: every statement of PushStore runs. */
class PushStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final URI HUB = URI.create("https://hub.example.net/");

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSubscriptionGoesLiveIsRenewedLapsesAndIsRetried(Stores kind) {
        try (Stores.Fresh fresh = kind.fresh(); Database database = Database.open(fresh.config())) {
            FeedStore feeds = new FeedStore(database);
            PushStore push = new PushStore(database);
            StoredFeed feed = feeds.add(URI.create("https://example.org/feed"), "Feed", Duration.ofMinutes(30), NOW);

            push.subscribing(feed.id(), HUB, "https://example.org/feed", "cb-1", "secret-1", NOW);
            assertThat(push.find(feed.id())).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(State.SUBSCRIBING);
                assertThat(s.secret()).isEqualTo("secret-1");
                assertThat(s.toString()).doesNotContain("secret-1").doesNotContain("cb-1");
            });
            assertThat(push.verified("cb-other", NOW.plus(Duration.ofDays(10)), NOW)).isFalse();
            assertThat(push.verified("cb-1", NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(8)))).isTrue();
            PushSubscription live = push.byCallback("cb-1").orElseThrow();
            assertThat(live.liveAt(NOW)).isTrue();
            assertThat(push.countByState()).isEqualTo(Map.of("live", 1L));
            assertThat(push.due(NOW, NOW.minus(Duration.ofHours(1)))).isEmpty();

            // Stretched polls: no earlier than given, never earlier than they were.
            push.pollNoEarlierThan(Map.of(feed.id(), NOW.plus(Duration.ofHours(6))));
            assertThat(feeds.find(feed.id()).orElseThrow().nextPollAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
            push.pollNoEarlierThan(Map.of(feed.id(), NOW.plus(Duration.ofHours(1))));
            assertThat(feeds.find(feed.id()).orElseThrow().nextPollAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));

            // The renewal is due at day 8: one node takes it.
            Instant day8 = NOW.plus(Duration.ofDays(8));
            assertThat(push.due(day8, day8.minus(Duration.ofHours(1)))).extracting(PushSubscription::callbackId)
                    .containsExactly("cb-1");
            assertThat(push.claimAttempt("cb-1", live.nextAttemptAt(), day8, day8.plus(Duration.ofHours(1)))).isTrue();
            assertThat(push.claimAttempt("cb-1", live.nextAttemptAt(), day8, day8.plus(Duration.ofHours(1)))).isFalse();
            // The renewal request fails: still live while the lease runs, retried no later than its end.
            push.failed("cb-1", "HTTP 503", day8, day8.plus(Duration.ofDays(5)));
            PushSubscription renewing = push.byCallback("cb-1").orElseThrow();
            assertThat(renewing.state()).isEqualTo(State.LIVE);
            assertThat(renewing.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofDays(10)));
            assertThat(renewing.failures()).isEqualTo(1);

            // The lease ends: lapsed, and the feed is polled as before.
            Instant day10 = NOW.plus(Duration.ofDays(10));
            assertThat(push.lapsed("cb-1", day10.minusSeconds(1))).isFalse();
            assertThat(push.lapsed("cb-1", day10)).isTrue();
            push.pollNoLaterThan(feed.id(), NOW.plus(Duration.ofHours(7)));
            assertThat(feeds.find(feed.id()).orElseThrow().nextPollAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
            push.pollNoLaterThan(feed.id(), NOW.plus(Duration.ofMinutes(30)));
            assertThat(feeds.find(feed.id()).orElseThrow().nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
            assertThat(push.byCallback("cb-1").orElseThrow().state()).isEqualTo(State.LAPSED);

            // Asked for anew: a new callback and secret; an answer to the old callback changes nothing.
            push.subscribing(feed.id(), HUB, "https://example.org/feed", "cb-2", "secret-2", day10);
            assertThat(push.byCallback("cb-1")).isEmpty();
            assertThat(push.verified("cb-1", day10.plus(Duration.ofDays(10)), day10)).isFalse();
            assertThat(push.denied("cb-2", "denied: no", day10.plus(Duration.ofHours(2)))).isTrue();
            assertThat(push.find(feed.id()).orElseThrow().failures()).isEqualTo(2);

            push.pushed("cb-2", true, null, day10);
            push.pushed("cb-2", false, "unsigned", day10);
            PushSubscription pushed = push.find(feed.id()).orElseThrow();
            assertThat(pushed.pushesAccepted()).isEqualTo(1);
            assertThat(pushed.pushesRefused()).isEqualTo(1);
            assertThat(pushed.lastPushAt()).isEqualTo(day10);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aRemovedFeedsSubscriptionIsDueForUnsubscribingAndThenDeleted(Stores kind) {
        try (Stores.Fresh fresh = kind.fresh(); Database database = Database.open(fresh.config())) {
            FeedStore feeds = new FeedStore(database);
            PushStore push = new PushStore(database);
            StoredFeed kept = feeds.add(URI.create("https://example.org/kept"), "Kept", Duration.ofMinutes(30), NOW);
            StoredFeed gone = feeds.add(URI.create("https://example.org/gone"), "Gone", Duration.ofMinutes(30), NOW);
            push.subscribing(kept.id(), HUB, "https://example.org/kept", "cb-kept", "s1", NOW);
            push.subscribing(gone.id(), HUB, "https://example.org/gone", "cb-gone", "s2", NOW);
            push.verified("cb-kept", NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(8)));
            push.verified("cb-gone", NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(8)));
            assertThat(push.forFeeds(List.of(kept.id(), gone.id()))).hasSize(2);

            feeds.remove(gone.id());

            assertThat(push.due(NOW, NOW.minus(Duration.ofHours(1)))).extracting(PushSubscription::feedId)
                    .containsExactly(gone.id());
            assertThat(push.unsubscribing("cb-gone", NOW)).isTrue();
            assertThat(push.due(NOW, NOW.minus(Duration.ofHours(1)))).isEmpty();
            assertThat(push.due(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(1))))
                    .extracting(PushSubscription::callbackId).containsExactly("cb-gone"); // never verified
            assertThat(push.delete("cb-gone")).isTrue();
            assertThat(push.all()).extracting(PushSubscription::feedId).containsExactly(kept.id());
        }
    }
}
