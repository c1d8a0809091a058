package org.feedletter.config;

import java.time.Duration;

/**
 * The admin pages ({@code /admin}): served only when a password is set, from the environment.
 *
 * @param password empty when the admin pages are off
 * @param sessionLength how long a login lasts
 */
public record AdminConfig(String password, Duration sessionLength) {

    public static final Duration DEFAULT_SESSION = Duration.ofHours(12);
    public static final AdminConfig OFF = new AdminConfig("", DEFAULT_SESSION);
    /** Shorter passwords are refused: the admin pages can poll, preview and resend mail. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    public boolean enabled() {
        return !password.isEmpty();
    }

    @Override
    public String toString() {
        return "AdminConfig[password=" + (password.isEmpty() ? "" : "****") + ", sessionLength=" + sessionLength + "]";
    }
}
