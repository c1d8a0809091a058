package org.feedletter.web.bouncehooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * {@code POST /webhooks/ses}: Amazon SES bounce and complaint notifications through an SNS topic subscribed over
 * HTTPS. Every message's SNS signature is verified ({@link SnsSignature}) and its topic must be one the config names;
 * a subscription confirmation is then confirmed by fetching its SubscribeURL, which must be HTTPS on an SNS host. A
 * notification's bounced or complained recipients are recorded, one report each, under the SES feedback id: SNS
 * delivers at least once, and a repeat changes nothing. Answers: 200 taken, 403 not signed by AWS or not our topic,
 * 400 unreadable, 413 too large, 503 could not be recorded (SNS tries again).
 */
public final class SesWebhook {

    private static final Logger log = LoggerFactory.getLogger(SesWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Confirms a subscription by fetching its SubscribeURL. */
    @FunctionalInterface
    interface Confirmations {
        void confirm(URI subscribeUrl) throws IOException;
    }

    private final List<String> topics;
    private final ReportRecorder recorder;
    private final long maxBody;
    private final SnsSignature signature;
    private final Confirmations confirmations;

    public SesWebhook(List<String> topics, ReportRecorder recorder, long maxBody) {
        this(topics, recorder, maxBody, SnsSignature.fromAws(), SesWebhook::fetch);
    }

    /** For tests, which sign with their own certificate and see the confirmation instead of AWS. */
    SesWebhook(List<String> topics, ReportRecorder recorder, long maxBody, SnsSignature signature,
            Confirmations confirmations) {
        this.topics = List.copyOf(topics);
        this.recorder = recorder;
        this.maxBody = maxBody;
        this.signature = signature;
        this.confirmations = confirmations;
    }

    public void register(Router router) {
        router.post("/webhooks/ses", (request, response, callback, path) -> receive(request, response, callback));
    }

    private void receive(Request request, Response response, Callback callback) throws IOException {
        Optional<JsonNode> read = HookBodies.readObject(request, response, callback, maxBody,
                "an SNS message in JSON");
        if (read.isEmpty()) {
            return;
        }
        JsonNode message = read.get();
        Optional<String> forged = signature.problem(message);
        if (forged.isPresent()) {
            log.warn("SES webhook: message {} refused: {}", text(message, "MessageId"), forged.get());
            Responses.error(response, callback, 403, null);
            return;
        }
        String topic = text(message, "TopicArn");
        if (!topics.contains(topic)) {
            log.warn("SES webhook: message {} from topic {}, which bounces.ses-topics does not name: refused",
                    text(message, "MessageId"), topic);
            Responses.error(response, callback, 403, null);
            return;
        }
        switch (text(message, "Type")) {
            case "SubscriptionConfirmation" -> confirm(message, response, callback);
            case "Notification" -> notification(message, response, callback);
            default -> Responses.empty(response, callback, 200); // UnsubscribeConfirmation: nothing to do
        }
    }

    private void confirm(JsonNode message, Response response, Callback callback) {
        URI url;
        try {
            url = URI.create(text(message, "SubscribeURL"));
        } catch (IllegalArgumentException e) {
            Responses.error(response, callback, 400, "SubscribeURL is not a URL");
            return;
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null
                || !SnsSignature.SNS_HOST.matcher(url.getHost()).matches()) {
            log.warn("SES webhook: subscription to {} not confirmed: SubscribeURL {} is not on an SNS host",
                    text(message, "TopicArn"), url.getHost());
            Responses.error(response, callback, 400, "SubscribeURL is not on sns.<region>.amazonaws.com");
            return;
        }
        try {
            confirmations.confirm(url);
            log.info("SES webhook: subscription to {} confirmed", text(message, "TopicArn"));
            Responses.empty(response, callback, 200);
        } catch (IOException e) {
            log.warn("SES webhook: confirming the subscription to {} failed: {}", text(message, "TopicArn"),
                    e.getMessage());
            Responses.error(response, callback, 503, null);
        }
    }

    private void notification(JsonNode sns, Response response, Callback callback) {
        JsonNode event;
        try {
            event = JSON.readTree(text(sns, "Message"));
        } catch (IOException e) {
            Responses.error(response, callback, 400, "the SNS Message is not an SES notification");
            return;
        }
        List<Event> events = events(event, text(sns, "MessageId"));
        try {
            for (Event e : events) {
                recorder.recordWebhookEvent("ses", e.id(), e.email(), e.kind(), e.status(), e.diagnostic(),
                        e.messageId());
            }
        } catch (RuntimeException e) {
            log.error("SES webhook: notification {} not recorded; SNS will send it again", text(sns, "MessageId"), e);
            Responses.error(response, callback, 503, null);
            return;
        }
        Responses.empty(response, callback, 200);
    }

    /** One recipient of a notification. */
    record Event(String id, String email, ReportKind kind, String status, String diagnostic, String messageId) {}

    /** The recipients an SES notification (or event publishing's event) reports on; none for other types. */
    static List<Event> events(JsonNode event, String snsMessageId) {
        String type = text(event, "notificationType");
        if (type.isEmpty()) {
            type = text(event, "eventType");
        }
        String messageId = ourMessageId(event.path("mail"));
        List<Event> events = new ArrayList<>();
        if (type.equals("Bounce")) {
            JsonNode bounce = event.path("bounce");
            String bounceType = text(bounce, "bounceType");
            ReportKind kind = bounceType.equals("Permanent") ? ReportKind.HARD : ReportKind.SOFT;
            String id = firstNonEmpty(text(bounce, "feedbackId"), snsMessageId);
            for (JsonNode r : bounce.path("bouncedRecipients")) {
                String diagnostic = firstNonEmpty(text(r, "diagnosticCode"), bounceType + "/"
                        + text(bounce, "bounceSubType"));
                String status = firstNonEmpty(text(r, "status"), StatusCodes.status(diagnostic).orElse(null));
                events.add(new Event(id + ":" + text(r, "emailAddress").toLowerCase(Locale.ROOT),
                        text(r, "emailAddress"), kind, status, "SES " + bounceType + "/" + text(bounce,
                        "bounceSubType") + ": " + diagnostic, messageId));
            }
        } else if (type.equals("Complaint")) {
            JsonNode complaint = event.path("complaint");
            String feedbackType = firstNonEmpty(text(complaint, "complaintFeedbackType"), "abuse");
            ReportKind kind = feedbackType.equals("not-spam") ? ReportKind.NONE : ReportKind.COMPLAINT;
            String id = firstNonEmpty(text(complaint, "feedbackId"), snsMessageId);
            for (JsonNode r : complaint.path("complainedRecipients")) {
                events.add(new Event(id + ":" + text(r, "emailAddress").toLowerCase(Locale.ROOT),
                        text(r, "emailAddress"), kind, null, "SES complaint, Feedback-Type: " + feedbackType
                        + (text(complaint, "userAgent").isEmpty() ? "" : " from " + text(complaint, "userAgent")),
                        messageId));
            }
        }
        return events;
    }

    /** Our Message-ID, as SES returns the original headers (SES's own messageId is another). */
    private static String ourMessageId(JsonNode mail) {
        String common = text(mail.path("commonHeaders"), "messageId");
        if (!common.isEmpty()) {
            return common;
        }
        for (JsonNode header : mail.path("headers")) {
            if (text(header, "name").equalsIgnoreCase("Message-ID")) {
                return text(header, "value");
            }
        }
        return null;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** Confirms at AWS: a GET of the SubscribeURL, which the caller checked is HTTPS on an SNS host. */
    private static void fetch(URI url) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IOException("HTTP " + answer.statusCode() + " from " + url.getHost());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
