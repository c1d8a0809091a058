package org.feedletter.web.mergedfeed;

/** The three formats the merged feed is served in, with their media types and file extensions. */
public enum FeedFormat {
    ATOM("atom", "application/atom+xml; charset=utf-8"),
    RSS("rss", "application/rss+xml; charset=utf-8"),
    JSON("json", "application/feed+json; charset=utf-8");

    private final String extension;
    private final String contentType;

    FeedFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
