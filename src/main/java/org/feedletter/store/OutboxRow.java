package org.feedletter.store;

import java.time.Instant;
import java.time.ZoneId;
import org.feedletter.store.StoredSubscriber.State;

/**
 * A claimed outbox row with what sending it needs to know of its subscriber.
 *
 * @param kind "digest" or "confirm"
 * @param editionId the edition a digest carries; null for other kinds
 * @param sinceEditionId for a digest of several editions, the last edition before them; else null
 * @param attempts attempts made before this one
 * @param suppressed the address is suppressed (a hard bounce, a complaint, an operator): never sent
 */
public record OutboxRow(
        long id,
        String kind,
        Long editionId,
        Long sinceEditionId,
        long subscriberId,
        String email,
        String displayEmail,
        ZoneId timeZone,
        State subscriberState,
        int consecutiveBounces,
        String messageId,
        int attempts,
        Instant createdAt,
        boolean suppressed) {}
