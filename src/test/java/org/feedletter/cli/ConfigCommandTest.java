package org.feedletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.feedletter.cli.CliFixture.Result;
import org.feedletter.config.ConfigLoader;
import org.feedletter.config.FeedletterConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    private static final String SECRET = "correct-horse-battery-staple";

    @TempDir
    Path dir;

    @Test
    void aUsableConfigIsPrintedWithEveryDefaultFilledIn() throws Exception {
        try (CliFixture cli = new CliFixture(dir, "/site-wide.rss")) {
            Result check = cli.run("config", "check");

            assertThat(check.exit()).isZero();
            assertThat(check.out()).startsWith("# " + cli.config + " is usable. The effective config, every default "
                            + "filled in (it loads back the same; secrets stay environment references):")
                    .contains("database:\n  url: jdbc:h2:mem:cli-", "  # password: ${DB_PASSWORD}  (not set)\n"
                            + "  pool-size: 10  # default\n")
                    .contains("fetch:\n  connect-timeout: 10s  # default\n", "  max-body: 10MB  # default\n")
                    .contains("feeds:\n  - url: " + cli.server.url("/site-wide.rss") + "\n    name: site-wide.rss\n"
                            + "    interval: 30m  # default\n")
                    .contains("newsletters:\n  - id: quick-comment\n", "    schedule: 0 0 8 * * ?\n",
                            "    time-zone: Europe/Stockholm\n")
                    .contains("admin:\n  # password: ${FEEDLETTER_ADMIN_PASSWORD}  (not set)\n  session: 12h  # default\n");
            assertThat(cli.run("config", "check", "--quiet").out()).isEmpty();
        }
    }

    @Test
    void aBadConfigListsEachProblemAndExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                mail: { transport: file, from: digest@example.org }
                newsletters:
                  - { id: qc, schedule: "0 0 25 * * ?" }
                """);

        Result check = CliFixture.runWithout("config", "check", "--config", bad.toString());

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains(bad + " cannot be used (1 problem):", bad + ":3: newsletter 'qc': bad cron");
        assertThat(check.out()).isEmpty();
    }

    @Test
    void aLoginWithoutTlsToAnotherMachineIsRefusedUnlessAllowedAndTheSwitchIsPrintedAsTheFileTakesIt() throws Exception {
        String mail = "mail: { host: smtp.example.org, security: none, username: digest, from: digest@example.org%s }\n";
        Path refused = Files.writeString(dir.resolve("refused.yaml"), mail.formatted(""));

        Result check = CliFixture.runWithout("config", "check", "--config", refused.toString());

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains(refused + ":1: mail: security: none would send username and password"
                + " unencrypted to smtp.example.org", "allow-login-without-tls: true");

        Path allowed = Files.writeString(dir.resolve("allowed.yaml"), mail.formatted(", allow-login-without-tls: true"));
        Result printed = CliFixture.runWithout("config", "check", "--config", allowed.toString());

        assertThat(printed.exit()).isZero();
        String line = printed.out().lines().filter(l -> l.contains("allow-login-without-tls")).findFirst().orElseThrow();
        assertThat(line).isEqualTo("  allow-login-without-tls: true");
        Path again = Files.writeString(dir.resolve("again.yaml"), mail.formatted(", " + line.strip()));
        assertThat(new ConfigLoader(Map.of(), dir).load(again).mail().allowLoginWithoutTls()).isTrue();
    }

    @Test
    void aBrokenTemplateIsFoundToo() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("digest.html.ftlh"), "<#if>");
        Path config = Files.writeString(dir.resolve("feedletter.yaml"), """
                mail: { transport: file, from: digest@example.org }
                templates: { dir: "%s" }
                """.formatted(templates));

        Result check = CliFixture.runWithout("config", "check", "--config", config.toString());

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains("cannot be used: template digest.html.ftlh");
    }

    @Test
    void secretsArePrintedAsTheirEnvironmentReferences() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.yaml"), """
                database: { url: "jdbc:postgresql://db/feedletter", password: "${DB_PASSWORD}" }
                web: { port: 8080, secret: "${FEEDLETTER_SECRET}", metrics-token: "${FEEDLETTER_METRICS_TOKEN}" }
                mail: { host: smtp.example.org, from: digest@example.org, username: digest, password: "${SMTP_PASSWORD}" }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}" }
                """);
        ConfigLoader.Checked checked = new ConfigLoader(Map.of("DB_PASSWORD", SECRET, "SMTP_PASSWORD", SECRET + "-smtp",
                "FEEDLETTER_ADMIN_PASSWORD", SECRET + "-admin", "FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef",
                "FEEDLETTER_METRICS_TOKEN", SECRET + "-metrics"), dir).check(file);
        FeedletterConfig config = checked.config();

        assertThat(checked.effectiveYaml()).doesNotContain(SECRET).contains("username: digest\n")
                .containsSubsequence("database:", "password: ${DB_PASSWORD}", "web:", "secret: ${FEEDLETTER_SECRET}",
                        "metrics-token: ${FEEDLETTER_METRICS_TOKEN}", "mail:", "password: ${SMTP_PASSWORD}", "admin:",
                        "password: ${FEEDLETTER_ADMIN_PASSWORD}");
        assertThat(ConfigCommand.Check.notes(config)).as("metrics are guarded").isEmpty();
    }

    @Test
    void openMetricsAreNoted() throws Exception {
        Path file = Files.writeString(dir.resolve("open.yaml"), """
                mail: { transport: file, from: digest@example.org }
                web: { port: 8080, secret: "${FEEDLETTER_SECRET}" }
                """);
        ConfigLoader.Checked checked = new ConfigLoader(Map.of("FEEDLETTER_SECRET",
                "0123456789abcdef0123456789abcdef"), dir).check(file);
        FeedletterConfig config = checked.config();

        assertThat(checked.effectiveYaml()).contains("  # metrics-token: ${FEEDLETTER_METRICS_TOKEN}  (not set)\n");
        assertThat(ConfigCommand.Check.notes(config)).containsExactly("/metrics answers anyone who can reach port "
                + "8080; set web.metrics-token (from the environment) to require a bearer token");
    }

    @Test
    void trustedProxiesArePrintedAsTheFileTakesThemBack() throws Exception {
        String web = "web: { port: 8080, secret: \"${FEEDLETTER_SECRET}\", trusted-proxies: [10.0.0.0/8, \"::1\", "
                + "2001:DB8::/32], client-address-header: forwarded }\n";
        Map<String, String> environment = Map.of("FEEDLETTER_SECRET", "0123456789abcdef0123456789abcdef");
        Path file = Files.writeString(dir.resolve("proxies.yaml"), "mail: { transport: file, from: digest@example.org }\n"
                + web);
        ConfigLoader.Checked checked = new ConfigLoader(environment, dir).check(file);
        FeedletterConfig config = checked.config();

        String printed = checked.effectiveYaml();
        assertThat(printed).contains("  trusted-proxies: [10.0.0.0/8, '::1', 2001:DB8::/32]\n"
                + "  client-address-header: forwarded\n");
        String proxies = printed.lines().filter(line -> line.startsWith("  trusted-proxies:")).findFirst().orElseThrow();
        String header = printed.lines().filter(line -> line.startsWith("  client-address-header:")).findFirst()
                .orElseThrow();
        Path again = Files.writeString(dir.resolve("again.yaml"), "mail: { transport: file, from: digest@example.org }\n"
                + "web:\n  port: 8080\n  secret: \"${FEEDLETTER_SECRET}\"\n" + proxies + "\n" + header + "\n");
        assertThat(new ConfigLoader(environment, dir).load(again).web()).isEqualTo(config.web());
    }

    @Test
    void theEgressAllowanceAndTheEntryCapsArePrintedAsTheLoaderTakesThemBack() throws Exception {
        Path file = Files.writeString(dir.resolve("limits.yaml"), """
                mail: { transport: file, from: digest@example.org }
                fetch: { allow-internal: [loopback, 10.20.0.0/16, "fd00::/8", "::1/128"], max-entries-per-poll: 300 }
                feeds:
                  - { url: "https://example.org/feed", max-entries-per-poll: 50 }
                  - { url: "https://example.org/other" }
                """);
        ConfigLoader.Checked checked = new ConfigLoader(Map.of(), dir).check(file);
        FeedletterConfig config = checked.config();

        String printed = checked.effectiveYaml();
        assertThat(printed).contains("  allow-internal: [loopback, 10.20.0.0/16, fd00::/8, '::1/128']\n",
                "  max-entries-per-poll: 300\n", "    interval: 30m  # default\n    max-entries-per-poll: 50\n",
                "    interval: 30m  # default\n    max-entries-per-poll: 300  # default\n");
        String again = "mail: { transport: file, from: digest@example.org }\nfetch:\n"
                + line(printed, "  allow-internal:") + line(printed, "  max-entries-per-poll:")
                + printed.substring(printed.indexOf("feeds:\n"), printed.indexOf("newsletters:"));
        FeedletterConfig reloaded = new ConfigLoader(Map.of(), dir).load(Files.writeString(dir.resolve("again.yaml"), again));
        assertThat(reloaded.fetch().allowInternal()).isEqualTo(config.fetch().allowInternal());
        assertThat(reloaded.fetch().maxEntriesPerPoll()).isEqualTo(300);
        assertThat(reloaded.feeds()).isEqualTo(config.feeds());
    }

    private static String line(String text, String start) {
        int at = text.indexOf("\n" + start) + 1;
        return text.substring(at, text.indexOf('\n', at) + 1);
    }

    @Test
    void aFeedsUserInfoAndTokenArePrintedMasked() throws Exception {
        Path file = Files.writeString(dir.resolve("feed-secrets.yaml"), """
                mail: { transport: file, from: digest@example.org }
                feeds:
                  - url: "https://reader:%s@members.example/feed.xml?token=%s-t&lang=en"
                """.formatted(SECRET, SECRET));
        String printed = new ConfigLoader(Map.of(), dir).check(file).effectiveYaml();

        assertThat(printed).doesNotContain(SECRET).doesNotContain("reader")
                .contains("url: https://****@members.example/feed.xml?token=****&lang=en\n");
    }
}
