package org.feedletter.subscribe;

import java.time.InstantSource;
import java.util.List;
import org.feedletter.config.SubscriberSeed;
import org.feedletter.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Seeds the subscribers written in the config file; the database is the source of truth after that. */
public final class SubscriberSeeder {

    private static final Logger log = LoggerFactory.getLogger(SubscriberSeeder.class);

    private final SubscriberStore subscribers;
    private final InstantSource clock;

    public SubscriberSeeder(SubscriberStore subscribers, InstantSource clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** @return how many subscribers were new */
    public int seed(List<SubscriberSeed> seeds) {
        int created = 0;
        for (SubscriberSeed seed : seeds) {
            EmailAddress.Result parsed = EmailAddress.parse(seed.email());
            if (parsed.address().isEmpty()) {
                log.warn("subscriber {} in the config file skipped: {}", seed.email(), parsed.problem());
                continue;
            }
            EmailAddress address = parsed.address().get();
            SubscriberStore.Seeded seeded = subscribers.seedOutcome(address.normalized(), address.display(),
                    seed.timeZone(), seed.newsletters(), clock.instant());
            if (seeded == SubscriberStore.Seeded.CREATED) {
                created++;
            } else if (seeded == SubscriberStore.Seeded.SUPPRESSED) {
                log.warn("subscriber {} in the config file skipped: the address is suppressed (see 'feedletter "
                        + "subscribers show {}'; 'subscribers unsuppress' lifts it)", seed.email(), seed.email());
            }
        }
        return created;
    }
}
