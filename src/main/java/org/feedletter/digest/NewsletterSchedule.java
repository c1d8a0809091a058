package org.feedletter.digest;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When a newsletter's editions are due: the slots of its cron expression in its time zone. A newsletter that
 * never had a slot is due at once. Slots missed while the service was down collapse into the latest one.
 */
public final class NewsletterSchedule {

    private static final int MAX_CATCH_UP_STEPS = 100_000;

    private final String cron;
    private final ZoneId zone;

    public NewsletterSchedule(String cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
        expression(); // fails here, not at the first tick, if the config check let a bad one through
    }

    /** The slot to build now, or empty when the next slot after {@code lastSlot} is still ahead. */
    public Optional<Instant> dueSlot(Instant lastSlot, Instant now) {
        if (lastSlot == null) {
            return Optional.of(now);
        }
        CronExpression expression = expression();
        Date next = expression.getNextValidTimeAfter(Date.from(lastSlot));
        if (next == null || next.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        Date slot = next;
        for (int i = 0; i < MAX_CATCH_UP_STEPS; i++) {
            Date later = expression.getNextValidTimeAfter(slot);
            if (later == null || later.toInstant().isAfter(now)) {
                break;
            }
            slot = later;
        }
        return Optional.of(slot.toInstant());
    }

    /** The first slot after {@code after}, or empty when the expression has none left. */
    public Optional<Instant> nextSlot(Instant after) {
        return Optional.ofNullable(expression().getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
    }

    // CronExpression keeps mutable state, so each use gets its own.
    private CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad cron expression '" + cron + "': " + e.getMessage(), e);
        }
    }
}
