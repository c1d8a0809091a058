package org.feedletter;

/** feedletter cannot start: the database, the templates or the mail settings are not usable. */
public final class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
