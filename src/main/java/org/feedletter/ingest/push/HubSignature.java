package org.feedletter.ingest.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hub-Signature} of a pushed body (WebSub 7.1): {@code method=hex}, the HMAC of the raw body with the
 * subscription's secret, by one of the recognised methods (sha1, sha256, sha384, sha512). Compared in constant time.
 */
final class HubSignature {

    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    /** How a signature checked out. */
    enum Check {
        VALID,
        /** No X-Hub-Signature at all, though the subscription was made with a secret. */
        MISSING,
        /** Present but not ours: wrong value, unknown method, or not hex. */
        WRONG
    }

    private HubSignature() {}

    static Check check(String header, String secret, byte[] body) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0) {
            return Check.WRONG;
        }
        String algorithm = ALGORITHMS.get(value.substring(0, equals).strip().toLowerCase(Locale.ROOT));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(equals + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Check.WRONG;
        }
        if (algorithm == null) {
            return Check.WRONG;
        }
        return MessageDigest.isEqual(hmac(algorithm, secret, body), given) ? Check.VALID : Check.WRONG;
    }

    private static byte[] hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
