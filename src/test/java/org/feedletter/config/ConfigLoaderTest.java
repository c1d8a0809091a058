package org.feedletter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are fine: what they turn into, defaults included. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConfigLoaderTest {

    private static final String WEB_SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> SECRETS = Map.of("DB_PASSWORD", "db-secret", "SMTP_PASSWORD", "smtp-secret",
            "FEEDLETTER_SECRET", WEB_SECRET);

    @TempDir
    Path workingDirectory;

    @Test
    void a_full_file_maps_to_every_field() throws Exception {
        Files.createDirectories(workingDirectory.resolve("my-templates"));
        Path file = resource("full.yaml");

        FeedletterConfig config = new ConfigLoader(SECRETS, workingDirectory).load(file);

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.database()).isEqualTo(
                new DatabaseConfig("jdbc:postgresql://db.example.org/feedletter", "feedletter", "db-secret", 20));
        assertThat(config.web()).contains(new WebConfig("127.0.0.1", 9090, URI.create("https://news.example.org/"), WEB_SECRET));
        assertThat(config.mail()).isEqualTo(new MailConfig(MailConfig.Transport.SMTP, "smtp.example.org", 2525,
                MailConfig.Security.SSL, "digest@example.org", "smtp-secret", "Quick Comments <digest@example.org>",
                workingDirectory.resolve("spool/outbox")));
        assertThat(config.fetch()).isEqualTo(new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofMinutes(2), 512 * 1024, 3, 8, 1, "example-reader/1.0",
                List.of(AddressRange.parse("loopback"), AddressRange.parse("10.20.0.0/16"), AddressRange.parse("fd00::/8")),
                200));
        assertThat(config.delivery()).isEqualTo(new DeliverySettings(2, 5, Duration.ofDays(1), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofMinutes(5), 0.5, 1000, 2));
        assertThat(config.templates()).isEqualTo(new TemplatesConfig(Optional.of(workingDirectory.resolve("my-templates"))));
        assertThat(config.ticks()).isEqualTo(new TickSettings(Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofSeconds(5)));
        assertThat(config.subscriptions()).isEqualTo(new SubscriptionSettings(Duration.ofHours(24),
                Duration.ofMinutes(30), 10, 2, ZoneId.of("Europe/Stockholm"), 7, java.time.DayOfWeek.FRIDAY));
        assertThat(config.feeds()).containsExactly(
                new FeedConfig(URI.create("https://example.org/publications/feed/"), "Publications", Duration.ofMinutes(15),
                        1000),
                new FeedConfig(workingDirectory.resolve("config/samples/site.xml").toUri(), "Local sample",
                        Duration.ofHours(1), 200)); // fetch.max-entries-per-poll, as the feed sets none
        assertThat(config.newsletters()).containsExactly(
                new NewsletterConfig("quick-comment", "Quick Comment digest", "Short comments, once a day.",
                        new Include(List.of("Quick Comment", "Note")), "0 0 8 * * ?", ZoneId.of("Europe/Stockholm"), 50),
                new NewsletterConfig("weekly", "Weekly", "Everything, on Mondays.", Include.EVERYTHING, "0 0 7 ? * MON",
                        ZoneId.of("America/New_York"), 200));
        assertThat(config.subscribers()).containsExactly(
                new SubscriberSeed("alice@example.org", List.of("quick-comment", "weekly"), ZoneId.of("Asia/Tokyo")),
                new SubscriberSeed("bob@example.org", List.of("weekly"), ZoneId.of("America/New_York")));
    }

    @Test
    void a_minimal_file_gets_the_defaults() throws Exception {
        FeedletterConfig config = new ConfigLoader(Map.of(), workingDirectory).load(resource("minimal.yaml"));

        assertThat(config.database()).isEqualTo(new DatabaseConfig(DatabaseConfig.DEFAULT_URL, "", "", 10));
        assertThat(config.web()).isEmpty();
        assertThat(config.mail()).isEqualTo(new MailConfig(MailConfig.Transport.SMTP, "smtp.example.org", 587,
                MailConfig.Security.STARTTLS, "", "", "digest@example.org", workingDirectory.resolve("data/outbox")));
        assertThat(config.fetch()).isEqualTo(FetchSettings.defaults(FeedletterVersion.userAgent()));
        assertThat(config.delivery()).isEqualTo(DeliverySettings.defaults());
        assertThat(config.templates()).isEqualTo(new TemplatesConfig(Optional.empty()));
        assertThat(config.ticks()).isEqualTo(TickSettings.defaults());
        assertThat(config.feeds()).isEmpty();
        assertThat(config.newsletters()).isEmpty();
        assertThat(config.subscribers()).isEmpty();
        assertThat(config.subscriptions()).isEqualTo(SubscriptionSettings.defaults());
    }

    @Test
    void the_default_user_agent_names_the_built_version() {
        assertThat(FeedletterVersion.current()).isEqualTo("0.1.0"); // filtered from pom.xml into target/classes
        assertThat(FeedletterVersion.userAgent())
                .isEqualTo("feedletter/0.1.0 (+https://github.com/feedletter/feedletter)");
    }

    @Test
    void items_get_their_defaults() throws Exception {
        FeedletterConfig config = load("""
                mail: { host: smtp.example.org, from: digest@example.org }
                feeds:
                  - url: https://example.org/feed/
                  - url: file:/srv/feeds/site.xml
                newsletters:
                  - id: daily
                    schedule: "0 0 8 * * ?"
                  - id: local
                    schedule: "0 0 8 * * ?"
                    time-zone: Europe/Stockholm
                subscribers:
                  - { email: alice@example.org, newsletters: [local, daily] }
                  - { email: bob@example.org, newsletters: [daily] }
                """);

        assertThat(config.feeds()).containsExactly(
                new FeedConfig(URI.create("https://example.org/feed/"), "example.org", FeedConfig.DEFAULT_INTERVAL),
                new FeedConfig(URI.create("file:/srv/feeds/site.xml"), "site.xml", FeedConfig.DEFAULT_INTERVAL));
        assertThat(config.newsletters().get(0)).isEqualTo(new NewsletterConfig("daily", "daily", "", Include.EVERYTHING,
                "0 0 8 * * ?", ZoneOffset.UTC, NewsletterConfig.DEFAULT_MAX_ITEMS));
        assertThat(config.subscribers()).extracting(SubscriberSeed::timeZone)
                .as("the zone of each subscriber's first newsletter")
                .containsExactly(ZoneId.of("Europe/Stockholm"), ZoneOffset.UTC);
    }

    @Test
    void a_web_section_with_only_a_port_listens_on_the_loopback_only_with_localhost_links() throws Exception {
        FeedletterConfig config = load("""
                web: { port: 8081, secret: "${FEEDLETTER_SECRET}" }
                mail: { host: smtp.example.org, from: digest@example.org }
                """, SECRETS);

        assertThat(config.web()).contains(new WebConfig("127.0.0.1", 8081, URI.create("http://localhost:8081"), WEB_SECRET));
    }

    @Test
    void the_mail_port_follows_the_security_unless_given() throws Exception {
        assertThat(mailWith("security: none").port()).isEqualTo(25);
        assertThat(mailWith("security: starttls").port()).isEqualTo(587);
        assertThat(mailWith("security: ssl").port()).isEqualTo(465);
        assertThat(mailWith("security: SSL").security()).isEqualTo(MailConfig.Security.SSL);
    }

    @Test
    void file_transport_needs_no_host_and_writes_to_the_outbox_folder() throws Exception {
        FeedletterConfig config = load("""
                mail:
                  transport: file
                  from: digest@example.org
                  outbox-dir: /var/spool/feedletter
                """);

        assertThat(config.mail().transport()).isEqualTo(MailConfig.Transport.FILE);
        assertThat(config.mail().host()).isEmpty();
        assertThat(config.mail().outboxDir()).isEqualTo(Path.of("/var/spool/feedletter"));
    }

    @Test
    void environment_references_are_replaced_in_any_value() throws Exception {
        Map<String, String> environment = Map.of("SMTP_HOST", "mail.example.net", "SMTP_PASSWORD", "s3cret",
                "DIGEST_DOMAIN", "example.net", "EMPTY", "");
        FeedletterConfig config = new ConfigLoader(environment, workingDirectory).load(write("""
                mail:
                  host: ${SMTP_HOST}
                  port: ${SMTP_PORT:-2525}
                  security: ${SMTP_SECURITY:-ssl}
                  password: ${SMTP_PASSWORD}
                  from: "Digest <digest@${DIGEST_DOMAIN}>"
                  username: "${EMPTY:-fallback for an empty variable}"
                """));

        assertThat(config.mail()).isEqualTo(new MailConfig(MailConfig.Transport.SMTP, "mail.example.net", 2525,
                MailConfig.Security.SSL, "fallback for an empty variable", "s3cret", "Digest <digest@example.net>",
                workingDirectory.resolve("data/outbox")));
    }

    @Test
    void a_password_may_fall_back_to_empty_when_its_variable_is_unset() throws Exception {
        FeedletterConfig config = load("""
                database: { password: "${DB_PASSWORD:-}" }
                mail: { host: smtp.example.org, from: digest@example.org, password: "" }
                """);

        assertThat(config.database().password()).isEmpty();
        assertThat(config.mail().password()).isEmpty();
    }

    @Test
    void durations_and_sizes_are_read_in_every_form() throws Exception {
        FeedletterConfig config = load("""
                mail: { host: smtp.example.org, from: digest@example.org }
                fetch: { connect-timeout: 500ms, read-timeout: PT30S, deadline: 1h30m, max-body: 1048576 }
                delivery: { max-age: 2d, initial-backoff: 1m, max-backoff: 2h }
                """);

        assertThat(config.fetch().connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.fetch().readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.fetch().deadline()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.fetch().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.delivery().maxAge()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void relative_file_urls_and_paths_resolve_against_the_working_directory() throws Exception {
        Files.createDirectories(workingDirectory.resolve("templates/custom"));
        FeedletterConfig config = load("""
                mail: { transport: file, from: digest@example.org, outbox-dir: ./out/../outbox }
                templates: { dir: templates/custom }
                feeds:
                  - url: file:config/samples/site.xml
                  - url: file:./config/samples/other%20site.xml
                """);

        assertThat(config.feeds()).extracting(FeedConfig::url).containsExactly(
                workingDirectory.resolve("config/samples/site.xml").toUri(),
                workingDirectory.resolve("config/samples/other site.xml").toUri());
        assertThat(config.feeds()).allSatisfy(feed -> assertThat(feed.url().isAbsolute()).isTrue());
        assertThat(config.mail().outboxDir()).isEqualTo(workingDirectory.resolve("outbox"));
        assertThat(config.templates().dir()).contains(workingDirectory.resolve("templates/custom"));
    }

    @Test
    void empty_sections_and_lists_read_as_absent() throws Exception {
        FeedletterConfig config = load("""
                web:
                fetch: ~
                mail: { host: smtp.example.org, from: digest@example.org }
                feeds: []
                newsletters:
                """);

        assertThat(config.web()).isEmpty();
        assertThat(config.feeds()).isEmpty();
        assertThat(config.newsletters()).isEmpty();
    }

    @Test
    void the_loaded_config_is_immutable() throws Exception {
        Files.createDirectories(workingDirectory.resolve("my-templates"));
        FeedletterConfig config = new ConfigLoader(SECRETS, workingDirectory).load(resource("full.yaml"));

        assertThat(config.feeds()).isUnmodifiable();
        assertThat(config.newsletters()).isUnmodifiable();
        assertThat(config.subscribers()).isUnmodifiable();
        assertThat(config.subscribers().get(0).newsletters()).isUnmodifiable();
    }

    private MailConfig mailWith(String line) throws Exception {
        return load("mail:\n  host: smtp.example.org\n  from: digest@example.org\n  " + line + "\n").mail();
    }

    private FeedletterConfig load(String yaml) throws Exception {
        return load(yaml, Map.of());
    }

    private FeedletterConfig load(String yaml, Map<String, String> environment) throws Exception {
        return new ConfigLoader(environment, workingDirectory).load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(workingDirectory.resolve("feedletter.yaml"), yaml);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }
}
