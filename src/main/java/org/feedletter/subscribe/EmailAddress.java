package org.feedletter.subscribe;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * A checked email address. {@code normalized} is the identity: case-folded, the domain in ASCII (IDN domains
 * are accepted and stored in their punycode form), so Alice@Example.org and alice@example.org are one subscriber.
 */
public record EmailAddress(String normalized, String display) {

    static final int MAX_LENGTH = 254;
    /** Problems pages say in their language ({@code problem.email.*}); any other is an invalid address. */
    public static final String REQUIRED = "an email address is required";
    public static final String CONTROL_CHARACTERS = "the email address contains control characters";
    public static final String TOO_LONG = "the email address is longer than " + MAX_LENGTH + " characters";

    /** The address, or a message saying what is wrong with it. */
    public static Result parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Result.problem(REQUIRED);
        }
        String trimmed = raw.strip();
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            return Result.problem(CONTROL_CHARACTERS);
        }
        if (trimmed.length() > MAX_LENGTH) {
            return Result.problem(TOO_LONG);
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            return Result.problem("'" + trimmed + "' is not an email address (expected name@domain)");
        }
        String local = trimmed.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Result.problem("'" + trimmed.substring(at + 1) + "' is not a valid domain");
        }
        if (!domain.contains(".") || local.length() > 64) {
            return Result.problem("'" + trimmed + "' is not an email address (expected name@domain.tld)");
        }
        String normalized = local.toLowerCase(Locale.ROOT) + "@" + domain;
        try {
            new InternetAddress(normalized, true).validate();
        } catch (AddressException e) {
            return Result.problem("'" + trimmed + "' is not an email address: " + e.getMessage());
        }
        return new Result(Optional.of(new EmailAddress(normalized, trimmed)), null);
    }

    /** Either an address or a problem. */
    public record Result(Optional<EmailAddress> address, String problem) {
        static Result problem(String message) {
            return new Result(Optional.empty(), message);
        }
    }
}
