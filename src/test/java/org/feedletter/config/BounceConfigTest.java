package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounces section: defaults, and each mistake at its line. */
class BounceConfigTest {

    private static final String MAIL = "mail: { host: smtp.example.org, from: digest@example.org }\n";
    private static final String WEB = "web: { port: 8080, secret: \"${FEEDLETTER_SECRET}\" }\n";
    private static final Map<String, String> ENVIRONMENT = Map.of("FEEDLETTER_SECRET",
            "0123456789abcdef0123456789abcdef", "VERP", "fedcba9876543210fedcba9876543210", "PW", "mailbox-pw",
            "MG", "key-mailgun");

    @TempDir
    Path dir;

    private FeedletterConfig load(String yaml) throws IOException, ConfigException {
        return new ConfigLoader(ENVIRONMENT, dir).load(Files.writeString(dir.resolve("feedletter.yaml"), yaml));
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT, dir).load(file));
        assertThat(e).as("loading should fail").isNotNull();
        return e.problems();
    }

    @Test
    void withoutTheSectionThereIsNoBounceHandling() throws Exception {
        assertThat(load(MAIL).bounces()).isEmpty();
    }

    @Test
    void verpWithTheWebSecretAndAnImapsMailboxByDefault() throws Exception {
        BounceConfig bounces = load(MAIL + WEB + """
                bounces:
                  address: bounces@example.org
                  mailbox: { host: imap.example.org, username: bounces, password: "${PW}" }
                """).bounces().orElseThrow();

        assertThat(bounces.envelope()).isEqualTo(BounceConfig.Envelope.VERP);
        assertThat(bounces.secret()).isEqualTo(ENVIRONMENT.get("FEEDLETTER_SECRET"));
        assertThat(bounces.softLimit()).isEqualTo(3);
        assertThat(bounces.softWindow()).isEqualTo(Duration.ofDays(14));
        assertThat(bounces.complaintWarning()).isEqualTo(0.001);
        BounceConfig.Mailbox mailbox = bounces.mailbox().orElseThrow();
        assertThat(mailbox.protocol()).isEqualTo(BounceConfig.Protocol.IMAP);
        assertThat(mailbox.security()).isEqualTo(MailConfig.Security.SSL);
        assertThat(mailbox.port()).isEqualTo(993);
        assertThat(mailbox.password()).isEqualTo("mailbox-pw");
        assertThat(mailbox.toString()).doesNotContain("mailbox-pw");
        assertThat(bounces.toString()).doesNotContain(ENVIRONMENT.get("FEEDLETTER_SECRET"));
    }

    @Test
    void messageIdModeNeedsNoAddressNorSecret() throws Exception {
        BounceConfig bounces = load(MAIL + "bounces: { envelope: message-id, mailbox: { protocol: pop3, host: "
                + "pop.example.org, username: b, password: \"${PW}\" } }\n").bounces().orElseThrow();

        assertThat(bounces.envelope()).isEqualTo(BounceConfig.Envelope.MESSAGE_ID);
        assertThat(bounces.mailbox().orElseThrow().port()).isEqualTo(995);
    }

    @Test
    void eachMistakeIsReportedAtItsLine() throws IOException {
        List<ConfigProblem> problems = problems(MAIL + """
                bounces:
                  envelope: verp
                  address: bounces+x@example.org
                  soft-bounce-window: soon
                  ses-topics: [not-an-arn]
                  mailgun-signing-key: "${MG}"
                  mailbox:
                    host: imap.example.org
                    security: none
                    username: bounces
                    password: "${PW}"
                """);

        assertThat(problems).extracting(ConfigProblem::line).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 10);
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("address without '+'"))
                .anySatisfy(p -> assertThat(p.message()).contains("envelope: verp signs each bounce address")
                        .contains("${FEEDLETTER_VERP_SECRET}"))
                .anySatisfy(p -> assertThat(p.message()).contains("soft-bounce-window"))
                .anySatisfy(p -> assertThat(p.message()).contains("SNS topic ARN").contains("not-an-arn"))
                .anySatisfy(p -> assertThat(p.message()).contains("webhooks are served by the web server"))
                .anySatisfy(p -> assertThat(p.message()).contains("bounces, mailbox: security: none would send"));
    }

    @Test
    void aVerpAddressIsRequiredAndASecretWrittenInTheFileRefused() throws IOException {
        List<ConfigProblem> problems = problems(MAIL + WEB + "bounces:\n  secret: abcdefabcdefabcdefabcdefabcdefabcdef\n");

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4); // the section's first line
            assertThat(p.message()).contains("bounces: missing required key 'address'");
        }).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("must not be written in the file");
        });
    }
}
