package org.feedletter.mail;

import java.time.Instant;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.feedletter.store.OutboxRow;
import org.feedletter.store.SubscriberStore;

/**
 * What delivery does for bounce handling: the envelope sender each message goes out with (null: the one From
 * gives), and what a permanent refusal at send time (5xx) does to the subscriber. Without a bounces section, as
 * feedletter always did: the From address, and {@code delivery.bounce-after} refusals in a row mark a subscriber
 * bounced. With one, a signed VERP address per row and the bounce policy (see {@code org.feedletter.bounce}).
 *
 * @param acceptedAfterRefusals told the subscriber's id when a message to someone refused before was accepted
 */
public record DeliveryFeedback(LongFunction<String> envelopeSender, Refusals refusals, LongConsumer acceptedAfterRefusals) {

    /** Hears of a message refused for good while it was being sent. */
    @FunctionalInterface
    public interface Refusals {
        /** @param reason the server's refusal, e.g. "recipient x refused: 550 5.1.1 no such user" */
        void refused(OutboxRow row, String reason, Instant at);
    }

    /** As before bounce handling: the From address as envelope sender, refusals counted in a row. */
    public static DeliveryFeedback counting(SubscriberStore subscribers, int bounceAfter) {
        return new DeliveryFeedback(id -> null,
                (row, reason, at) -> subscribers.recordPermanentFailure(row.subscriberId(), bounceAfter, at),
                subscribers::resetBounces);
    }
}
