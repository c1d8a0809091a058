package org.feedletter.web.subscriberpages;

import java.util.LinkedHashMap;
import java.util.Map;
import org.feedletter.lang.Messages;
import org.feedletter.subscribe.EmailAddress;
import org.feedletter.subscribe.Signups;

/**
 * What the forms say of a field, in the page's language. {@code Signups} and {@code SelfService} name problems in
 * English (for logs and the operator's tools); the page shows the bundles' {@code problem.*} message for each.
 */
final class FormProblems {

    private FormProblems() {}

    /** @param typedEmail the address as typed, which an invalid-address message quotes */
    static Map<String, String> shown(Map<String, String> problems, Messages words, String typedEmail) {
        Map<String, String> shown = new LinkedHashMap<>();
        problems.forEach((field, problem) -> shown.put(field, words.text(key(field, problem),
                typedEmail == null ? "" : typedEmail.strip())));
        return shown;
    }

    static String key(String field, String problem) {
        return switch (field) {
            case "email" -> switch (problem) {
                case EmailAddress.REQUIRED -> "problem.email.required";
                case EmailAddress.CONTROL_CHARACTERS -> "problem.email.controlCharacters";
                case EmailAddress.TOO_LONG -> "problem.email.tooLong";
                default -> "problem.email.invalid";
            };
            case "newsletters" -> Signups.NO_SUCH_NEWSLETTER.equals(problem) ? "problem.newsletters.unknown"
                    : "problem.newsletters.none";
            case "frequency" -> "problem.frequency";
            case "timeZone" -> "problem.timeZone";
            default -> throw new IllegalArgumentException("no message for a problem of the field " + field);
        };
    }
}
