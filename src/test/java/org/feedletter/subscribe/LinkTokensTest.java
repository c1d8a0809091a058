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
    void onlyTheCanonicalSpellingOfATokenIsTaken() {
        String token = tokens.sign(new Claims(Purpose.PREFERENCES, 42, 0, "", null));
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // 32 signature bytes are 43 characters: the last one carries 4 bits and 2 unused ones.
        String sameBytes = signature.substring(0, 42) + otherSpellingOfLast(signature);

        assertThat(tokens.verify(token, Purpose.PREFERENCES, NOW)).isPresent();
        assertThat(LinkTokens.canonicalDecode(sameBytes)).isEmpty();
        assertThat(java.util.Base64.getUrlDecoder().decode(sameBytes))
                .as("the JDK decodes both spellings to the same bytes").isEqualTo(
                        java.util.Base64.getUrlDecoder().decode(signature));
        assertThat(tokens.verify(payload + "." + sameBytes, Purpose.PREFERENCES, NOW)).as("unused bits set").isEmpty();
        assertThat(tokens.verify(payload + "." + signature + "=", Purpose.PREFERENCES, NOW)).as("padded").isEmpty();
        assertThat(tokens.verify(payload + "==." + signature, Purpose.PREFERENCES, NOW)).as("padded payload")
                .isEmpty();
        String standardAlphabet = token.replace('-', '+').replace('_', '/');
        if (!standardAlphabet.equals(token)) {
            assertThat(tokens.verify(standardAlphabet, Purpose.PREFERENCES, NOW)).as("standard alphabet").isEmpty();
        }
        assertThat(tokens.verify(payload + ".\n" + signature, Purpose.PREFERENCES, NOW)).isEmpty();
    }

    @Test
    void aPayloadWithUnusedBitsSetIsRefusedToo() {
        for (long id = 1; id < 40; id++) {
            String token = tokens.sign(new Claims(Purpose.PREFERENCES, id, 0, "", null));
            String payload = token.substring(0, token.indexOf('.'));
            if (payload.length() % 4 != 0) {
                String sameBytes = payload.substring(0, payload.length() - 1) + otherSpellingOfLast(payload);
                assertThat(tokens.verify(sameBytes + token.substring(token.indexOf('.')), Purpose.PREFERENCES, NOW))
                        .as("payload of subscriber " + id).isEmpty();
            }
        }
    }

    /** The last character with its lowest (unused) bit flipped: the same bytes, spelled differently. */
    static char otherSpellingOfLast(String base64url) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(base64url.charAt(base64url.length() - 1)) ^ 1);
    }

    @Test
    void aShortSecretIsRefusedAndNeverShown() {
        assertThatThrownBy(() -> new LinkTokens("short")).hasMessageNotContaining("short\"");
        assertThat(tokens.toString()).doesNotContain("thirty-two");
    }
}
