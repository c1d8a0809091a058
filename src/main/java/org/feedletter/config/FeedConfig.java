package org.feedletter.config;

import java.net.URI;
import java.time.Duration;

/** A feed named in the config file; such feeds are read-only in the database. */
public record FeedConfig(URI url, String name, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
}
