package org.feedletter.subscribe;

import java.util.List;

/**
 * What the sign-up form sent, as typed.
 *
 * @param honeypot a field people do not see and bots fill in
 */
public record SignUpForm(String email, List<String> newsletters, String frequency, String timeZone, String honeypot) {

    public SignUpForm {
        newsletters = List.copyOf(newsletters);
    }
}
