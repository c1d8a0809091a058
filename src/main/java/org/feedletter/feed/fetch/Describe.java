package org.feedletter.feed.fetch;

import java.time.Duration;
import java.util.Locale;

/** Durations and sizes as a person reads them in a message: "10 s", "250 ms", "10 MB". */
final class Describe {

    private static final long KB = 1024;
    private static final long MB = KB * KB;

    private Describe() {}

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return Math.round(millis / 1000.0) + " s";
    }

    static String size(long bytes) {
        if (bytes >= MB && bytes % MB == 0) {
            return bytes / MB + " MB";
        }
        if (bytes >= KB && bytes % KB == 0) {
            return bytes / KB + " KB";
        }
        return bytes + " bytes";
    }
}
