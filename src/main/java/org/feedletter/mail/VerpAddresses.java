package org.feedletter.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Variable envelope return paths: each message goes out with its own envelope sender, {@code local+<row>-<mac>@domain}
 * for {@code local@domain}, so that a bounce, which goes to the envelope sender, names the outbox row it is about. The
 * row is signed (HMAC-SHA256 under a secret, 64 bits of it in hex), so nobody can make a report about a row they did
 * not receive: an address that does not verify is recognised as forged. Letters and digits only, lower case: mail
 * systems that change the case of local parts change nothing here.
 */
public final class VerpAddresses {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_HEX = 16;

    private final String local;
    private final String domain;
    private final SecretKeySpec key;
    private final Pattern pattern;

    /**
     * @param base the address bounces go to, e.g. bounces@example.org; its mailbox must take {@code bounces+...}
     * @param secret at least 32 characters
     */
    public VerpAddresses(String base, String secret) {
        int at = base.lastIndexOf('@');
        if (at <= 0 || at == base.length() - 1) {
            throw new IllegalArgumentException("not an address: " + base);
        }
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the VERP secret must have at least 32 characters");
        }
        this.local = base.substring(0, at);
        this.domain = base.substring(at + 1).toLowerCase(Locale.ROOT);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.pattern = Pattern.compile("(?i)" + Pattern.quote(local) + "\\+([0-9a-z]{1,13})-([0-9a-f]{1," + 2 * MAC_HEX
                + "})@" + Pattern.quote(domain));
    }

    /** The envelope sender of the message of outbox row {@code outboxId}. */
    public String addressFor(long outboxId) {
        String id = Long.toString(outboxId, 36);
        return local + "+" + id + "-" + mac(id) + "@" + domain;
    }

    /** What an address says about our mail. */
    public sealed interface Verdict {}

    /** One of ours, signed by us: the outbox row. */
    public record Verified(long outboxId) implements Verdict {}

    /** Shaped as ours, but the signature does not verify: never acted on. */
    public record Forged(String address) implements Verdict {}

    /** Not a VERP address of ours at all. */
    public record NotOurs() implements Verdict {}

    /** The first address of ours in {@code text} (a header, a report, a body), verified. */
    public Verdict find(String text) {
        if (text == null) {
            return new NotOurs();
        }
        Matcher m = pattern.matcher(text);
        Verdict found = new NotOurs();
        while (m.find()) {
            String id = m.group(1).toLowerCase(Locale.ROOT);
            if (MessageDigest.isEqual(mac(id).getBytes(StandardCharsets.US_ASCII),
                    m.group(2).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                try {
                    return new Verified(Long.parseLong(id, 36));
                } catch (NumberFormatException e) {
                    found = new Forged(m.group());
                }
            } else if (found instanceof NotOurs) {
                found = new Forged(m.group());
            }
        }
        return found;
    }

    private String mac(String id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] sum = mac.doFinal(("verp|" + id).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sum, 0, MAC_HEX / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
