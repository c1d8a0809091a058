package org.feedletter.config;

/**
 * Whether a newsletter's digests list substantive updates of items it already sent, in an "Updated" section
 * (config key {@code updates} of a newsletter). Off unless asked for.
 *
 * @param textChange an update whose title kept its words counts when at least this share of the text's words
 *     changed (0.3: a third); a changed title always counts
 */
public record UpdateListing(boolean enabled, double textChange) {

    public static final double DEFAULT_TEXT_CHANGE = 0.3;
    public static final UpdateListing OFF = new UpdateListing(false, DEFAULT_TEXT_CHANGE);

    public static UpdateListing enabled(double textChange) {
        return new UpdateListing(true, textChange);
    }
}
