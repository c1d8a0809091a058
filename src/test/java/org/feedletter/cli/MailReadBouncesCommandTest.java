package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feedletter mail read-bounces}: the bounce mailbox read once, from the command line. */
class MailReadBouncesCommandTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort()});

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path config, String... args) {
        CommandLine command = FeedletterCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return command.execute(all);
    }

    private Path config(String bounces) throws Exception {
        return Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:cli-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: file, from: digest@example.org, outbox-dir: %s }
                newsletters:
                  - { id: quick-comment, schedule: "0 0 8 * * ?" }
                %s""".formatted(UUID.randomUUID(), dir.resolve("outbox"), bounces));
    }

    @Test
    void readsTheMailboxOnceAndSaysWhatItFound() throws Exception {
        try (InputStream sample = getClass().getResourceAsStream("/bounces/out-of-office.eml")) {
            greenMail.setUser("bounces@example.org", "bounces", "")
                    .deliver(new MimeMessage(Session.getInstance(new Properties()), sample));
        }
        Path config = config("""
                bounces:
                  envelope: message-id
                  mailbox: { host: 127.0.0.1, port: %d, security: none, username: bounces, password: "${PW:-}" }
                """.formatted(greenMail.getImap().getPort()));

        assertThat(run(config, "mail", "read-bounces")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("1 read, 1 recorded (0 suppressed an address), 0 recorded before");
    }

    @Test
    void withoutAMailboxItSaysSo() throws Exception {
        assertThat(run(config(""), "mail", "read-bounces")).isEqualTo(ExitCode.BAD_CONFIG_OR_USAGE);
        assertThat(err.toString()).contains("no bounce mailbox is configured");
    }

    @Test
    void aMailboxThatCannotBeReachedIsAFailureNamingIt() throws Exception {
        Path config = config("""
                bounces:
                  envelope: message-id
                  mailbox: { host: 127.0.0.1, port: 1, security: none, username: bounces, password: "${PW:-}" }
                """);

        assertThat(run(config, "mail", "read-bounces")).isEqualTo(ExitCode.FAILURES);
        assertThat(err.toString()).contains("bounce mailbox imap bounces@127.0.0.1:1");
    }
}
