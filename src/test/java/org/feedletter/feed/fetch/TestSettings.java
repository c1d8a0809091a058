package org.feedletter.feed.fetch;

import java.time.Duration;
import org.feedletter.config.FetchSettings;

/** Fetch settings with small timeouts and caps, so that tests of limits run in a blink. */
final class TestSettings {

    static final String USER_AGENT = "feedletter-test/1.0 (+https://feedletter.example)";

    private TestSettings() {}

    static FetchSettings fast() {
        return new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
                1024 * 1024, 5, 16, 2, USER_AGENT);
    }

    static FetchSettings withCap(long maxBodyBytes) {
        FetchSettings s = fast();
        return new FetchSettings(s.connectTimeout(), s.readTimeout(), s.deadline(), maxBodyBytes, s.maxRedirects(),
                s.concurrency(), s.perHostConcurrency(), s.userAgent());
    }

    static FetchSettings withTimeouts(Duration readTimeout, Duration deadline) {
        FetchSettings s = fast();
        return new FetchSettings(s.connectTimeout(), readTimeout, deadline, s.maxBodyBytes(), s.maxRedirects(),
                s.concurrency(), s.perHostConcurrency(), s.userAgent());
    }

    static FetchSettings withPerHost(int perHostConcurrency, Duration deadline) {
        FetchSettings s = fast();
        return new FetchSettings(s.connectTimeout(), s.readTimeout(), deadline, s.maxBodyBytes(), s.maxRedirects(),
                s.concurrency(), perHostConcurrency, s.userAgent());
    }
}
