package org.feedletter.mail;

/** A message that cannot be built (a broken template, an edition or newsletter that no longer exists). */
public final class UnsendableMessage extends Exception {

    public UnsendableMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
