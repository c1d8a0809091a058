package org.feedletter.ingest.push;

/** What a hub's verification GET to a callback gets: the challenge echoed, an empty 200, or a 404. */
public record VerificationAnswer(int status, String body) {

    static VerificationAnswer confirmed(String challenge) {
        return new VerificationAnswer(200, challenge);
    }

    static final VerificationAnswer NOTED = new VerificationAnswer(200, "");
    static final VerificationAnswer REFUSED = new VerificationAnswer(404, "");

    public boolean confirmed() {
        return status == 200 && !body.isEmpty();
    }
}
