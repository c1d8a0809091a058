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

/** {@code feedletter subscribers ...} on a file database, as an operator runs it. */
class SubscribersCommandTest {

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
                  - { id: weekly, schedule: "0 0 8 ? * MON" }
                """.formatted(UUID.randomUUID(), dir.resolve("outbox")));
    }

    private int run(String... args) {
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
    void importTakesGoodRowsAndRefusesTheOthersWithTheirLineAndReason() throws Exception {
        Path csv = Files.writeString(dir.resolve("people.csv"), """
                email,newsletters,frequency,time_zone
                alice@example.org,quick-comment,,
                Bob@Example.org,quick-comment weekly,weekly,Europe/Oslo
                not-an-address,quick-comment,,
                carol@example.org,nope,,
                ALICE@example.org,weekly,,
                dan@example.org,,daily,Mars/Base
                """);
        assertThat(run("subscribers", "remove", "zed@example.org")).as(err.toString()).isEqualTo(ExitCode.FAILURES);
        assertThat(run("subscribers", "add", "zed@example.org", "--newsletter", "weekly")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(run("subscribers", "remove", "zed@example.org")).isEqualTo(ExitCode.OK);

        int code = run("subscribers", "import", csv.toString());

        assertThat(code).isEqualTo(ExitCode.FAILURES);
        assertThat(out.toString()).contains("Taken:    2 (2 new").contains("Refused:  4")
                .contains(":4: not-an-address:").contains(":5: carol@example.org: no newsletter nope")
                .contains(":6: ALICE@example.org: the address appears twice in the file")
                .contains(":7: dan@example.org: expected a time zone");

        out.getBuffer().setLength(0);
        Path zed = Files.writeString(dir.resolve("zed.csv"), "email\nzed@example.org\n");
        run("subscribers", "import", zed.toString());
        assertThat(out.toString()).as("who unsubscribed is not brought back by an import")
                .contains("zed@example.org: unsubscribed earlier");

        out.getBuffer().setLength(0);
        assertThat(run("subscribers", "list", "--state", "active")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("alice@example.org").contains("bob@example.org")
                .contains("quick-comment weekly").contains("2 subscribers");

        out.getBuffer().setLength(0);
        run("subscribers", "export");
        assertThat(out.toString()).startsWith("email,state,newsletters,frequency,time_zone,origin,")
                .contains("bob@example.org,active,\"quick-comment weekly\",weekly,Europe/Oslo,cli,")
                .contains("zed@example.org,unsubscribed,,edition,UTC,cli,");
    }

    @Test
    void aMistypedNewsletterIdIsRefusedWithTheIdMeant() {
        assertThat(run("subscribers", "add", "eve@example.org", "--newsletter", "weekyl")).isEqualTo(ExitCode.FAILURES);

        assertThat(out.toString() + err).contains("no newsletter weekyl (did you mean weekly?)");
    }
}
