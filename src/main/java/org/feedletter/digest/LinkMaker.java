package org.feedletter.digest;

/** Makes the personal links for one recipient of one edition; the subscriber feature provides the real one. */
@FunctionalInterface
public interface LinkMaker {

    RecipientLinks linksFor(long subscriberId, String email, String newsletterId, Long editionId);

    /**
     * For a digest of several editions (daily, weekly): those after {@code sinceEditionId} up to {@code editionId}.
     * Link makers that show editions in a browser override this to show the whole range.
     */
    default RecipientLinks linksFor(long subscriberId, String email, String newsletterId, Long editionId,
            Long sinceEditionId) {
        return linksFor(subscriberId, email, newsletterId, editionId);
    }
}
