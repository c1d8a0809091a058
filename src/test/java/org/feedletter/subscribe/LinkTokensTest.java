package org.feedletter.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.feedletter.subscribe.LinkTokens.Claims;
import org.feedletter.subscribe.LinkTokens.Purpose;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final LinkTokens tokens = new LinkTokens("a-secret-of-at-least-thirty-two-characters");

    @Test
    void aSignedTokenVerifiesForItsPurposeUntilItExpires() {
        Claims claims = new Claims(Purpose.CONFIRM, 42, 3, "", NOW.plusSeconds(3600));
        String token = tokens.sign(claims);

        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW)).contains(claims);
        assertThat(tokens.verify(token, Purpose.UNSUBSCRIBE, NOW)).isEmpty();
        assertThat(tokens.verify(token, Purpose.CONFIRM, NOW.plusSeconds(3600))).isEmpty();
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void unsubscribeTokensDoNotExpireAndNameTheirNewsletter() {
        String token = tokens.sign(new Claims(Purpose.UNSUBSCRIBE, 7, 0, "quick-comment", null));

        assertThat(tokens.verify(token, Purpose.UNSUBSCRIBE, NOW.plusSeconds(10L * 365 * 24 * 3600)))
                .hasValueSatisfying(c -> assertThat(c.newsletterId()).isEqualTo("quick-comment"));
    }

    @Test
    void anyChangedCharacterOrAnotherSecretMakesATokenWorthless() {
        String token = tokens.sign(new Claims(Purpose.PREFERENCES, 42, 0, "", null));
        String otherSubscriber = tokens.sign(new Claims(Purpose.PREFERENCES, 43, 0, "", null));
        String forged = otherSubscriber.substring(0, otherSubscriber.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(tokens.verify(forged, Purpose.PREFERENCES, NOW)).isEmpty();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(tokens.verify(changed, Purpose.PREFERENCES, NOW)).as("changed at " + i).isEmpty();
        }
        assertThat(new LinkTokens("another-secret-of-at-least-thirty-two-chars").verify(token, Purpose.PREFERENCES, NOW))
                .isEmpty();
        assertThat(tokens.verify("", Purpose.PREFERENCES, NOW)).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000), Purpose.PREFERENCES, NOW)).isEmpty();
        assertThat(tokens.verify("%%%.%%%", Purpose.PREFERENCES, NOW)).isEmpty();
    }

    @Test
    void aShortSecretIsRefusedAndNeverShown() {
        assertThatThrownBy(() -> new LinkTokens("short")).hasMessageNotContaining("short\"");
        assertThat(tokens.toString()).doesNotContain("thirty-two");
    }
}
