package org.feedletter.feed.fetch;

/** Sizes as a person reads them in a message: "10 MB", "64 KB" (durations: {@code config.Durations.inSeconds}). */
final class Describe {

    private static final long KB = 1024;
    private static final long MB = KB * KB;

    private Describe() {}

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
