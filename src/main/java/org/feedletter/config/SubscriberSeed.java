package org.feedletter.config;

import java.time.ZoneId;
import java.util.List;

/** A subscriber written in the config file; seeded into the database at start-up as active. */
public record SubscriberSeed(String email, List<String> newsletters, ZoneId timeZone) {

    public SubscriberSeed {
        newsletters = List.copyOf(newsletters);
    }
}
