package org.feedletter.store;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A subscriber.
 *
 * @param email case-folded, the identity
 * @param displayEmail as the person typed it
 * @param tokenVersion part of every signed link; raising it revokes the links in earlier mails
 */
public record StoredSubscriber(
        long id,
        String email,
        String displayEmail,
        State state,
        ZoneId timeZone,
        Frequency frequency,
        String origin,
        int consecutiveBounces,
        Instant createdAt,
        Instant confirmedAt,
        Instant unsubscribedAt,
        int tokenVersion) {

    public enum State { PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED }

    /** How often a subscriber wants mail: each edition as it is built, or one digest a day or a week. */
    public enum Frequency { EDITION, DAILY, WEEKLY }
}
