package org.feedletter.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short, stable hex digests for ids and change detection. */
final class Hashes {

    /** One digest per thread: looking one up through the security providers cost as much as hashing an entry. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Hashes::sha256);

    private Hashes() {}

    /** The first 128 bits of SHA-256 of the parts joined by NUL, as 32 hex digits. */
    static String of(String... parts) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        for (String part : parts) {
            sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
