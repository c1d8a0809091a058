package org.feedletter.ingest.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.testing.PushingHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Hub-Signature: every method the Recommendation names, checked against the raw body and the secret only. */
class HubSignatureTest {

    private static final String SECRET = "s3cret-of-this-subscription";
    private static final byte[] BODY = "<feed>…</feed>".getBytes(UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "sha256", "sha384", "sha512"})
    void eachRecognisedMethodIsChecked(String method) {
        String signature = PushingHub.signature(method, SECRET, BODY); // the test hub's own HMAC, not ours

        assertThat(HubSignature.check(signature, SECRET, BODY)).isEqualTo(HubSignature.Check.VALID);
        assertThat(HubSignature.check(signature.toUpperCase(java.util.Locale.ROOT), SECRET, BODY))
                .isEqualTo(HubSignature.Check.VALID);
        assertThat(HubSignature.check(signature, "another secret", BODY)).isEqualTo(HubSignature.Check.WRONG);
        assertThat(HubSignature.check(signature, SECRET, "<feed>…</feed> ".getBytes(UTF_8)))
                .isEqualTo(HubSignature.Check.WRONG);
    }

    @Test
    void aMissingOrMalformedSignatureIsNeverValid() {
        String sha256 = PushingHub.signature("sha256", SECRET, BODY);

        assertThat(HubSignature.check(null, SECRET, BODY)).isEqualTo(HubSignature.Check.MISSING);
        assertThat(HubSignature.check("  ", SECRET, BODY)).isEqualTo(HubSignature.Check.MISSING);
        assertThat(HubSignature.check(sha256.substring(7), SECRET, BODY)).isEqualTo(HubSignature.Check.WRONG);
        assertThat(HubSignature.check("md5=" + sha256.substring(7), SECRET, BODY)).isEqualTo(HubSignature.Check.WRONG);
        assertThat(HubSignature.check("sha256=not-hex", SECRET, BODY)).isEqualTo(HubSignature.Check.WRONG);
        assertThat(HubSignature.check("sha256=", SECRET, BODY)).isEqualTo(HubSignature.Check.WRONG);
        assertThat(HubSignature.check(sha256.substring(0, sha256.length() - 2), SECRET, BODY))
                .isEqualTo(HubSignature.Check.WRONG);
    }
}
