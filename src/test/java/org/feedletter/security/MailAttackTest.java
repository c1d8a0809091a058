package org.feedletter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.feedletter.Feedletter;
import org.feedletter.manage.RunReport;
import org.feedletter.StartupException;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.DatabaseConfig;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.config.MailConfig;
import org.feedletter.testing.FeedletterProcess;
import org.feedletter.testing.MutableClock;
import org.feedletter.testing.ScriptedSmtpServer;
import org.feedletter.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the mail side, through real runs: feed titles that hold RFC 2047 encoded words or line breaks, read
 * back from GreenMail as a mail program reads them; a config that would send the SMTP password in the clear to
 * another machine, refused by a real process at start-up; a server that hides STARTTLS, never sent the login.
 */
class MailAttackTest {

    /** Titles a feed could carry: what each should look like in the reader's mail program. */
    private static final Map<String, String> HOSTILE_TITLES = Map.of(
            "b-word", "Rates =?UTF-8?B?SGFja2VkOiBjbGljayBoZXJl?= rise",
            "q-word", "=?utf-8?q?Your_account_is_locked?=",
            "mixed", "Snabbkommentar: =?ISO-8859-1?Q?f=F6rfalskad?= – räntan");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");

    /** An RSS file with one item of this title, XML-escaped as a feed would carry it. */
    private Path feed(String name, String title) throws Exception {
        String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;").replace("\n", "&#10;");
        return Files.writeString(dir.resolve(name + ".rss"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>%s</title><link>https://example.org/</link>
                <item><title>%s</title><link>https://example.org/%s</link><guid>urn:%s</guid>
                  <pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate><description>Text.</description></item>
                </channel></rss>
                """.formatted(name, escaped, name, name));
    }

    /** One newsletter per feed, so that each digest's subject is "News: " and that feed's one title. */
    private FeedletterConfig config(Map<String, String> titles, String mail, Map<String, String> environment)
            throws Exception {
        StringBuilder feeds = new StringBuilder();
        StringBuilder newsletters = new StringBuilder();
        for (Map.Entry<String, String> title : new TreeMap<>(titles).entrySet()) {
            feeds.append("  - { url: \"%s\", name: %s }\n".formatted(feed(title.getKey(), title.getValue()).toUri(),
                    title.getKey()));
            newsletters.append("  - { id: %s, title: News, include: { feeds: [%s] }, schedule: \"0 0 8 * * ?\" }\n"
                    .formatted(title.getKey(), title.getKey()));
        }
        DatabaseConfig database = TestDatabases.h2Config();
        Path file = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "%s" }
                %s
                feeds:
                %snewsletters:
                %ssubscribers:
                  - { email: reader@example.org, newsletters: [%s] }
                """.formatted(database.url(), mail, feeds, newsletters, String.join(", ", new TreeMap<>(titles).keySet())));
        return new ConfigLoader(environment, dir).load(file);
    }

    private String greenMailSection() {
        return "mail: { transport: smtp, host: 127.0.0.1, port: %d, security: none, from: \"News <news@example.org>\" }"
                .formatted(greenMail.getSmtp().getPort());
    }

    /** The Subject as a mail program shows it: the raw header unfolded, then every encoded word decoded. */
    private static String shownSubject(MimeMessage received) throws Exception {
        return MimeUtility.decodeText(MimeUtility.unfold(received.getHeader("Subject", null)));
    }

    @Test
    void anEncodedWordInAFeedTitleReachesTheReaderAsTheCharactersOfTheTitle() throws Exception {
        try (Feedletter feedletter = Feedletter.open(config(HOSTILE_TITLES, greenMailSection(), Map.of()), clock,
                "attack-node")) {
            RunReport report = feedletter.cycle().runOnce(true);
            assertThat(report.delivery().sent()).isEqualTo(HOSTILE_TITLES.size());
        }

        List<String> shown = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (MimeMessage received : greenMail.getReceivedMessages()) {
            shown.add(shownSubject(received));
            raw.add(received.getHeader("Subject", null));
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(
                HOSTILE_TITLES.values().stream().map(title -> "News: " + title).toList());
        assertThat(raw).as("encoded by feedletter, in ASCII").allMatch(subject -> subject.startsWith("=?UTF-8?B?")
                && subject.matches("\\p{ASCII}*"));
    }

    @Test
    void aLineBreakInAFeedTitleStartsNoHeaderAndAddsNoRecipient() throws Exception {
        Map<String, String> titles = Map.of("crlf", "Breaking\r\nBcc: victim@example.net\r\nX-Injected: yes",
                "crlf-word", "Update\r\nBcc: =?UTF-8?B?dmljdGltQGV4YW1wbGUubmV0?=");
        try (Feedletter feedletter = Feedletter.open(config(titles, greenMailSection(), Map.of()), clock, "attack-node")) {
            feedletter.cycle().runOnce(true);
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getHeader("X-Injected")).isNull();
            assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.org");
            assertThat(shownSubject(message)).doesNotContain("\r", "\n").contains("Bcc: ");
        }
        assertThat(greenMail.getReceivedMessagesForDomain("example.net")).isEmpty();
    }

    @Test
    void aRealProcessRefusesToStartWhenItWouldSendTheSmtpPasswordInTheClearToAnotherMachine() throws Exception {
        Path config = Files.writeString(dir.resolve("plain-login.yaml"), """
                database: { url: "jdbc:h2:file:%s" }
                mail:
                  transport: smtp
                  host: smtp.example.org
                  security: none
                  username: digest@example.org
                  password: "${FEEDLETTER_TEST_UNSET_PASSWORD:-}"
                  from: digest@example.org
                """.formatted(dir.resolve("data/feedletter")));

        try (FeedletterProcess run = FeedletterProcess.start(dir.resolve("run.log"), List.of("-Xmx128m"), "run",
                "--config", config.toString())) {
            assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process().exitValue()).as(run.lastLines(20)).isEqualTo(2);
            assertThat(Files.readString(run.output())).contains(config + ":5: mail: security: none would send username "
                    + "and password unencrypted to smtp.example.org", "allow-login-without-tls: true");
        }
        assertThat(dir.resolve("data")).as("nothing was started, not even the database").doesNotExist();
    }

