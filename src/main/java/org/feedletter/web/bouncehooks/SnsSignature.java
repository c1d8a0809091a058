package org.feedletter.web.bouncehooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies an Amazon SNS message as AWS documents it: the fields of its type in their order, each "name\nvalue\n",
 * signed with SHA1withRSA (SignatureVersion 1) or SHA256withRSA (2) by the key of the certificate at
 * {@code SigningCertURL}, which must be HTTPS on {@code sns.<region>.amazonaws.com}. Certificates are fetched once
 * per URL and kept.
 */
final class SnsSignature {

    /** The hosts AWS signs SNS messages from (and sends subscription confirmations from). */
    static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS = List.of("Message", "MessageId", "SubscribeURL",
            "Timestamp", "Token", "TopicArn", "Type");

    /** Where a certificate comes from: the URL in production; a test's own certificate in tests. */
    @FunctionalInterface
    interface Certificates {
        X509Certificate at(URI url) throws IOException, GeneralSecurityException;
    }

    private final Certificates certificates;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    SnsSignature(Certificates certificates) {
        this.certificates = certificates;
    }

    /** Fetches certificates over HTTPS, only from an SNS host. */
    static SnsSignature fromAws() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new SnsSignature(url -> {
            HttpResponse<InputStream> response;
            try {
                response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            }
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " for " + url);
                }
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(in.readNBytes(64 * 1024)));
            }
        });
    }

    /** Whether a certificate URL is one AWS would sign with: https, an SNS host, a .pem file. */
    static boolean isAwsCertificateUrl(URI url) {
        return "https".equals(url.getScheme()) && url.getHost() != null && SNS_HOST.matcher(url.getHost()).matches()
                && url.getPort() == -1 && url.getPath() != null && url.getPath().endsWith(".pem")
                && url.getUserInfo() == null;
    }

    /** Empty when the message's signature verifies; else what is wrong, for the log. */
    Optional<String> problem(JsonNode message) {
        String type = text(message, "Type");
        List<String> fields = switch (type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION_FIELDS;
            default -> null;
        };
        if (fields == null) {
            return Optional.of("unknown SNS message type '" + type + "'");
        }
        String algorithm = switch (text(message, "SignatureVersion")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.of("unknown SignatureVersion '" + text(message, "SignatureVersion") + "'");
        }
        URI certificateUrl;
        try {
            certificateUrl = URI.create(text(message, "SigningCertURL"));
        } catch (IllegalArgumentException e) {
            return Optional.of("SigningCertURL is not a URL");
        }
        if (!isAwsCertificateUrl(certificateUrl)) {
            return Optional.of("SigningCertURL " + certificateUrl + " is not an https .pem on sns.<region>.amazonaws.com");
        }
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            if (message.hasNonNull(field)) {
                signed.append(field).append('\n').append(message.get(field).asText()).append('\n');
            } else if (!field.equals("Subject")) {
                return Optional.of("the message has no " + field);
            }
        }
        try {
            X509Certificate certificate = cache.get(certificateUrl);
            if (certificate == null) {
                certificate = certificates.at(certificateUrl);
                certificate.checkValidity();
                cache.put(certificateUrl, certificate);
            }
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            byte[] signature = Base64.getDecoder().decode(text(message, "Signature"));
            return verifier.verify(signature) ? Optional.empty() : Optional.of("the signature does not verify");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
