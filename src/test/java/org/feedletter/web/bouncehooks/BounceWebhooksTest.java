package org.feedletter.web.bouncehooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.feedletter.bounce.BouncePolicy;
import org.feedletter.bounce.ReportRecorder;
import org.feedletter.config.WebConfig;
import org.feedletter.store.BounceStore;
import org.feedletter.store.Database;
import org.feedletter.store.SubscriberStore;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.TestDatabases;
import org.feedletter.web.Router;
import org.feedletter.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhooks on a running web server, sent real HTTP requests with real signatures: SNS messages signed with a
 * certificate of the test's own (given to the webhook as if fetched from AWS, whose host rule still holds), and
 * Mailgun events signed with the webhook signing key.
 */
class BounceWebhooksTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-bounces";
    private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc123.pem";
    private static final String MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;
    private static PrivateKey signingKey;
    private static X509Certificate certificate;
    private static PrivateKey otherKey;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final List<URI> confirmed = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Database database;
    private BounceStore bounces;
    private SubscriberStore subscribers;
    private WebServer server;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyStore store = keyPair("sns");
        signingKey = (PrivateKey) store.getKey("sns", "changeit".toCharArray());
        certificate = (X509Certificate) store.getCertificate("sns");
        otherKey = (PrivateKey) keyPair("other").getKey("other", "changeit".toCharArray());
    }

    /** An RSA key and a self-signed certificate, made by the JDK's keytool. */
    private static KeyStore keyPair(String alias) throws Exception {
        Path file = keys.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=sns.amazonaws.com", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    @BeforeEach
    void start() throws Exception {
        database = TestDatabases.fresh();
        bounces = new BounceStore(database);
        subscribers = new SubscriberStore(database);
        for (String name : List.of("alice", "bob", "carol")) {
            subscribers.seed(name + "@example.net", name + "@example.net", ZoneId.of("UTC"), List.of("news"),
                    clock.instant());
        }
        ReportRecorder recorder = new ReportRecorder(bounces, new BouncePolicy(2, Duration.ofDays(7)),
                Optional.empty(), clock);
        SnsSignature signature = new SnsSignature(url -> {
            assertThat(url.toString()).isEqualTo(CERT_URL); // only what the host rule let through is "fetched"
            return certificate;
        });
        Router router = new Router();
        new SesWebhook(List.of(TOPIC), recorder, 1 << 20, signature, confirmed::add).register(router);
        new MailgunWebhook(MAILGUN_KEY, recorder, 1 << 20, clock).register(router);
        server = new WebServer(new WebConfig("127.0.0.1", 0, URI.create("http://localhost")), router);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // SES through SNS

    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> CONFIRMATION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    /** An SNS message as SNS sends it, signed as AWS documents with {@code key}. */
    private static String sns(ObjectNode message, String version, PrivateKey key) throws Exception {
        message.put("SignatureVersion", version);
        message.put("SigningCertURL", message.has("SigningCertURL") ? message.get("SigningCertURL").asText() : CERT_URL);
        StringBuilder signed = new StringBuilder();
        for (String field : message.get("Type").asText().equals("Notification") ? NOTIFICATION : CONFIRMATION) {
            if (message.has(field)) {
                signed.append(field).append('\n').append(message.get(field).asText()).append('\n');
            }
        }
        Signature signer = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
        signer.initSign(key);
        signer.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
        return JSON.writeValueAsString(message);
    }

    private static ObjectNode notification(String id, String sesEvent) {
        ObjectNode message = JSON.createObjectNode();
        message.put("Type", "Notification");
        message.put("MessageId", id);
        message.put("TopicArn", TOPIC);
        message.put("Message", sesEvent);
        message.put("Timestamp", "2026-11-26T09:59:58.123Z");
        message.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x");
        return message;
    }

    private static String sesBounce(String type, String recipient, String status, String diagnostic) {
        return """
                {"notificationType":"Bounce","bounce":{"feedbackId":"0102018c-%s","bounceType":"%s",
                "bounceSubType":"General","bouncedRecipients":[{"emailAddress":"%s","action":"failed",
                "status":"%s","diagnosticCode":"%s"}],"timestamp":"2026-11-26T09:59:57.000Z",
                "reportingMTA":"dsn; a27-30.smtp-out.eu-west-1.amazonses.com"},
                "mail":{"timestamp":"2026-11-26T09:59:55.000Z","source":"digest@example.org",
                "messageId":"0102018c-ses-id","destination":["%s"],
                "commonHeaders":{"from":["digest@example.org"],"to":["%s"],"messageId":"<edition-1.subscriber-1@example.org>"}}}
                """.formatted(recipient.hashCode(), type, recipient, status, diagnostic, recipient, recipient);
    }

    @Test
    void aSignedPermanentBounceSuppressesAndARepeatChangesNothing() throws Exception {
        String body = sns(notification("msg-1", sesBounce("Permanent", "alice@example.net", "5.1.1",
                "smtp; 550 5.1.1 user unknown")), "1", signingKey);

        assertThat(post("/webhooks/ses", body).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/ses", body).statusCode()).isEqualTo(200); // SNS delivers at least once

        assertThat(bounces.suppression("alice@example.net")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo("hard");
            assertThat(s.createdBy()).isEqualTo("ses");
            assertThat(s.evidence()).contains("5.1.1").contains("user unknown");
        });
        assertThat(bounces.reportsAbout("alice@example.net", 10)).singleElement()
                .satisfies(r -> assertThat(r.matchedBy()).isEqualTo("address"));
        assertThat(subscribers.findByEmail("alice@example.net").orElseThrow().state().name()).isEqualTo("BOUNCED");
    }

    @Test
    void aSignedBounceForAnAddressNoSubscriberHasStillKeepsItOut() throws Exception {
        assertThat(post("/webhooks/ses", sns(notification("msg-9", sesBounce("Permanent", "Zed@Example.net", "5.1.1",
                "smtp; 550 5.1.1 user unknown")), "2", signingKey)).statusCode()).isEqualTo(200);

        assertThat(bounces.suppression("zed@example.net")).isPresent();
        assertThat(new org.feedletter.store.SubscriberChangeStore(database).add(new org.feedletter.store
                .SubscriberChangeStore.SignUp("zed@example.net", "zed@example.net", ZoneId.of("UTC"),
                org.feedletter.store.StoredSubscriber.Frequency.EDITION, List.of("news")), "import", false,
                clock.instant())).isEqualTo(org.feedletter.store.SubscriberChangeStore.AddOutcome.REFUSED_SUPPRESSED);
    }

    @Test
    void signatureVersion2AndAComplaint() throws Exception {
        String complaint = """
                {"notificationType":"Complaint","complaint":{"feedbackId":"0102018c-complaint-1",
                "complainedRecipients":[{"emailAddress":"bob@example.net"}],"complaintFeedbackType":"abuse",
                "userAgent":"Yahoo!-Mail-Feedback/2.0","timestamp":"2026-11-26T09:59:57.000Z"},
                "mail":{"messageId":"0102018c-ses-id","commonHeaders":{"messageId":"<edition-1.subscriber-2@example.org>"}}}
                """;

        assertThat(post("/webhooks/ses", sns(notification("msg-2", complaint), "2", signingKey)).statusCode())
                .isEqualTo(200);

        assertThat(bounces.suppression("bob@example.net")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo("complaint");
            assertThat(s.evidence()).contains("Feedback-Type: abuse");
        });
    }

    @Test
    void forgedTamperedOrForeignMessagesAreRefused() throws Exception {
        String event = sesBounce("Permanent", "carol@example.net", "5.1.1", "smtp; 550 5.1.1 user unknown");
        // Signed with another key.
        assertThat(post("/webhooks/ses", sns(notification("f-1", event), "1", otherKey)).statusCode()).isEqualTo(403);
        // Signed, then changed.
        String tampered = sns(notification("f-2", event), "2", signingKey).replace("carol@example.net",
                "alice@example.net");
        assertThat(post("/webhooks/ses", tampered).statusCode()).isEqualTo(403);
        // A certificate from anywhere but an SNS host over HTTPS is never fetched.
        ObjectNode elsewhere = notification("f-3", event);
        elsewhere.put("SigningCertURL", "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem");
        assertThat(post("/webhooks/ses", sns(elsewhere, "1", signingKey)).statusCode()).isEqualTo(403);
        ObjectNode plain = notification("f-4", event);
        plain.put("SigningCertURL", "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc123.pem");
        assertThat(post("/webhooks/ses", sns(plain, "1", signingKey)).statusCode()).isEqualTo(403);
        // A topic the config does not name.
        ObjectNode foreign = notification("f-5", event);
        foreign.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:someone-else");
        assertThat(post("/webhooks/ses", sns(foreign, "1", signingKey)).statusCode()).isEqualTo(403);
        // Not JSON.
        assertThat(post("/webhooks/ses", "Type=Notification").statusCode()).isEqualTo(400);

        assertThat(bounces.recentReports(10)).isEmpty();
        assertThat(bounces.suppression("carol@example.net")).isEmpty();
    }

    @Test
    void aSubscriptionIsConfirmedOnlyAtAnSnsHost() throws Exception {
        ObjectNode confirmation = JSON.createObjectNode();
        confirmation.put("Type", "SubscriptionConfirmation");
        confirmation.put("MessageId", "c-1");
        confirmation.put("Token", "2336412f37fb687f5d51e6e2425dacbba");
        confirmation.put("TopicArn", TOPIC);
        confirmation.put("Message", "You have chosen to subscribe to the topic " + TOPIC);
        confirmation.put("SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + TOPIC + "&Token=2336412f37fb687f5d51e6e2425dacbba");
        confirmation.put("Timestamp", "2026-11-26T09:59:58.123Z");

        assertThat(post("/webhooks/ses", sns(confirmation.deepCopy(), "1", signingKey)).statusCode()).isEqualTo(200);
        assertThat(confirmed).singleElement().satisfies(u -> assertThat(u.getHost())
                .isEqualTo("sns.eu-west-1.amazonaws.com"));

        confirmation.put("MessageId", "c-2");
        confirmation.put("SubscribeURL", "https://attacker.example/?Action=ConfirmSubscription");
        assertThat(post("/webhooks/ses", sns(confirmation, "1", signingKey)).statusCode()).isEqualTo(400);
        assertThat(confirmed).hasSize(1);
    }

    @Test
    void aTransientBounceCountsAndSuppressesAtTheSoftLimit() throws Exception {
        for (int i = 1; i <= 2; i++) {
            assertThat(post("/webhooks/ses", sns(notification("t-" + i, sesBounce("Transient", "carol@example.net",
                    "4.2.2", "smtp; 452 4.2.2 mailbox full").replace("0102018c-", "0102018c-" + i + "-")), "2",
                    signingKey)).statusCode()).isEqualTo(200);
            if (i == 1) {
                assertThat(bounces.suppression("carol@example.net")).isEmpty();
            }
            clock.advance(Duration.ofDays(1));
        }
        assertThat(bounces.suppression("carol@example.net")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo("soft");
            assertThat(s.evidence()).startsWith("2 soft bounces within 7 days");
        });
    }

    // Mailgun

    private static String mailgun(String key, long timestamp, String token, String eventData) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        return """
                {"signature":{"timestamp":"%d","token":"%s","signature":"%s"},"event-data":%s}
                """.formatted(timestamp, token, signature, eventData);
    }

    private static String failed(String id, String recipient, String severity, int code, String message) {
        return """
                {"event":"failed","id":"%s","timestamp":1764151200.123,"severity":"%s","reason":"bounce",
                "recipient":"%s","log-level":"error","message":{"headers":{"to":"%s",
                "message-id":"edition-1.subscriber-9@example.org","from":"digest@example.org"}},
                "delivery-status":{"code":%d,"message":"%s","description":"","attempt-no":1}}
                """.formatted(id, severity, recipient, recipient, code, message);
    }

    @Test
    void aSignedMailgunFailureSuppressesATemporaryOneOnlyRecords() throws Exception {
        long now = clock.instant().getEpochSecond();
        assertThat(post("/webhooks/mailgun", mailgun(MAILGUN_KEY, now, "tok-1", failed("ev-1", "bob@example.net",
                "temporary", 452, "4.2.2 Mailbox full"))).statusCode()).isEqualTo(200);
        assertThat(bounces.suppression("bob@example.net")).isEmpty();

        String permanent = mailgun(MAILGUN_KEY, now, "tok-2", failed("ev-2", "bob@example.net", "permanent", 550,
                "5.1.1 The email account that you tried to reach does not exist"));
        assertThat(post("/webhooks/mailgun", permanent).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/mailgun", permanent).statusCode()).isEqualTo(200);

        assertThat(bounces.suppression("bob@example.net")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo("hard");
            assertThat(s.createdBy()).isEqualTo("mailgun");
            assertThat(s.evidence()).contains("does not exist");
        });
        assertThat(bounces.reportsAbout("bob@example.net", 10)).hasSize(2);
    }

    @Test
    void mailgunRequestsWithAWrongKeyOrAStaleTimestampAreRefused() throws Exception {
        long now = clock.instant().getEpochSecond();
        String event = failed("ev-3", "alice@example.net", "permanent", 550, "5.1.1 no such user");

        assertThat(post("/webhooks/mailgun", mailgun("key-someone-elses", now, "tok-3", event)).statusCode())
                .isEqualTo(406);
        assertThat(post("/webhooks/mailgun", mailgun(MAILGUN_KEY, now - 3600, "tok-4", event)).statusCode())
                .isEqualTo(406);
        assertThat(post("/webhooks/mailgun", "{\"event-data\":" + event + "}").statusCode()).isEqualTo(406);

        assertThat(bounces.recentReports(10)).isEmpty();
    }

    @Test
    void aMailgunComplaint() throws Exception {
        String complained = """
                {"event":"complained","id":"ev-5","timestamp":1764151200.5,"recipient":"carol@example.net",
                "message":{"headers":{"message-id":"edition-1.subscriber-3@example.org"}}}
                """;

        assertThat(post("/webhooks/mailgun", mailgun(MAILGUN_KEY, clock.instant().getEpochSecond(), "tok-5",
                complained)).statusCode()).isEqualTo(200);

        assertThat(bounces.suppression("carol@example.net")).hasValueSatisfying(s ->
                assertThat(s.reason()).isEqualTo("complaint"));
    }
}