    @Test
    void aConfigBuiltInCodeIsHeldToTheSameRuleAtStartUp() {
        FeedletterConfig loaded;
        try {
            loaded = config(Map.of("b-word", "x"), greenMailSection(), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        MailConfig inClear = new MailConfig(MailConfig.Transport.SMTP, "smtp.example.org", 25, MailConfig.Security.NONE,
                "digest@example.org", "s3cret", "digest@example.org", dir.resolve("outbox"));
        FeedletterConfig config = withMail(loaded, inClear);

        StartupException refused = catchThrowableOfType(StartupException.class,
                () -> Feedletter.open(config, clock, "attack-node"));

        assertThat(refused).hasMessageContaining("mail: security: none would send username and password unencrypted")
                .hasMessageNotContaining("s3cret");
    }

    /** The config with another mail section, whatever other sections the record has. */
    private static FeedletterConfig withMail(FeedletterConfig config, MailConfig mail) {
        try {
            RecordComponent[] components = FeedletterConfig.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getType() == MailConfig.class ? mail : components[i].getAccessor().invoke(config);
            }
            return FeedletterConfig.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServerThatHidesStartTlsNeverGetsTheLoginInARealRun() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.onFreePort()
                .withLoginInTheClear("digest@example.org", "s3cret").start()) {
            String mail = """
                    mail: { transport: smtp, host: 127.0.0.1, port: %d, security: starttls, username: digest@example.org,
                            password: "${SMTP_PASSWORD}", from: "News <news@example.org>" }""".formatted(server.port());
            try (Feedletter feedletter = Feedletter.open(config(Map.of("b-word", "Rates"), mail,
                    Map.of("SMTP_PASSWORD", "s3cret")), clock, "attack-node")) {
                RunReport report = feedletter.cycle().runOnce(true);

                assertThat(report.delivery().pausedBecause()).contains("STARTTLS");
            }
            assertThat(server.connections()).isPositive();
            assertThat(server.authCommands()).as("AUTH commands, which carry the password").isZero();
            assertThat(server.received()).isEmpty();
        }
    }
}
