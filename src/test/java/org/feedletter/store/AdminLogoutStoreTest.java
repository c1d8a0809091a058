package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.feedletter.testing.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ended admin sessions, on both databases: seen by every connection and a later one, kept until they expire. */
class AdminLogoutStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aLogoutHoldsForAnotherStoreOnTheSameDatabaseAndIsForgottenOnceExpired(Stores store) {
        try (Stores.Fresh fresh = store.fresh()) {
            try (Database first = Database.open(fresh.config())) {
                AdminLogoutStore logouts = new AdminLogoutStore(first);
                logouts.loggedOut("nonce-a", NOW.plus(Duration.ofHours(1)), NOW);
                logouts.loggedOut("nonce-a", NOW.plus(Duration.ofHours(1)), NOW); // twice: two tabs
                logouts.loggedOut("nonce-b", NOW.plus(Duration.ofHours(12)), NOW);

                assertThat(logouts.isLoggedOut("nonce-a")).isTrue();
                assertThat(logouts.isLoggedOut("nonce-c")).isFalse();
            }
            try (Database reopened = Database.open(fresh.config())) {
                AdminLogoutStore logouts = new AdminLogoutStore(reopened);
                assertThat(logouts.isLoggedOut("nonce-a")).as("after a restart").isTrue();

                logouts.loggedOut("nonce-c", NOW.plus(Duration.ofHours(14)), NOW.plus(Duration.ofHours(2)));

                assertThat(logouts.isLoggedOut("nonce-a")).as("expired: its cookie is refused for that").isFalse();
                assertThat(logouts.isLoggedOut("nonce-b")).isTrue();
                assertThat(logouts.count()).isEqualTo(2);
            }
        }
    }
}
