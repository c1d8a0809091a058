package org.feedletter.feed.fetch;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hosts that asked us to wait (Retry-After), and until when. A host that said "later" is not asked
 * again for any of its feeds before then.
 */
final class HostBackoff {

    private final ConcurrentMap<String, Instant> waitUntil = new ConcurrentHashMap<>();

    void hold(String hostKey, Instant until) {
        waitUntil.merge(hostKey, until, (old, latest) -> latest.isAfter(old) ? latest : old);
    }

    /** When the host may be asked again, or null when it may be asked now. */
    Instant heldUntil(String hostKey, Instant now) {
        Instant until = waitUntil.get(hostKey);
        if (until == null) {
            return null;
        }
        if (until.isAfter(now)) {
            return until;
        }
        waitUntil.remove(hostKey, until);
        return null;
    }
}
