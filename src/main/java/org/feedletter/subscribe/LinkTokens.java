package org.feedletter.subscribe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens in confirmation, unsubscribe and preferences links: what they allow, for whom, signed with
 * HMAC-SHA256 under the server's secret, so they can be neither guessed nor forged. A token carries the
 * subscriber's token version (raising it revokes every earlier link) and, for confirmations, an expiry.
 * Tokens are credentials: they never go into a log line.
 */
public final class LinkTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 500;

    /** What a token allows. */
    public enum Purpose {
        CONFIRM("c"), UNSUBSCRIBE("u"), PREFERENCES("p");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }
    }

    /**
     * What a valid token says.
     *
     * @param newsletterId the newsletter an unsubscribe link leaves; empty for the others
     * @param expires null for links that do not expire
     */
    public record Claims(Purpose purpose, long subscriberId, int tokenVersion, String newsletterId, Instant expires) {}

    private final SecretKeySpec key;

    public LinkTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the link secret must have at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(Claims claims) {
        String payload = String.join("|", claims.purpose().code, Long.toString(claims.subscriberId()),
                Integer.toString(claims.tokenVersion()),
                claims.expires() == null ? "" : Long.toString(claims.expires().getEpochSecond()),
                claims.newsletterId());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The claims of a token signed here, for this purpose and not expired; empty for anything else. */
    public Optional<Claims> verify(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        Optional<byte[]> payload = canonicalDecode(token.substring(0, dot));
        Optional<byte[]> signature = canonicalDecode(token.substring(dot + 1));
        if (payload.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        return verified(payload.get(), signature.get(), purpose, now);
    }

    private Optional<Claims> verified(byte[] payload, byte[] signature, Purpose purpose, Instant now) {
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        return parse(new String(payload, StandardCharsets.UTF_8))
                .filter(c -> c.purpose() == purpose)
                .filter(c -> c.expires() == null || now.isBefore(c.expires()));
    }

    /**
     * The bytes of unpadded base64url text that is exactly what {@link #sign} writes for them, else empty. The
     * decoder alone also takes padding and unused low bits in the last character, so one token would have several
     * spellings: each one a different key wherever a token is compared or counted as text.
     */
    static Optional<byte[]> canonicalDecode(String text) {
        try {
            byte[] bytes = DECODER.decode(text);
            return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Claims> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            Purpose purpose = null;
            for (Purpose p : Purpose.values()) {
                if (p.code.equals(parts[0])) {
                    purpose = p;
                }
            }
            if (purpose == null) {
                return Optional.empty();
            }
            Instant expires = parts[3].isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(parts[3]));
            return Optional.of(new Claims(purpose, Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[4],
                    expires));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "LinkTokens[HMAC-SHA256, secret hidden]";
    }
}
