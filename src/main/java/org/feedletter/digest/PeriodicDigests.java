package org.feedletter.digest;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.feedletter.config.SubscriptionSettings;
import org.feedletter.store.PeriodicDigestStore;
import org.feedletter.store.StoredSubscriber.Frequency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily and weekly digests: at the configured hour in each subscriber's own time zone (weekly: on the configured
 * day), one message with every edition of the newsletter sent since that subscriber's previous digest. Editions
 * are built on the newsletter's own schedule as before; a periodic subscriber just receives several at once.
 * With nothing new at the due hour, nothing is sent and the next digest is due a day (a week) later.
 */
public final class PeriodicDigests {

    private static final Logger log = LoggerFactory.getLogger(PeriodicDigests.class);
    private static final int BATCH = 500;

    private final PeriodicDigestStore store;
    private final SubscriptionSettings settings;
    private final String messageIdDomain;
    private final InstantSource clock;

    public PeriodicDigests(PeriodicDigestStore store, SubscriptionSettings settings, String messageIdDomain,
            InstantSource clock) {
        this.store = store;
        this.settings = settings;
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
    }

    /** Queues every periodic digest that is due; returns how many. */
    public int queueDue() {
        Instant now = clock.instant();
        int queued = 0;
        while (true) {
            PeriodicDigestStore.Queued batch = store.queueDue(now, BATCH, messageIdDomain, this::nextAfter);
            queued += batch.digests();
            if (batch.handled() < BATCH) {
                break;
            }
        }
        if (queued > 0) {
            log.info("{} daily or weekly digests queued", queued);
        }
        return queued;
    }

    /** The first configured local hour after {@code now} in {@code zone} (for weekly, on the configured day). */
    public Instant nextAfter(Instant now, ZoneId zone, Frequency frequency) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        ZonedDateTime candidate = atHour(day, zone);
        if (frequency == Frequency.WEEKLY) {
            candidate = atHour(day.with(TemporalAdjusters.nextOrSame(settings.weeklyOn())), zone);
            if (!candidate.isAfter(local)) {
                candidate = atHour(day.with(TemporalAdjusters.next(settings.weeklyOn())), zone);
            }
        } else if (!candidate.isAfter(local)) {
            candidate = atHour(day.plusDays(1), zone);
        }
        return candidate.toInstant();
    }

    /** The hour on that day; on a day whose clocks skip that hour, the first valid time after the gap. */
    private ZonedDateTime atHour(LocalDate day, ZoneId zone) {
        return day.atTime(settings.digestHour(), 0).atZone(zone);
    }
}
