package org.feedletter.web.bouncehooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.feedletter.bounce.ReportKind;
import org.feedletter.bounce.ReportRecorder;
import org.feedletter.bounce.StatusCodes;
import org.feedletter.web.Responses;
import org.feedletter.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/mailgun}: Mailgun's "failed" and "complained" events (JSON webhooks). The signature is
 * HMAC-SHA256 under the webhook signing key over timestamp and token, compared in constant time; a timestamp more
 * than five minutes from our clock is refused, so a captured request cannot be replayed later (and within the five
 * minutes, the event id makes a replay change nothing). A permanent failure is a hard bounce (or soft, as its code
 * says); a temporary one, which Mailgun retries and reports again as permanent if it gives up, is recorded only.
 * Answers: 200 taken, 406 not signed with our key or stale (Mailgun does not retry a 406), 400 unreadable, 503 could
 * not be recorded.
 */
public final class MailgunWebhook {

    private static final Logger log = LoggerFactory.getLogger(MailgunWebhook.class);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final ReportRecorder recorder;
    private final long maxBody;
    private final InstantSource clock;

    public MailgunWebhook(String signingKey, ReportRecorder recorder, long maxBody, InstantSource clock) {
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.recorder = recorder;
        this.maxBody = maxBody;
        this.clock = clock;
    }

    public void register(Router router) {
        router.post("/webhooks/mailgun", (request, response, callback, path) -> receive(request, response, callback));
    }

    private void receive(Request request, Response response, Callback callback) throws IOException {
        Optional<JsonNode> read = HookBodies.readObject(request, response, callback, maxBody,
                "a Mailgun webhook in JSON");
        if (read.isEmpty()) {
            return;
        }
        JsonNode json = read.get();
        String problem = signatureProblem(json.path("signature"));
        if (problem != null) {
            log.warn("Mailgun webhook refused: {}", problem);
            Responses.error(response, callback, 406, null);
            return;
        }
        JsonNode event = json.path("event-data");
        String type = text(event, "event");
        String id = text(event, "id");
        String recipient = text(event, "recipient");
        if (id.isEmpty() || recipient.isEmpty() || !(type.equals("failed") || type.equals("complained"))) {
            Responses.empty(response, callback, 200); // delivered, opened, ...: nothing for us
            return;
        }
        JsonNode status = event.path("delivery-status");
        String words = (text(status, "code") + " " + text(status, "enhanced-code") + " " + text(status, "message")
                + " " + text(status, "description")).strip();
        ReportKind kind;
        if (type.equals("complained")) {
            kind = ReportKind.COMPLAINT;
        } else if (text(event, "severity").equals("permanent")) {
            kind = StatusCodes.status(words).flatMap(StatusCodes::kindOf).orElse(ReportKind.HARD);
        } else {
            kind = ReportKind.NONE;
        }
        String diagnostic = "Mailgun " + type + (text(event, "severity").isEmpty() ? "" : " (" + text(event,
                "severity") + ")") + (text(event, "reason").isEmpty() ? "" : ", " + text(event, "reason"))
                + (words.isEmpty() ? "" : ": " + words);
        String messageId = text(event.path("message").path("headers"), "message-id");
        try {
            recorder.recordWebhookEvent("mailgun", id, recipient, kind,
                    firstNonEmpty(text(status, "enhanced-code"), StatusCodes.status(words).orElse(null)),
                    diagnostic, messageId.isEmpty() ? null : messageId.startsWith("<") ? messageId : "<" + messageId + ">");
        } catch (RuntimeException e) {
            log.error("Mailgun webhook: event {} not recorded; Mailgun will send it again", id, e);
            Responses.error(response, callback, 503, null);
            return;
        }
        Responses.empty(response, callback, 200);
    }

    /** Null when the signature is ours and fresh; else what is wrong. */
    String signatureProblem(JsonNode signature) {
        String timestamp = text(signature, "timestamp");
        String token = text(signature, "token");
        String given = text(signature, "signature").toLowerCase(Locale.ROOT);
        if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty()) {
            return "no signature";
        }
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            return "the timestamp is not a number";
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            return "the timestamp " + at + " is more than " + TOLERANCE.toMinutes() + " minutes from now";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            expected = mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(given);
        } catch (IllegalArgumentException e) {
            return "the signature is not hex";
        }
        return MessageDigest.isEqual(expected, actual) ? null : "the signature does not verify";
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
