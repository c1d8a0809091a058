package org.feedletter.web.admin;

/**
 * Sends a pending subscriber their confirmation mail again, for the admin's "resend confirmation" button. The
 * subscriber feature provides it; the composition root wires it in.
 */
@FunctionalInterface
public interface ConfirmationResender {

    /** Used until the subscriber feature provides confirmations. */
    ConfirmationResender NOT_AVAILABLE = subscriberId -> new Result(false,
            "resending confirmations is not available: this version sends no confirmation mail");

    Result resend(long subscriberId);

    /** @param message what happened, in words for the operator, e.g. "confirmation queued for alice@example.org" */
    record Result(boolean done, String message) {}
}
