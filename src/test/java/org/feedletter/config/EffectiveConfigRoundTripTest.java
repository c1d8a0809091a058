package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code config check} prints loads back to the same config: every key as the loader takes it, every default
 * in a form its parser reads, environment references kept as references.
 */
class EffectiveConfigRoundTripTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("FEEDLETTER_SECRET",
            "0123456789abcdef0123456789abcdef", "DB_PASSWORD", "db-secret", "SMTP_PASSWORD", "smtp-secret",
            "FEEDLETTER_ADMIN_PASSWORD", "admin-secret-long-enough", "FEEDLETTER_METRICS_TOKEN",
            "metrics-token-0123456789", "FEED_TOKEN", "t0k3n");

    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoadsBackTheSame() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        assertRoundTrip(new ConfigLoader(Map.of(), project), project.resolve("config/feedletter.yaml"));
    }

    @Test
    void aMinimalConfigWithEveryDefaultLoadsBackTheSame() throws Exception {
        Path file = Files.writeString(dir.resolve("minimal.yaml"), """
                mail: { host: smtp.example.org, from: digest@example.org }
                """);
        String printed = assertRoundTrip(new ConfigLoader(Map.of(), dir), file);

        assertThat(printed).contains("fetch:\n", "  max-body: 10MB  # default\n", "delivery:\n", "dedup:\n",
                        "  window: 14d  # default\n", "schedule:\n", "subscriptions:\n", "  weekly-on: monday  # default\n")
                .contains("mail:\n  transport: smtp  # default\n  host: smtp.example.org\n", "  port: 587  # default\n",
                        "  # password: ${SMTP_PASSWORD}  (not set)\n")
                .doesNotContain("web:");
    }

    @Test
    void aConfigUsingEveryKindOfKeyLoadsBackTheSame() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("my templates"));
        Path file = Files.writeString(dir.resolve("full.yaml"), """
                database: { url: "jdbc:postgresql://db.internal:5432/feedletter", username: feedletter,
                            password: "${DB_PASSWORD}", pool-size: 4 }
                web:
                  port: 8080
                  base-url: https://news.example.org
                  bind: 0.0.0.0
                  secret: "${FEEDLETTER_SECRET}"
                  trusted-proxies: [10.0.0.0/8, "::1"]
                  client-address-header: forwarded
                  metrics-token: "${FEEDLETTER_METRICS_TOKEN}"
                  title: "Observatory: Quick Comments"
                  author: Eastern Policy Observatory
                  description: "Fast takes # on breaking news"
                  hub: https://hub.example.org/
                mail: { host: smtp.example.org, port: 2525, security: ssl, username: digest,
                        password: "${SMTP_PASSWORD}", from: "Quick Comments <digest@example.org>" }
                fetch: { connect-timeout: 5s, read-timeout: 1m30s, max-body: 2MB, per-host: 2,
                         user-agent: "feedletter/1.0 (+https://news.example.org/about)", allow-internal: [loopback] }
                delivery: { concurrency: 2, max-attempts: 5, rate-per-second: 2.5, rate-per-hour: 1000 }
                templates: { dir: "%s" }
                schedule: { poll-every: 2m, editions-every: 30s }
                subscriptions: { confirm-within: 2d, time-zone: Europe/Oslo, digest-hour: 7, weekly-on: friday }
                admin: { password: "${FEEDLETTER_ADMIN_PASSWORD}", session: 8h }
                dedup: { window: 7d, text-similarity: 0.7 }
                feeds:
                  - { url: "https://observatory.example/feed/", name: "Site-wide: all", interval: 15m }
                  - url: "https://observatory.example/quick-comments/feed/?key=${FEED_TOKEN}"
                    categories: [Quick Comment, "Fast take, short"]
                    max-entries-per-poll: 40
                newsletters:
                  - id: quick-comment
                    title: Quick Comment digest
                    description: "Fast takes: the week's news, explained"
                    include:
                      match: all
                      categories: ["Quick Comment"]
                      authors: [Marta Kowalczyk]
                      feeds: ["Site-wide: all"]
                      keywords: [central bank]
                      title-regex: "^(?i)quick\\\\s+comment's"
                      text-regex: 'rates? (rise|fall)'
                      languages: [en, en-GB]
                      url-path: /publications/quick-comment/
                      url-regex: "/qc-\\\\d+$"
                      label: Quick Comment
                    exclude: { keywords: [sponsored], categories: [Podcast] }
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                    max-items: 20
                    updates: { enabled: true, text-change: 0.25 }
                    drop-title-prefix: true
                  - id: breaking
                    include: { categories: [Breaking] }
                    schedule: as-published
                    publish-delay: 30s
                    max-per-day: 6
                  - { id: at-once, schedule: as-published, publish-delay: 0 }
                subscribers:
                  - { email: alice@example.org, newsletters: [quick-comment], time-zone: America/New_York }
                """.formatted(templates));

        String printed = assertRoundTrip(new ConfigLoader(ENVIRONMENT, dir), file);

        assertThat(printed).doesNotContain("db-secret", "smtp-secret", "admin-secret", "metrics-token-0", "t0k3n")
                .contains("  password: ${DB_PASSWORD}\n", "?key=${FEED_TOKEN}");
    }

    /** Loads the file, prints it, loads the print: the same config, and the same print. Returns the print. */
    private String assertRoundTrip(ConfigLoader loader, Path file) throws Exception {
        ConfigLoader.Checked first = loader.check(file);
        Path printed = Files.writeString(dir.resolve("printed-" + file.getFileName()), first.effectiveYaml());

        ConfigLoader.Checked again = loader.check(printed);

        for (RecordComponent component : FeedletterConfig.class.getRecordComponents()) {
            if (!component.getName().equals("source")) {
                assertThat(component.getAccessor().invoke(again.config())).as(component.getName())
                        .isEqualTo(component.getAccessor().invoke(first.config()));
            }
        }
        assertThat(again.effectiveYaml()).as("the same print, but that the defaults are now written")
                .isEqualTo(first.effectiveYaml().replace("  # default\n", "\n"));
        return first.effectiveYaml();
    }

    @Test
    void theReferenceListsEveryKeyAndLoadsAsAConfig() throws Exception {
        String reference = ConfigLoader.reference(dir);

        for (String key : FilterReader.INCLUDE_KEYS) {
            assertThat(reference).as(key).containsPattern("\n      (# )?" + key + ":");
        }
        assertThat(reference).contains("  # trusted-proxies:\n", "    # categories:\n", "  session: 12h  # default\n",
                "  max-body: 10MB  # default\n", "    drop-title-prefix: false  # default\n", "templates:\n  # dir:\n");
        Path file = Files.writeString(dir.resolve("reference.yaml"), reference);
        FeedletterConfig loaded = new ConfigLoader(ENVIRONMENT, dir).load(file);
        assertThat(loaded.fetch()).isEqualTo(FetchSettings.defaults(loaded.fetch().userAgent()));
    }
}
