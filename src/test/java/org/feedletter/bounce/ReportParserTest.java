package org.feedletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.feedletter.bounce.ParsedReport.Recipient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The corpus in src/test/resources/bounces, as mail systems write them, read into reports. */
class ReportParserTest {

    private final ReportParser parser = new ReportParser(Set.of("example.org"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # sample,                 format,          kind,      recipient,              status,  original Message-ID
            postfix-user-unknown,     RFC 3464,        HARD,      alice@example.net,      5.1.1,   <edition-7.subscriber-3@example.org>
            postfix-mailbox-full,     RFC 3464,        SOFT,      bob@example.com,        5.2.2,   <edition-8.subscriber-5@example.org>
            postfix-delayed,          RFC 3464,        NONE,      carol@example.net,      4.4.1,   <edition-9.subscriber-6@example.org>
            arf-abuse-yahoo,          RFC 5965 ARF,    COMPLAINT, dave@yahoo.example,     -,       <edition-10.subscriber-12@example.org>
            qmail,                    qmail,           HARD,      erin@example.com,       5.1.1,   <edition-11.subscriber-14@example.org>
            exim,                     Exim,            HARD,      frank@example.net,      5.1.1,   <edition-11.subscriber-15@example.org>
            exchange-2003-ndr,        Exchange,        HARD,      grace@corp.example.com, 5.1.1,   <edition-12.subscriber-16@example.org>
            office365-ndr,            RFC 3464,        HARD,      heidi@contoso.example,  5.1.10,  <edition-13.subscriber-17@example.org>
            gmail-dsn-failure,        RFC 3464,        HARD,      ivan@gmail.example,     5.1.1,   <edition-14.subscriber-18@example.org>
            gmail-legacy-text,        Gmail,           HARD,      judy@example.info,      5.1.1,   <edition-14.subscriber-19@example.org>
            sendmail-dsn,             RFC 3464,        HARD,      mallory@example.edu,    5.2.1,   <edition-15.subscriber-21@example.org>
            expired-after-retries,    RFC 3464,        SOFT,      nina@example.net,       4.4.1,   <edition-16.subscriber-22@example.org>
            arf-redacted-headers-only,RFC 5965 ARF,    COMPLAINT, redacted@example-isp.net, -,     <edition-17.subscriber-23@example.org>
            domino-not-listed,        bounce from a mailer daemon, HARD, oscar@example.com, -,     <edition-17.subscriber-24@example.org>
            """)
    void readsEachSample(String sample, String format, ReportKind kind, String recipient, String status,
            String originalMessageId) throws IOException {
        ParsedReport report = parser.parse(sample(sample));

        assertThat(report.format()).isEqualTo(format);
        assertThat(report.kind()).isEqualTo(kind);
        assertThat(report.recipients()).hasSize(1);
        Recipient r = report.recipients().get(0);
        assertThat(r.address()).isEqualToIgnoringCase(recipient);
        assertThat(r.status()).isEqualTo(status);
        assertThat(report.originalMessageId()).isEqualTo(originalMessageId);
        if (kind == ReportKind.HARD || kind == ReportKind.SOFT) {
            assertThat(r.diagnostic()).isNotBlank();
        }
    }

    @Test
    void aDelayWarningIsNoBounce() throws IOException {
        ParsedReport report = parser.parse(sample("exim-delay-warning"));

        assertThat(report.kind()).isEqualTo(ReportKind.NONE);
        assertThat(report.format()).isEqualTo("Exim: a delay warning");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"out-of-office", "vacation-plain"})
    void autoRepliesAreNoReports(String sample) throws IOException {
        ParsedReport report = parser.parse(sample(sample));

        assertThat(report.kind()).isEqualTo(ReportKind.NONE);
        assertThat(report.format()).isEqualTo("auto-reply");
    }

    @Test
    void theDiagnosticOfADsnIsTheRemoteServersWords() throws IOException {
        Recipient r = parser.parse(sample("postfix-user-unknown")).recipients().get(0);

        assertThat(r.diagnostic()).startsWith("550 5.1.1 <alice@example.net>: Recipient address")
                .contains("User unknown in virtual mailbox table");
    }

    @Test
    void theOriginalsListUnsubscribeIsKeptForTyingTheReport() throws IOException {
        assertThat(parser.parse(sample("postfix-user-unknown")).originalListUnsubscribe())
                .isEqualTo("<https://news.example.org/unsubscribe?token=dTEyMw.abc>");
        assertThat(parser.parse(sample("arf-abuse-yahoo")).originalListUnsubscribe())
                .isEqualTo("<https://news.example.org/unsubscribe?token=dTEyMw.def>");
        assertThat(parser.parse(sample("qmail")).originalListUnsubscribe()).isNull();
    }

    @Test
    void theComplaintSaysWhoReportedIt() throws IOException {
        Recipient r = parser.parse(sample("arf-abuse-yahoo")).recipients().get(0);

        assertThat(r.diagnostic()).contains("Feedback-Type: abuse").contains("Yahoo!-Mail-Feedback");
    }

    @Test
    void garbageIsNoReportAndNoFailure() {
        ParsedReport report = parser.parse("\u0000\u0001 not a message at all\r\n\r\n".getBytes());

        assertThat(report.kind()).isEqualTo(ReportKind.NONE);
        ParsedReport broken = parser.parse(("Content-Type: multipart/report; report-type=delivery-status; "
                + "boundary=\"x\"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n").getBytes());
        assertThat(broken.kind()).isEqualTo(ReportKind.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"5.1.1, HARD", "5.2.2, SOFT", "5.7.1, SOFT", "4.2.2, SOFT", "5.0.0, HARD", "5.4.4, HARD",
            "550, HARD", "552, SOFT", "421, SOFT"})
    void statusCodesAreHardOrSoft(String status, ReportKind kind) {
        assertThat(StatusCodes.kindOf(status)).contains(kind);
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = ReportParserTest.class.getResourceAsStream("/bounces/" + name + ".eml")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
