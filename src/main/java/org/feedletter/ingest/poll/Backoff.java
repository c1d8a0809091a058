package org.feedletter.ingest.poll;

import java.time.Duration;

/** When to poll a failing feed again: its interval, doubled per consecutive failure, capped. */
final class Backoff {

    static final Duration CAP = Duration.ofHours(24);

    private Backoff() {}

    /** @param failures consecutive failures including the one just recorded (at least 1) */
    static Duration after(Duration interval, int failures) {
        Duration delay = interval;
        for (int i = 1; i < failures && delay.compareTo(CAP) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }
}
