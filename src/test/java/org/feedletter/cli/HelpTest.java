package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.feedletter.cli.CliFixture.Result;
import org.junit.jupiter.api.Test;

/** Every command explains itself: options, examples or exit codes, --config and --log-format. */
class HelpTest {

    @Test
    void theTopLevelHelpListsEveryCommandWithExamples() {
        Result help = CliFixture.runWithout("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "poll", "feeds", "digest", "status", "config", "Examples:",
                "feedletter feeds add URL", "Exit codes: 0 done; 1 done, but failures were recorded");
        assertThat(help.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void everyCommandHasHelpWithItsOptionsAndExitCodes() {
        String[][] commands = {{"run"}, {"poll"}, {"status"}, {"digest", "preview"}, {"digest", "send"},
                {"config", "check"}, {"feeds", "add"}};
        for (String[] command : commands) {
            String[] args = new String[command.length + 1];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--help";

            Result help = CliFixture.runWithout(args);

            assertThat(help.exit()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("--config=FILE", "--log-format=text|json");
        }
        for (String group : new String[] {"feeds", "digest", "config"}) {
            Result help = CliFixture.runWithout("help", group);
            assertThat(help.out()).as(group).contains("Examples:", "Commands:");
        }
    }

    @Test
    void aMistypedCommandIsRefusedWithTheCommandsItMayHaveMeant() {
        Result typo = CliFixture.runWithout("stauts");

        assertThat(typo.exit()).isEqualTo(ExitCode.BAD_CONFIG_OR_USAGE);
        assertThat(typo.err()).contains("stauts", "status");
    }
}
