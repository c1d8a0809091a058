package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code feedletter subscribers show | suppress | unsuppress}, as an operator runs them. */
class SubscribersSuppressionCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeConfig() throws Exception {
        config = Files.writeString(dir.resolve("feedletter.yaml"), """
                database: { url: "jdbc:h2:mem:cli-%s;DB_CLOSE_DELAY=-1" }
                mail: { transport: file, from: digest@example.org, outbox-dir: %s }
                newsletters:
                  - { id: quick-comment, schedule: "0 0 8 * * ?" }
                """.formatted(UUID.randomUUID(), dir.resolve("outbox")));
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine command = FeedletterCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return command.execute(all);
    }

    @Test
    void suppressShowImportAndUnsuppress() throws Exception {
        assertThat(run("subscribers", "add", "alice@example.org")).isEqualTo(ExitCode.OK);

        assertThat(run("subscribers", "suppress", "Alice@Example.org", "--note", "asked by phone"))
                .as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("alice@example.org: suppressed");

        assertThat(run("status")).isIn(ExitCode.OK, ExitCode.FAILURES);
        assertThat(out.toString()).contains("Suppressed:  1 address");

        assertThat(run("subscribers", "show", "alice@example.org")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("state:        bounced")
                .contains("suppressed:   yes, manual since").contains("(by cli)")
                .contains("evidence:     asked by phone")
                .contains("newsletters:  quick-comment");

        Path csv = Files.writeString(dir.resolve("people.csv"), "email\nbob@example.org\nalice@example.org\n");
        assertThat(run("subscribers", "import", csv.toString())).isEqualTo(ExitCode.FAILURES);
        assertThat(out.toString()).contains("Taken:    1").contains(":3: alice@example.org: the address is suppressed");
        assertThat(run("subscribers", "add", "alice@example.org")).isEqualTo(ExitCode.FAILURES);
        assertThat(err.toString()).contains("the address is suppressed");

        assertThat(run("subscribers", "unsuppress", "alice@example.org")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("manual suppression of").contains("lifted")
                .contains("the subscriber is active");
        assertThat(run("subscribers", "unsuppress", "alice@example.org")).isEqualTo(ExitCode.FAILURES);
        assertThat(err.toString()).contains("not suppressed");

        assertThat(run("subscribers", "show", "alice@example.org")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("suppressed:   no").contains("earlier:      manual suppression")
                .contains("lifted").contains("by cli");
    }

    @Test
    void anUnknownOrMalformedAddressIsSaidSo() {
        assertThat(run("subscribers", "show", "nobody@example.org")).isEqualTo(ExitCode.FAILURES);
        assertThat(err.toString()).contains("nobody@example.org: no such subscriber");
        assertThat(run("subscribers", "suppress", "not-an-address")).isEqualTo(ExitCode.BAD_CONFIG_OR_USAGE);
        assertThat(err.toString()).contains("not-an-address");
        // An address that never subscribed can be suppressed, and a later sign-up or add is refused.
        assertThat(run("subscribers", "suppress", "spamtrap@example.org")).isEqualTo(ExitCode.OK);
        assertThat(run("subscribers", "show", "spamtrap@example.org")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("not a subscriber").contains("suppressed:   yes");
    }
}
