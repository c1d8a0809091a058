package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.feedletter.store.BounceStore.Recorded;
import org.feedletter.subscribe.LinkTokens;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * A complaint whose original lost its envelope sender (feedback loops redact it) is tied to its subscriber by the
 * signed one-click unsubscribe link in the original's List-Unsubscribe header; a link that does not verify ties it to
 * nobody.
 */
class UnsubscribeLinkMatchTest {

    private static final String WEB_SECRET = "the-web-secret-0123456789abcdef0123";

    private static byte[] arf(String listUnsubscribe) {
        return """
                From: Example ISP Feedback Loop <fbl@example-isp.net>\r
                To: fbl@example.org\r
                Subject: Complaint\r
                Message-ID: <fbl-%d@example-isp.net>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=feedback-report; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                An abuse report. The recipient's address has been redacted.\r
                --b\r
                Content-Type: message/feedback-report\r
                \r
                Feedback-Type: abuse\r
                User-Agent: ExampleISP-FBL/1.0\r
                Version: 1\r
                --b\r
                Content-Type: text/rfc822-headers\r
                \r
                From: Quick Comments <digest@example.org>\r
                To: redacted@example-isp.net\r
                Subject: Quick Comment digest\r
                List-Unsubscribe: <%s>,\r
                 <mailto:digest@example.org?subject=unsubscribe>\r
                --b--\r
                """.formatted(listUnsubscribe.hashCode(), listUnsubscribe).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theSignedLinkTiesAComplaintToItsSubscriberAForgedOneToNobody() {
        try (BounceFixture fixture = new BounceFixture(TestDatabases.fresh(), "alice", "bob")) {
            LinkTokens tokens = new LinkTokens(WEB_SECRET);
            ReportRecorder recorder = new ReportRecorder(fixture.bounces, fixture.policy, Optional.of(fixture.verp),
                    new SignedUnsubscribeLinks(tokens, fixture.clock), fixture.clock);
            long bob = fixture.subscribers.findByEmail("bob@example.net").orElseThrow().id();
            String token = tokens.sign(new LinkTokens.Claims(LinkTokens.Purpose.UNSUBSCRIBE, bob, 0, "quick-comment",
                    null));
            String link = "https://news.example.org/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);

            Recorded recorded = recorder.recordMailboxReport("<fbl-1@example-isp.net>",
                    fixture.parser.parse(arf(link)));

            assertThat(recorded.suppressedNow()).isTrue();
            assertThat(recorded.report().matchedBy()).isEqualTo("list-unsubscribe");
            assertThat(recorded.report().newsletterId()).isEqualTo("quick-comment");
            assertThat(fixture.bounces.suppression("bob@example.net")).hasValueSatisfying(s ->
                    assertThat(s.reason()).isEqualTo("complaint"));

            long alice = fixture.subscribers.findByEmail("alice@example.net").orElseThrow().id();
            String forged = new LinkTokens("another-secret-0123456789abcdef01234").sign(new LinkTokens.Claims(
                    LinkTokens.Purpose.UNSUBSCRIBE, alice, 0, "quick-comment", null));
            Recorded refused = recorder.recordMailboxReport("<fbl-2@example-isp.net>", fixture.parser.parse(arf(
                    "https://news.example.org/unsubscribe?token=" + URLEncoder.encode(forged, StandardCharsets.UTF_8))));

            assertThat(refused.suppressedNow()).isFalse();
            assertThat(refused.report().matchedBy()).isEqualTo("none");
            assertThat(fixture.bounces.suppression("alice@example.net")).isEmpty();
        }
    }
}
